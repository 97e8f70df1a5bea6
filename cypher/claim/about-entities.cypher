// claim/about-entities — one page of the claims about each of several entities.
// $ids: list of entity ids
// $skip: integer offset
// $limit: integer page size
UNWIND $ids AS id
CALL (id) {
  MATCH (c:Claim)-[:ABOUT]->(:Entity {id: id})
  WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
  RETURN collect(c {.*}) AS claims
}
RETURN id, size(claims) AS total, claims[$skip..($skip + $limit)] AS page
