/**
 * A keyset page as the store reads it: the `$page` parameter of a keyset statement, and the page
 * it returns (its rows mapped to read models). Connections and cursors are built from them in
 * src/graphql/paging.ts.
 */

/** A value of an ordering key (what Neo4j sorts by: text, numbers, booleans, null). */
export type KeyValue = string | number | boolean | null;

/** The `$page` parameter of a keyset statement: the keys the page lies after and before, and how many it keeps from the window's start and end. */
export interface KeysetPageParam {
  after: KeyValue[] | null;
  before: KeyValue[] | null;
  first: number | null;
  last: number | null;
}

/** The `$page` of the first `first` elements, from the start: for readers that want a list, not a connection (typed fields, the Atom feed). */
export function leadingPage(first: number): KeysetPageParam {
  return { after: null, before: null, first, last: null };
}

/** What a keyset statement returns: the total, the page, each row's ordering key, and whether elements come after and before it (as the Relay algorithm answers). */
export interface KeysetPage<T> {
  total: number;
  rows: T[];
  keys: KeyValue[][];
  hasNext: boolean;
  hasPrevious: boolean;
}

/** A keyset page from a statement's row (`total`, `page`, `keys`, `hasNext`, `hasPrevious`), its elements mapped by `toItem`. */
export function keysetPageOf<T>(row: Record<string, unknown>, toItem: (props: Record<string, unknown>) => T): KeysetPage<T> {
  return {
    total: row.total as number,
    rows: (row.page as Record<string, unknown>[]).map(toItem),
    keys: row.keys as KeyValue[][],
    hasNext: row.hasNext as boolean,
    hasPrevious: row.hasPrevious as boolean,
  };
}

/** The answer of a connection asked for nothing but its totalCount: no page was read. */
export function countOnly<T>(total: number): KeysetPage<T> {
  return { total, rows: [], keys: [], hasNext: false, hasPrevious: false };
}
