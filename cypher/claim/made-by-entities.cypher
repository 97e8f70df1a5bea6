// claim/made-by-entities — one page of the claims made by each of several entities, alone or
// jointly (a co-claimant's MADE edge is marked joint).
// $ids: list of entity ids
// $skip: integer offset
// $limit: integer page size
UNWIND $ids AS id
CALL (id) {
  MATCH (:Entity {id: id})-[:MADE]->(c:Claim)
  WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
  // References first, maps for the page only.
  WITH collect(c) AS found
  RETURN size(found) AS total, [x IN found[$skip..($skip + $limit)] | x {.*}] AS page
}
RETURN id, total, page
