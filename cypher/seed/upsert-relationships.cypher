// seed/upsert-relationships — creates or replaces relationships, identified by (from, type, to).
// Both ends must exist (the seeder checks references before it writes).
// $rows: list of {from, type, to, props} — props holds every stored property, dates as strings
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type)]->(b)
SET r = row.props
SET r.validFrom = date(row.props.validFrom), r.validTo = date(row.props.validTo)
RETURN count(r) AS written
