// schema/entity-kind-index — entities(kind:) and the kind filters of search and subgraph.
// No parameters. Idempotent.
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind)
