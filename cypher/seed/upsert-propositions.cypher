// seed/upsert-propositions — creates or replaces propositions by id.
// $rows: list of {id, text}
UNWIND $rows AS row
MERGE (p:Proposition {id: row.id})
SET p.text = row.text
RETURN count(p) AS written
