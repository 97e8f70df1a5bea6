// claim/about-entity-with-ends — one entity, one page of the claims about it, and the entities
// those claims point at (claimants and source documents): the answer of entity → claimsAbout →
// claimant / sources.document in one statement (src/graphql/plan.ts), instead of one statement
// per level. The page is what claim/about-entities returns for the same arguments, the ends what
// entity/by-ids returns, so the planner primes the loaders with them.
// $id: the entity id
// $skip: integer offset
// $limit: integer page size
// $withEnds: boolean — also return the claimants and source documents of the page
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (c:Claim)-[:ABOUT]->(e)
  WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
  WITH collect(c) AS found
  RETURN size(found) AS total, found[$skip..($skip + $limit)] AS slice
}
CALL (slice) {
  UNWIND CASE WHEN $withEnds THEN slice ELSE [] END AS c
  UNWIND [c.claimantId] + coalesce(c.sourceDocs, []) AS endId
  WITH DISTINCT endId
  MATCH (x:Entity {id: endId})
  RETURN collect(x {.*}) AS ends
}
RETURN e {.*} AS entity, total, [c IN slice | c {.*}] AS page, ends
