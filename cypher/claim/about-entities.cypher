// claim/about-entities — one page of the claims about each of several entities.
// $ids: list of entity ids
// $skip: integer offset
// $limit: integer page size
UNWIND $ids AS id
CALL (id) {
  MATCH (c:Claim)-[:ABOUT]->(:Entity {id: id})
  WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
  // References first, maps for the page only.
  WITH collect(c) AS found
  RETURN size(found) AS total, [x IN found[$skip..($skip + $limit)] | x {.*}] AS page
}
RETURN id, total, page
