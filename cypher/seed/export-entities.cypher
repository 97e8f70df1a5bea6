// seed/export-entities — every entity (documents included) with its stored properties, for the
// seed-format export (src/seed/export.ts); the exporter orders them.
// No parameters.
MATCH (e:Entity)
RETURN e {.*} AS element
