// audit/since — a page of audit entries written at or after a moment, in commit order (the change
// feed: oldest first by seq, see audit/record), with the total count, read by keyset (the page
// lies after and before the cursors' ordering keys, [seq]: the subscription's cursors too).
// $since: ISO 8601 date-time (the resolver checks it)
// $page: map {after, before, first, last}: the ordering keys ([seq]) the page lies after and
//        before, or null; how many from the window's start, from its end, or null
MATCH (a:AuditEntry)
WHERE a.at >= datetime($since)
WITH collect({k: [a.seq], e: a, o: 1}) AS found
WITH found, $page AS pg
// The cursors' keys join the rows as rows without an element, and sort among them.
CALL (found, pg) {
  UNWIND found + {{keyset-bounds}} AS row
  WITH row
  ORDER BY row.k[0], row.o
  RETURN collect(row) AS sorted
}
{{keyset-window}}
// Maps for the page only: the other rows stay references.
CALL (sorted, lo, hi) {
  UNWIND sorted[lo..hi] AS r
  WITH r.e AS x, r.k AS k
  RETURN collect(x {.*, at: toString(x.at)}) AS page, collect(k) AS keys
}
RETURN total, page, keys, hasPrevious, hasNext
