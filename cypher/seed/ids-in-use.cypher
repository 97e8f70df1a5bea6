// seed/ids-in-use — what each of the ids names in the database: an entity (with its kind), a
// claim or a proposition. Ids are unique across the three; the seeder refuses an input that
// would give one id a second meaning. A former id (:Merged, see mergeEntities) stays taken: it
// answers for the entity it was merged into (`kind` is then that entity's id). Unknown ids give no row.
// $ids: list of ids
UNWIND $ids AS id
CALL (id) {
  MATCH (e:Entity {id: id})
  RETURN 'entities' AS area, e.kind AS kind
  UNION ALL
  MATCH (c:Claim {id: id})
  RETURN 'claims' AS area, null AS kind
  UNION ALL
  MATCH (p:Proposition {id: id})
  RETURN 'propositions' AS area, null AS kind
  UNION ALL
  MATCH (m:Merged {id: id})
  RETURN 'merges' AS area, m.into AS kind
}
RETURN id, area, kind
