// schema/entity-id-unique — every entity (documents included) has a unique id.
// No parameters. Idempotent.
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE
