// claim/list — a filtered, sorted page of claims with the total count, read by keyset (as
// entity/list: the page lies after and before the cursors' ordering keys). The condition (WHERE), the key's
// leading values (KEYS) and their sort (ORDER) are compiled from the request by
// src/store/filters.ts; by default oldest first (undated last), and ties always end by date, then id.
// status is the one the seeder stores on each claim (src/domain/evidence.ts).
// $f: map of the filter's values (p0, p1, ...), named by the compiled condition
// $page: map {after, before, first, last}: the ordering keys (lists ending with an id) the page
//        lies after and before, or null; how many from the window's start, from its end, or null
MATCH (c:Claim)
WHERE __WHERE__
// Dates as their ISO text, which sorts as they do: a cursor sends its key back as JSON.
WITH collect({k: [__KEYS__c.madeOn IS NULL, toString(c.madeOn), c.id], e: c, o: 1}) AS found
WITH found, $page AS pg
// The cursors' keys join the rows as rows without an element, and sort among them.
CALL (found, pg) {
  UNWIND found + {{keyset-bounds}} AS row
  WITH row
  ORDER BY __ORDER__row.k[-3], row.k[-2], row.k[-1], row.o
  RETURN collect(row) AS sorted
}
{{keyset-window}}
// Maps for the page only: the other rows stay references.
CALL (sorted, lo, hi) {
  UNWIND sorted[lo..hi] AS r
  WITH r.e AS x, r.k AS k
  RETURN collect(x {.*}) AS page, collect(k) AS keys
}
RETURN total, page, keys, hasPrevious, hasNext
