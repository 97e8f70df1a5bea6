// relationship/two-levels — one entity, one page of its relationships, and for each entity at
// the other end one page of its own relationships per requested set of arguments: the answer of
// entity → relationships → node → relationships in one statement (src/graphql/plan.ts), instead
// of one statement per level. Each page is what relationship/of-entities returns for the same
// arguments (same filter, order, slicing and row shape), so the planner primes the loaders with it.
// $id: the entity id
// $types: list of relationship types, or null for all (first level)
// $direction: 'OUT' | 'IN' | 'BOTH', seen from the entity (first level)
// $asOf: 'YYYY-MM-DD' or null (first level; as in relationship/of-entities)
// $page: map {after, before, first, last} (first level; as in relationship/of-entities)
// $nested: list of {types, direction, asOf, page}, the second level's argument sets (may be
//          empty); numbers inside a map arrive as floats, hence toInteger
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[r]-(o:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($direction = 'BOTH' OR ($direction = 'OUT') = (startNode(r) = e))
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= date($asOf))
                           AND (r.validTo IS NULL OR r.validTo >= date($asOf))
                           AND (r.isEffect IS NULL OR startNode(r).inForceFrom IS NULL OR any(i IN range(0, size(startNode(r).inForceFrom) - 1) WHERE startNode(r).inForceFrom[i] <= $asOf AND $asOf <= startNode(r).inForceTo[i]))))
  WITH collect({k: [type(r), toLower(o.name), o.id, startNode(r).id], e: [r, o], o: 1}) AS found
  WITH found, $page AS pg
  CALL (found, pg) {
    UNWIND found + {{keyset-bounds}} AS row
    WITH row
    ORDER BY row.k[0], row.k[1], row.k[2], row.k[3], row.o
    RETURN collect(row) AS sorted
  }
  {{keyset-window}}
  RETURN total, sorted[lo..hi] AS slice, hasPrevious, hasNext
}
CALL (e, slice) {
  UNWIND slice AS x
  WITH x.e[0] AS r, x.e[1] AS o, x.k AS k
  CALL (o) {
    UNWIND range(0, size($nested) - 1) AS n
    WITH n, $nested[n] AS spec
    CALL (o, spec) {
      MATCH (o)-[r2]-(o2:Entity)
      WHERE (spec.types IS NULL OR type(r2) IN spec.types)
        AND (spec.direction = 'BOTH' OR (spec.direction = 'OUT') = (startNode(r2) = o))
        AND (spec.asOf IS NULL OR ((r2.validFrom IS NULL OR r2.validFrom <= date(spec.asOf))
                                   AND (r2.validTo IS NULL OR r2.validTo >= date(spec.asOf))
                                   AND (r2.isEffect IS NULL OR startNode(r2).inForceFrom IS NULL OR any(i IN range(0, size(startNode(r2).inForceFrom) - 1) WHERE startNode(r2).inForceFrom[i] <= spec.asOf AND spec.asOf <= startNode(r2).inForceTo[i]))))
      WITH collect({k: [type(r2), toLower(o2.name), o2.id, startNode(r2).id], e: [r2, o2], o: 1}) AS found
      WITH found, spec.page AS pg
      CALL (found, pg) {
        UNWIND found + {{keyset-bounds}} AS row
        WITH row
        ORDER BY row.k[0], row.k[1], row.k[2], row.k[3], row.o
        RETURN collect(row) AS sorted
      }
      {{keyset-window}}
      CALL (o, sorted, lo, hi) {
        UNWIND sorted[lo..hi] AS x2
        WITH x2.e[0] AS r2, x2.e[1] AS o2, x2.k AS k2
        RETURN collect(r2 {.*, type: type(r2), direction: CASE WHEN startNode(r2) = o THEN 'OUT' ELSE 'IN' END, otherId: o2.id, fromId: startNode(r2).id, toId: endNode(r2).id, other: o2 {.*}}) AS page2, collect(k2) AS keys2
      }
      RETURN total AS total2, page2, keys2, hasPrevious AS hasPrevious2, hasNext AS hasNext2
    }
    RETURN collect({set: n, total: total2, page: page2, keys: keys2, hasPrevious: hasPrevious2, hasNext: hasNext2}) AS levels
  }
  RETURN collect(r {.*, type: type(r), direction: CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END, otherId: o.id, fromId: startNode(r).id, toId: endNode(r).id, other: o {.*}}) AS page,
         collect(k) AS keys, collect({id: o.id, levels: levels}) AS nested
}
RETURN e {.*} AS entity, total, page, keys, hasPrevious, hasNext, nested
