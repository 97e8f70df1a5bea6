// relationship/two-levels — one entity, one page of its relationships, and for each entity at
// the other end one page of its own relationships per requested set of arguments: the answer of
// entity → relationships → node → relationships in one statement (src/graphql/plan.ts), instead
// of one statement per level. Each page is what relationship/of-entities returns for the same
// arguments (same filter, order, slicing and row shape), so the planner primes the loaders with it.
// $id: the entity id
// $types: list of relationship types, or null for all (first level)
// $direction: 'OUT' | 'IN' | 'BOTH', seen from the entity (first level)
// $asOf: 'YYYY-MM-DD' or null (first level; as in relationship/of-entities)
// $skip: integer offset (first level)
// $limit: integer page size (first level)
// $nested: list of {types, direction, asOf, skip, limit}, the second level's argument sets (may be
//          empty); numbers inside a map arrive as floats, hence toInteger
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[r]-(o:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($direction = 'BOTH' OR ($direction = 'OUT') = (startNode(r) = e))
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= date($asOf))
                           AND (r.validTo IS NULL OR r.validTo >= date($asOf))
                           AND (r.isEffect IS NULL OR startNode(r).inForceFrom IS NULL OR any(i IN range(0, size(startNode(r).inForceFrom) - 1) WHERE startNode(r).inForceFrom[i] <= $asOf AND $asOf <= startNode(r).inForceTo[i]))))
  WITH r, o
  ORDER BY type(r), toLower(o.name), o.id
  WITH collect([r, o]) AS found
  RETURN size(found) AS total, found[$skip..($skip + $limit)] AS slice
}
CALL (e, slice) {
  UNWIND slice AS pair
  WITH pair[0] AS r, pair[1] AS o
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
      WITH r2, o2
      ORDER BY type(r2), toLower(o2.name), o2.id
      WITH collect([r2, o2]) AS found2
      CALL (o, found2, spec) {
        UNWIND found2[toInteger(spec.skip)..(toInteger(spec.skip) + toInteger(spec.limit))] AS pair2
        WITH pair2[0] AS r2, pair2[1] AS o2
        RETURN collect(r2 {.*, type: type(r2), direction: CASE WHEN startNode(r2) = o THEN 'OUT' ELSE 'IN' END, otherId: o2.id, fromId: startNode(r2).id, toId: endNode(r2).id, other: o2 {.*}}) AS page2
      }
      RETURN size(found2) AS total2, page2
    }
    RETURN collect({set: n, total: total2, page: page2}) AS levels
  }
  RETURN collect(r {.*, type: type(r), direction: CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END, otherId: o.id, fromId: startNode(r).id, toId: endNode(r).id, other: o {.*}}) AS page,
         collect({id: o.id, levels: levels}) AS nested
}
RETURN e {.*} AS entity, total, page, nested
