// fragments/plan-relationships — one level of the planner's statement (src/db/compose.ts): the
// page of Entity.relationships of the entity `e` that the arguments $types, $direction, $asOf and
// $page ask for ({{relationships-found}}, {{keyset-page}}: what relationship/of-entities reads),
// returned as the one map `level` {total, page, keys, hasPrevious, hasNext}. Each row of the page
// holds only what the selection needs: the composer fills __PROPS__ (the relationship's stored
// properties, each `.name, `), __OTHER__ (the other end's, `.name, .name`), __BELOW__ (the levels
// below, each this fragment again over `o`) and __LEVELS__ (their maps, in the order of the
// planner's argument sets).
CALL (e) {
  {{relationships-found}}
  {{keyset-page}}
  CALL (e, sorted, lo, hi) {
    UNWIND sorted[lo..hi] AS x
    WITH e, x.e[0] AS r, x.e[1] AS o, x.k AS k
    __BELOW__
    RETURN collect(r {__PROPS__{{relationship-row}}, other: o {__OTHER__}, levels: [__LEVELS__]}) AS page, collect(k) AS keys
  }
  RETURN {total: total, page: page, keys: keys, hasPrevious: hasPrevious, hasNext: hasNext} AS level
}
