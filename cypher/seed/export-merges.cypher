// seed/export-merges — every former id with the entity it was merged into and why, for the
// seed-format export (src/seed/export.ts); the exporter orders them.
// No parameters.
MATCH (m:Merged)
RETURN m {.*} AS element
