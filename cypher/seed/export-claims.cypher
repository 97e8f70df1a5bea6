// seed/export-claims — every claim with its stored properties, for the seed-format export
// (src/seed/export.ts); the exporter orders them. What the evidence rule derives is left for the
// exporter to drop: it is not input.
// No parameters.
MATCH (c:Claim)
RETURN c {.*} AS element
