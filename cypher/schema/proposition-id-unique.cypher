// schema/proposition-id-unique — every proposition has a unique id.
// No parameters. Idempotent.
CREATE CONSTRAINT proposition_id_unique IF NOT EXISTS FOR (p:Proposition) REQUIRE p.id IS UNIQUE
