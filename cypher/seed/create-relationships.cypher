// seed/create-relationships — bulk mode's write of relationships of one type that the comparison
// found absent (nobody else writes meanwhile): created without looking for them. __TYPE__ is the
// type, composed by src/seed/parts.ts (typePart). The same properties as seed/upsert-relationships.
// $rows: list of {from, to, props} — props holds every stored property, dates as strings
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
SET r.validFrom = date(row.props.validFrom), r.validTo = date(row.props.validTo)
RETURN count(r) AS written
