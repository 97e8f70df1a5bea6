// claim/qualifiers — for each of several claims, the claims that qualify it (QUALIFIES,
// incoming), oldest first: the batch behind Claim.qualifiedBy.
// $ids: list of claim ids
UNWIND $ids AS id
CALL (id) {
  MATCH (q:Claim)-[:QUALIFIES]->(:Claim {id: id})
  WITH q ORDER BY q.madeOn IS NULL, q.madeOn, q.id
  RETURN collect(q {.*}) AS claims
}
RETURN id, claims
