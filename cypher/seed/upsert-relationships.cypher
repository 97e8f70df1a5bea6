// seed/upsert-relationships — creates or replaces relationships of one type, identified by
// (from, type, to). __TYPE__ is the type, composed by src/seed/parts.ts (typePart) from the
// closed list of relationship types: the seeder sends one type per statement, so the MERGE is
// planned as an expand of that type from a matched end. Both ends must exist (the seeder checks
// references before it writes).
// $rows: list of {from, to, props} — props holds every stored property, dates as strings
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__]->(b)
SET r = row.props
SET r.validFrom = date(row.props.validFrom), r.validTo = date(row.props.validTo)
RETURN count(r) AS written
