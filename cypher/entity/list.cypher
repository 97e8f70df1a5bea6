// entity/list — a filtered, sorted page of entities with the total count, read by keyset: the
// page starts after the ordering key of the cursor (`$after`), wherever that element now is, or
// where it would be if a write moved or removed it, so a write between two pages neither repeats
// nor skips an element; backwards too (`before`, `last`: the page that ends before the key). The
// condition (WHERE), the key's leading values (KEYS) and their sort (ORDER) are compiled from the
// request by src/store/filters.ts; ties end by name, then id.
// $f: map of the filter's values (p0, p1, ...), named by the compiled condition
// $page: map {after, before, first, last}: the ordering keys (lists ending with an id) the page
//        lies after and before, or null; how many from the window's start, from its end, or null
MATCH (e:Entity)
WHERE __WHERE__
WITH collect({k: [__KEYS__toLower(e.name), e.id], e: e, o: 1}) AS found
WITH found, $page AS pg
// The cursors' keys join the rows as rows without an element, and sort among them.
CALL (found, pg) {
  UNWIND found + {{keyset-bounds}} AS row
  WITH row
  ORDER BY __ORDER__row.k[-2], row.k[-1], row.o
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
