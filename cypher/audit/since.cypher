// audit/since — a page of audit entries written at or after a moment, oldest first (the change
// feed), with the total count, read by keyset (as entity/list: the page starts after the
// cursor's ordering key, [epoch ms of at, id]).
// $since: ISO 8601 date-time (the resolver checks it)
// $after: the ordering key of the entry the page starts after, or null
// $limit: integer page size
MATCH (a:AuditEntry)
WHERE a.at >= datetime($since)
WITH collect({k: [a.at.epochMillis, a.id], e: a}) + CASE WHEN $after IS NULL THEN [] ELSE [{k: $after, e: null}] END AS rows
UNWIND rows AS row
WITH row
ORDER BY row.k[0], row.k[1], row.e IS NULL
WITH collect(row) AS sorted
WITH sorted, coalesce([i IN range(0, size(sorted) - 1) WHERE sorted[i].e IS NULL][0], -1) + 1 AS start
// Maps for the page only: the rows before it stay references.
CALL (sorted, start) {
  UNWIND sorted[start..(start + $limit)] AS r
  WITH r.e AS x, r.k AS k
  RETURN collect(x {.*, at: toString(x.at)}) AS page, collect(k) AS keys
}
RETURN size(sorted) - CASE WHEN $after IS NULL THEN 0 ELSE 1 END AS total, page, keys, start + $limit < size(sorted) AS more
