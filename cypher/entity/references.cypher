// entity/references — everything that still refers to an entity and would not be deleted with it
// (deleteEntity refuses while there is any). THE ONE PLACE that knows every kind of reference to
// an entity: whoever adds a kind adds a branch here, and deleteEntity and its tests
// (test/integration/delete.int.test.ts) cover it. What goes with the entity is not a reference: its own
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
  UNION ALL
  // A claim that stays rests on it (a document it is based on).
  MATCH (c:Claim)-[:BASED_ON_DOCUMENT]->(e) WHERE c.claimantId <> e.id
    AND NOT (EXISTS { (c)-[:ABOUT]->(e) } AND NOT EXISTS { (c)-[:ABOUT]->(o) WHERE o <> e })
  RETURN 'claims' AS area, c.id AS id, 'basedOnDocuments' AS field
  UNION ALL
  // A claim that stays rests on, or qualifies, a claim that would go with it (one it made, or one
  // whose only subject it is): its basis would vanish from under it.
  MATCH (c:Claim)-[link:BASED_ON|QUALIFIES|CORRECTS|SUPERSEDES]->(d:Claim)
  WHERE (d.claimantId = e.id OR (EXISTS { (d)-[:ABOUT]->(e) } AND NOT EXISTS { (d)-[:ABOUT]->(o) WHERE o <> e }))
    AND c.claimantId <> e.id
    AND NOT (EXISTS { (c)-[:ABOUT]->(e) } AND NOT EXISTS { (c)-[:ABOUT]->(o) WHERE o <> e })
  RETURN 'claims' AS area, c.id AS id,
    CASE type(link) WHEN 'BASED_ON' THEN 'basedOn' WHEN 'QUALIFIES' THEN 'qualifies' WHEN 'CORRECTS' THEN 'corrects' ELSE 'supersedes' END AS field
  UNION ALL
  // A claim that stays was made jointly with it.
  MATCH (c:Claim) WHERE e.id IN coalesce(c.coClaimantIds, []) AND c.claimantId <> e.id
  RETURN 'claims' AS area, c.id AS id, 'coClaimants' AS field
  UNION ALL
  // A decision's status history names it: as the judgment that changed the status, or as a source.
  MATCH (x:Entity) WHERE x <> e AND e.id IN coalesce(x.statusByIds, [])
  RETURN 'entities' AS area, x.id AS id, 'decision/statusHistory/by' AS field
  UNION ALL
  MATCH (x:Entity) WHERE x <> e AND e.id IN coalesce(x.statusSourceDocs, [])
  RETURN 'entities' AS area, x.id AS id, 'decision/statusHistory/sources' AS field
  UNION ALL
  // The source of a decision's euro rate, or of a ranked value.
  MATCH (x:Entity) WHERE x <> e AND x.eurRateSourceDoc = e.id
  RETURN 'entities' AS area, x.id AS id, 'decision/eurRate/source' AS field
  UNION ALL
  MATCH (x:Entity) WHERE x <> e AND e.id IN coalesce(x.valueSourceDocs, [])
  RETURN 'entities' AS area, x.id AS id, 'values/sources' AS field
  UNION ALL
  // The source of an identifier or of a name in another language.
  MATCH (x:Entity) WHERE x <> e AND e.id IN coalesce(x.identifierSourceDocs, [])
  RETURN 'entities' AS area, x.id AS id, 'identifiers/sources' AS field
  UNION ALL
  MATCH (x:Entity) WHERE x <> e AND e.id IN coalesce(x.labelSourceDocs, [])
  RETURN 'entities' AS area, x.id AS id, 'labels/sources' AS field
}
WITH area, id, field ORDER BY area, id, field
WITH collect({area: area, id: id, field: field}) AS refs
RETURN size(refs) AS total, refs[0..$max] AS first
