// seed/imported-entity-lists — after a first load through the import tool (src/seed/bulk-import.ts):
// the list properties of entities that a CSV field cannot carry (an empty list, a list holding an
// empty string), set as seed/create-entities would have set them.
// $rows: list of {id, props} — props: those lists only
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e += row.props
RETURN count(e) AS written
