// fragments/keyset-bounds — the cursors of a keyset page (the map `pg`: {after, before, first,
// last}, keys as src/graphql/cursor.ts decodes them) as rows without an element, to be sorted
// among a connection's rows {k: ordering key, e: element, o: 1}: `after`'s row sorts after an
// element with its very key (o: 2), `before`'s before it (o: 0), so the page never holds the
// cursor's own element. Included as `found + {{keyset-bounds}}` where `pg` is bound.
CASE WHEN pg.after IS NULL THEN [] ELSE [{k: pg.after, e: null, o: 2}] END + CASE WHEN pg.before IS NULL THEN [] ELSE [{k: pg.before, e: null, o: 0}] END
