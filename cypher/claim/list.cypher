// claim/list — a filtered, sorted page of claims with the total count, read by keyset (as
// entity/list: the page starts after the cursor's ordering key). The condition (WHERE), the key's
// leading values (KEYS) and their sort (ORDER) are compiled from the request by
// src/db/filters.ts; by default oldest first (undated last), and ties always end by date, then id.
// status is the one the seeder stores on each claim (src/domain/evidence.ts).
// $f: map of the filter's values (p0, p1, ...), named by the compiled condition
// $after: the ordering key of the element the page starts after (a list ending with its id), or null
// $limit: integer page size
MATCH (c:Claim)
WHERE __WHERE__
// Dates as their ISO text, which sorts as they do: a cursor sends its key back as JSON.
WITH c, [__KEYS__c.madeOn IS NULL, toString(c.madeOn), c.id] AS k
// The cursor's key joins the rows as a row without an element, and sorts among them.
WITH collect({k: k, e: c}) + CASE WHEN $after IS NULL THEN [] ELSE [{k: $after, e: null}] END AS rows
UNWIND rows AS row
WITH row
ORDER BY __ORDER__row.k[-3], row.k[-2], row.k[-1], row.e IS NULL
WITH collect(row) AS sorted
WITH sorted, coalesce([i IN range(0, size(sorted) - 1) WHERE sorted[i].e IS NULL][0], -1) + 1 AS start
// Maps for the page only: the rows before it stay references.
CALL (sorted, start) {
  UNWIND sorted[start..(start + $limit)] AS r
  WITH r.e AS x, r.k AS k
  RETURN collect(x {.*}) AS page, collect(k) AS keys
}
RETURN size(sorted) - CASE WHEN $after IS NULL THEN 0 ELSE 1 END AS total, page, keys, start + $limit < size(sorted) AS more
