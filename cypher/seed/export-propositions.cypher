// seed/export-propositions — every proposition with its stored properties, for the seed-format
// export (src/seed/export.ts); the exporter orders them.
// No parameters.
MATCH (p:Proposition)
RETURN p {.*} AS element
