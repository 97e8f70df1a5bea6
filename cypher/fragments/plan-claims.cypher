// fragments/plan-claims — one level of the planner's statement (src/db/compose.ts): the page $page
// of Entity.claimsAbout of the entity `e` ({{claims-about-found}}, {{keyset-page}}: what
// claim/about-entities reads), and, when __ENDS__ is true, the entities it points at (claimants
// and source documents), returned as the one map `level` {total, page, keys, hasPrevious, hasNext,
// ends}. The composer fills __PROPS__ (the claims' stored properties, `.name, .name`) and __END__
// (the ends', likewise) with what the selection needs.
CALL (e) {
  {{claims-about-found}}
  {{keyset-page}}
  WITH total, [x IN sorted[lo..hi] | x.e] AS slice, [x IN sorted[lo..hi] | x.k] AS keys, hasPrevious, hasNext
  CALL (slice) {
    UNWIND CASE WHEN __ENDS__ THEN slice ELSE [] END AS c
    UNWIND [c.claimantId] + coalesce(c.sourceDocs, []) AS endId
    WITH DISTINCT endId
    MATCH (x:Entity {id: endId})
    RETURN collect(x {__END__}) AS ends
  }
  RETURN {total: total, page: [c IN slice | c {__PROPS__}], keys: keys, hasPrevious: hasPrevious, hasNext: hasNext, ends: ends} AS level
}
