// schema/entity-fulltext — full-text index over names and aliases for Query.search.
// aliasText holds the aliases joined by " | ": full-text indexes take string properties.
// No parameters. Idempotent.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }
