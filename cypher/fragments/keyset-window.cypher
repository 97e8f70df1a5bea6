// fragments/keyset-window — where a keyset page lies in `sorted` (a connection's rows and its
// cursors' rows of {{keyset-bounds}}, in the connection's order) under the map `pg` ({after,
// before, first, last}): the Relay algorithm (Cursor Connections Specification, "Pagination
// algorithm"). The window is what lies between `after` and `before`; `first` keeps its head, then
// `last` the tail of that; the page is sorted[lo..hi]. total counts the elements (not the cursors).
// hasPrevious: with last, whether the window held more than last; else, with after, whether any
// element comes before after. hasNext: with first, whether the window held more than first; else,
// with before, whether any element comes after before. Numbers in a map arrive as floats: toInteger.
CALL (sorted, pg) {
  WITH sorted, pg,
       coalesce([i IN range(0, size(sorted) - 1) WHERE sorted[i].o = 2][0], -1) AS a,
       coalesce([i IN range(0, size(sorted) - 1) WHERE sorted[i].o = 0][0], size(sorted)) AS b,
       toInteger(pg.first) AS first, toInteger(pg.last) AS last
  WITH sorted, pg, a, b, first, last, a + 1 AS lo0, CASE WHEN b > a THEN b ELSE a + 1 END AS hi0
  WITH sorted, pg, a, b, first, last, lo0, hi0, CASE WHEN first IS NULL OR hi0 - lo0 <= first THEN hi0 ELSE lo0 + first END AS hi
  RETURN CASE WHEN last IS NULL OR hi - lo0 <= last THEN lo0 ELSE hi - last END AS lo, hi,
         size([r IN sorted WHERE r.o = 1]) AS total,
         CASE WHEN last IS NOT NULL THEN hi0 - lo0 > last
              WHEN pg.after IS NOT NULL THEN a > 0 AND any(r IN sorted[0..a] WHERE r.o = 1)
              ELSE false END AS hasPrevious,
         CASE WHEN first IS NOT NULL THEN hi0 - lo0 > first
              WHEN pg.before IS NOT NULL THEN any(r IN sorted[(b + 1)..] WHERE r.o = 1)
              ELSE false END AS hasNext
}
