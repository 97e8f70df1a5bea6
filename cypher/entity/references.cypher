// entity/references — everything that still refers to an entity and would not be deleted with it
// (deleteEntity refuses while there is any). THE ONE PLACE that knows every kind of reference to
// an entity: whoever adds a kind (a claim's basedOnDocuments, a decision's statusHistory `by`,
// the sources of ranked values, ...) adds a branch here, and deleteEntity and its tests
// (test/delete.int.test.ts) cover it. What goes with the entity is not a reference: its own
// relationships, the claims it made, and the claims whose only subject it is (entity/delete).
// $id: entity id
// $max: most references listed (the count covers all)
MATCH (e:Entity {id: $id})
CALL (e) {
  // Another entity (a document's own sources included) cites it as a source.
  MATCH (x:Entity) WHERE x <> e AND e.id IN x.sourceDocs
  RETURN 'entities' AS area, x.id AS id, 'sources' AS field
  UNION ALL
  // A document names it as its publisher.
  MATCH (x:Entity) WHERE x <> e AND x.publisherId = e.id
  RETURN 'entities' AS area, x.id AS id, 'publisher' AS field
  UNION ALL
  // A relationship between two other entities cites it as a source.
  MATCH (a:Entity)-[r]->(b:Entity) WHERE a <> e AND b <> e AND e.id IN r.sourceDocs
  RETURN 'relationships' AS area, r.id AS id, 'sources' AS field
  UNION ALL
  // A claim that stays (made by another, about another too) cites it as a source.
  MATCH (c:Claim) WHERE e.id IN c.sourceDocs AND c.claimantId <> e.id
    AND NOT (EXISTS { (c)-[:ABOUT]->(e) } AND NOT EXISTS { (c)-[:ABOUT]->(o) WHERE o <> e })
  RETURN 'claims' AS area, c.id AS id, 'sources' AS field
  UNION ALL
  // A claim that stays is about it among others: it would lose a subject.
  MATCH (c:Claim)-[:ABOUT]->(e) WHERE c.claimantId <> e.id AND EXISTS { (c)-[:ABOUT]->(o) WHERE o <> e }
  RETURN 'claims' AS area, c.id AS id, 'subjects' AS field
}
WITH area, id, field ORDER BY area, id, field
WITH collect({area: area, id: id, field: field}) AS refs
RETURN size(refs) AS total, refs[0..$max] AS first
