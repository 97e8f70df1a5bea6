// entity/list — a filtered, sorted page of entities with the total count. The condition (WHERE)
// and the leading sort keys (ORDER) are compiled from the request by src/db/filters.ts, the one
// place that writes them; ties end by name, then id, so that offset cursors stay stable.
// $f: map of the filter's values (p0, p1, ...), named by the compiled condition
// $skip: integer offset
// $limit: integer page size
MATCH (e:Entity)
WHERE __WHERE__
WITH e
ORDER BY __ORDER__toLower(e.name), e.id
WITH collect(e) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | x {.*}] AS page
