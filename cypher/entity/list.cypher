// entity/list — a filtered, sorted page of entities with the total count, read by keyset: the
// page starts after the ordering key of the cursor (`$after`), wherever that element now is, or
// where it would be if a write moved or removed it, so a write between two pages neither repeats
// nor skips an element. The condition (WHERE), the key's leading values (KEYS) and their sort
// (ORDER) are compiled from the request by src/db/filters.ts; ties end by name, then id.
// $f: map of the filter's values (p0, p1, ...), named by the compiled condition
// $after: the ordering key of the element the page starts after (a list ending with its id), or null
// $limit: integer page size
MATCH (e:Entity)
WHERE __WHERE__
WITH e, [__KEYS__toLower(e.name), e.id] AS k
// The cursor's key joins the rows as a row without an element, and sorts among them.
WITH collect({k: k, e: e}) + CASE WHEN $after IS NULL THEN [] ELSE [{k: $after, e: null}] END AS rows
UNWIND rows AS row
WITH row
ORDER BY __ORDER__row.k[-2], row.k[-1], row.e IS NULL
WITH collect(row) AS sorted
WITH sorted, coalesce([i IN range(0, size(sorted) - 1) WHERE sorted[i].e IS NULL][0], -1) + 1 AS start
// Maps for the page only: the rows before it stay references.
CALL (sorted, start) {
  UNWIND sorted[start..(start + $limit)] AS r
  WITH r.e AS x, r.k AS k
  RETURN collect(x {.*}) AS page, collect(k) AS keys
}
RETURN size(sorted) - CASE WHEN $after IS NULL THEN 0 ELSE 1 END AS total, page, keys, start + $limit < size(sorted) AS more
