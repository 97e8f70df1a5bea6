// seed/imported-claim-lists — after a first load through the import tool (src/seed/bulk-import.ts):
// the list properties of claims that a CSV field cannot carry (an empty list, a list holding an
// empty string), set as seed/upsert-claims would have set them.
// $rows: list of {id, props} — props: those lists only
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
SET c += row.props
RETURN count(c) AS written
