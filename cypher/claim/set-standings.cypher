// claim/set-standings — stores the evidence rule's results on claims (computed in TypeScript by
// src/domain/evidence.ts, in the transaction of the write that changed them).
// $rows: list of {id, support, opposition, status}
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
SET c.support = row.support, c.opposition = row.opposition, c.status = row.status
RETURN count(c) AS scored
