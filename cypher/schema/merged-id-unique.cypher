// schema/merged-id-unique — every former id (a :Merged node, left by mergeEntities or a seed
// file's merges) is unique, and looking one up by id is an index seek.
// No parameters. Idempotent.
CREATE CONSTRAINT merged_id_unique IF NOT EXISTS FOR (m:Merged) REQUIRE m.id IS UNIQUE
