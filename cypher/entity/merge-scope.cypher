// entity/merge-scope — what a merge of entity $from into entity $into rewrites (src/seed/merge.ts):
// every element that names $from, by id or key, and what $into already has that a moved element
// may meet (its relationships, the claims it makes). Mirrors entity/references, the one list of
// the kinds of reference to an entity: whoever adds a kind there adds it here.
// $from: id of the entity merged away
// $into: id of the entity that stays
MATCH (f:Entity {id: $from}), (t:Entity {id: $into})
CALL (f) {
  // Claims it makes (alone or jointly), is a subject of, or is cited or rested on by (a document).
  OPTIONAL MATCH (c:Claim)
  WHERE c.claimantId = f.id OR f.id IN coalesce(c.coClaimantIds, []) OR f.id IN c.subjectIds
     OR f.id IN coalesce(c.sourceDocs, []) OR f.id IN coalesce(c.basedOnDocumentIds, [])
  RETURN collect(DISTINCT c.id) AS claimIds
}
CALL (t) {
  // Claims $into makes: a moved claim must not put one claimant on both sides of a proposition.
  OPTIONAL MATCH (c:Claim)
  WHERE c.claimantId = t.id OR t.id IN coalesce(c.coClaimantIds, [])
  RETURN collect(DISTINCT c.id) AS intoClaimIds
}
CALL (f) {
  // Its relationships, and those between others that cite it as a source.
  OPTIONAL MATCH (a:Entity)-[r]->(b:Entity)
  WHERE a = f OR b = f OR f.id IN coalesce(r.sourceDocs, [])
  RETURN collect(DISTINCT CASE WHEN r IS NULL THEN null ELSE {from: a.id, type: type(r), to: b.id} END) AS relationshipKeys
}
CALL (t) {
  OPTIONAL MATCH (a:Entity)-[r]->(b:Entity)
  WHERE a = t OR b = t
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {from: a.id, type: type(r), to: b.id} END) AS intoRelationshipKeys
}
CALL (f) {
  // Entities that cite it: sources, publisher, status history, euro rate, ranked values,
  // identifiers, labels.
  OPTIONAL MATCH (x:Entity)
  WHERE x <> f AND (f.id IN coalesce(x.sourceDocs, []) OR x.publisherId = f.id
     OR f.id IN coalesce(x.statusByIds, []) OR f.id IN coalesce(x.statusSourceDocs, [])
     OR x.eurRateSourceDoc = f.id OR f.id IN coalesce(x.valueSourceDocs, [])
     OR f.id IN coalesce(x.identifierSourceDocs, []) OR f.id IN coalesce(x.labelSourceDocs, []))
  RETURN collect(DISTINCT x.id) AS entityIds
}
RETURN claimIds, intoClaimIds, relationshipKeys, intoRelationshipKeys, entityIds
