// seed/imported-relationship-lists — after a first load through the import tool
// (src/seed/bulk-import.ts): the list properties of relationships of one type that a CSV field
// cannot carry (an empty list, a list holding an empty string), set as seed/create-relationships
// would have set them. __TYPE__ is the type, composed by src/seed/parts.ts (typePart).
// $rows: list of {from, to, props} — props: those lists only
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r:__TYPE__]->(b:Entity {id: row.to})
SET r += row.props
RETURN count(r) AS written
