// fragments/keyset-page — the page $page ({after, before, first, last}) of `found`, a
// connection's rows {k: ordering key (up to four parts), e: element, o: 1}, sorted by their key:
// binds sorted, lo, hi (the page is sorted[lo..hi]), total, hasPrevious and hasNext
// ({{keyset-bounds}}, {{keyset-window}}). References only: a hub has thousands of rows, and maps
// are made for the page alone. A key of three parts sorts by them (its k[3] is null for all).
WITH found, $page AS pg
CALL (found, pg) {
  UNWIND found + {{keyset-bounds}} AS row
  WITH row
  ORDER BY row.k[0], row.k[1], row.k[2], row.k[3], row.o
  RETURN collect(row) AS sorted
}
{{keyset-window}}
