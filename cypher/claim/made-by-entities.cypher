// claim/made-by-entities — one page of the claims made by each of several entities.
// $ids: list of entity ids
// $skip: integer offset
// $limit: integer page size
UNWIND $ids AS id
CALL (id) {
  MATCH (c:Claim {claimantId: id})
  WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
  RETURN collect(c {.*}) AS claims
}
RETURN id, size(claims) AS total, claims[$skip..($skip + $limit)] AS page
