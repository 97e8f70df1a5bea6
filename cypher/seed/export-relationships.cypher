// seed/export-relationships — every curated relationship between entities (those the seeder
// wrote carry an id; a claim's edges start or end at a claim, not between entities), with its
// stored properties, type and ends, for the seed-format export (src/seed/export.ts).
// No parameters.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id IS NOT NULL
RETURN r {.*, type: type(r), fromId: a.id, toId: b.id} AS element
