// claim/by-ids — claims by id; unknown ids give no row.
// $ids: list of claim ids
UNWIND $ids AS id
MATCH (c:Claim {id: id})
RETURN c {.*} AS claim
