// entity/count — how many entities a filter keeps, and nothing else: what a totalCount asked
// alone needs. Without a condition the count comes from Neo4j's count store, reading no node.
// The condition (WHERE) is compiled by src/store/filters.ts.
// $f: map of the filter's values (p0, p1, ...), named by the compiled condition
MATCH (e:Entity)
WHERE __WHERE__
RETURN count(e) AS total
