// claim/stats — claims grouped and counted, most first, then by key. The condition (WHERE) and
// each claim's group (GROUP, a {key, label} map) are compiled by src/store/filters.ts.
// $f: map of the filter's values (p0, p1, ...), named by the compiled condition
MATCH (c:Claim)
WHERE __WHERE__
WITH __GROUP__ AS g
RETURN g.key AS key, g.label AS label, count(*) AS count
ORDER BY count DESC, key
