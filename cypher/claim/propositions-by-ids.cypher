// claim/propositions-by-ids — propositions by id; unknown ids give no row.
// $ids: list of proposition ids
UNWIND $ids AS id
MATCH (p:Proposition {id: id})
RETURN p {.*} AS proposition
