/**
 * Pagination shared by every connection: first/after checked and read, and connections built,
 * with the cursors of src/graphql/cursor.ts. The top-level connections page by keyset (the
 * statement starts after the cursor's ordering key); the nested ones (an entity's relationships
 * and claims) still by position, in the same cursor format.
 */
import { GraphQLResolveInfo, Kind, SelectionNode } from 'graphql';
import { badInput } from '../errors';
import { ConnectionName, decodeCursor, encodeCursor, KeyValue, OFFSET_ORDERING } from './cursor';

/** One page read by position: rows after `skip`, and how many match in all. */
export interface Page<T> {
  total: number;
  rows: T[];
}

/** Offset and size of a requested page, validated. */
interface PageArgs {
  connection: ConnectionName;
  skip: number;
  limit: number;
}

function checkedFirst(first: number | null | undefined, maxPageSize: number, path: string): number {
  const limit = first ?? 50;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxPageSize) {
    throw badInput(`${path}first`, `must be between 0 and ${maxPageSize}, got ${first}`);
  }
  return limit;
}

/** Validates `first` and `after` of a connection read by position; errors name the argument. */
export function pageArgs(first: number | null | undefined, after: string | null | undefined, maxPageSize: number, connection: ConnectionName, path = ''): PageArgs {
  const limit = checkedFirst(first, maxPageSize, path);
  let skip = 0;
  if (after !== null && after !== undefined) {
    const [offset] = decodeCursor(`${path}after`, after, connection, OFFSET_ORDERING);
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) throw badInput(`${path}after`, 'is not a cursor this API issued; pass an edge cursor or pageInfo.endCursor as it came');
    skip = offset + 1;
  }
  return { connection, skip, limit };
}

/** Builds a connection from a page read by position. */
export function connection<T>(page: Page<T>, args: PageArgs) {
  const edges = page.rows.map((node, i) => ({ cursor: encodeCursor(args.connection, OFFSET_ORDERING, [args.skip + i]), node }));
  return {
    edges,
    totalCount: page.total,
    pageInfo: {
      hasNextPage: args.skip + page.rows.length < page.total,
      endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null,
    },
  };
}

/** A requested page of a connection read by keyset, validated: the statement's `$after` and `$limit`. */
interface KeysetArgs {
  connection: ConnectionName;
  ordering: string;
  /** The ordering key the page starts after; null: from the start. */
  after: KeyValue[] | null;
  limit: number;
}

/** Validates `first` and `after` of a connection read by keyset under `ordering`; errors name the argument. */
export function keysetArgs(first: number | null | undefined, after: string | null | undefined, maxPageSize: number, connection: ConnectionName, ordering: string): KeysetArgs {
  const limit = checkedFirst(first, maxPageSize, '');
  return { connection, ordering, limit, after: after === null || after === undefined ? null : decodeCursor('after', after, connection, ordering) };
}

/** What a keyset statement returns: the total, the page, each row's ordering key, and whether more follow. */
interface KeysetPage<T> {
  total: number;
  rows: T[];
  keys: KeyValue[][];
  more: boolean;
}

/** Builds a connection from a page read by keyset. */
export function keysetConnection<T>(page: KeysetPage<T>, args: KeysetArgs) {
  const edges = page.rows.map((node, i) => ({ cursor: encodeCursor(args.connection, args.ordering, page.keys[i]!), node }));
  return {
    edges,
    totalCount: page.total,
    pageInfo: { hasNextPage: page.more, endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null },
  };
}

/**
 * True when the connection field being resolved is asked for nothing but its totalCount (and
 * __typename), through fragments too: then a count statement answers it without reading the
 * page's nodes.
 */
export function asksOnlyTotalCount(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  const only = (selections: readonly SelectionNode[]): boolean =>
    selections.every((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === 'totalCount' || s.name.value === '__typename';
      if (s.kind === Kind.INLINE_FRAGMENT) return only(s.selectionSet.selections);
      const fragment = info.fragments[s.name.value];
      return fragment !== undefined && only(fragment.selectionSet.selections);
    });
  return info.fieldNodes.every((f) => f.selectionSet !== undefined && only(f.selectionSet.selections));
}
