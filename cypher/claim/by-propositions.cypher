// claim/by-propositions — every claim on each proposition, oldest first (undated last): the
// batch behind Proposition.claims and Claim.status / contradictedBy / corroboratedBy.
// $ids: list of proposition ids
UNWIND $ids AS id
CALL (id) {
  MATCH (c:Claim {propositionId: id})
  WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
  RETURN collect(c {.*}) AS claims
}
RETURN id, claims
