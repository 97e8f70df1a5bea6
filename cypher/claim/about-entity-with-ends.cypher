// claim/about-entity-with-ends — one entity, one page of the claims about it, and the entities
// those claims point at (claimants and source documents): the answer of entity → claimsAbout →
// claimant / sources.document in one statement (src/graphql/plan.ts), instead of one statement
// per level. The page is what claim/about-entities returns for the same arguments, the ends what
// entity/by-ids returns, so the planner primes the loaders with them.
// $id: the entity id
// $page: map {after, before, first, last} (as in claim/about-entities)
// $withEnds: boolean — also return the claimants and source documents of the page
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (c:Claim)-[:ABOUT]->(e)
  WITH collect({k: [c.madeOn IS NULL, toString(c.madeOn), c.id], e: c, o: 1}) AS found
  WITH found, $page AS pg
  CALL (found, pg) {
    UNWIND found + {{keyset-bounds}} AS row
    WITH row
    ORDER BY row.k[0], row.k[1], row.k[2], row.o
    RETURN collect(row) AS sorted
  }
  {{keyset-window}}
  RETURN total, [r IN sorted[lo..hi] | r.e] AS slice, [r IN sorted[lo..hi] | r.k] AS keys, hasPrevious, hasNext
}
CALL (slice) {
  UNWIND CASE WHEN $withEnds THEN slice ELSE [] END AS c
  UNWIND [c.claimantId] + coalesce(c.sourceDocs, []) AS endId
  WITH DISTINCT endId
  MATCH (x:Entity {id: endId})
  RETURN collect(x {.*}) AS ends
}
RETURN e {.*} AS entity, total, [c IN slice | c {.*}] AS page, keys, hasPrevious, hasNext, ends
