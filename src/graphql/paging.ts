/**
 * Cursor pagination shared by every connection. Cursors are opaque to clients (base64 of an
 * offset, prefixed so that a cursor of another kind of list is recognisably foreign).
 */
import { GraphQLResolveInfo, Kind, SelectionNode } from 'graphql';
import { badInput } from '../errors';

/** One page: rows after `skip`, and how many match in all. */
export interface Page<T> {
  total: number;
  rows: T[];
}

/** Offset and size of a requested page, validated. */
interface PageArgs {
  skip: number;
  limit: number;
}

const PREFIX = 'o:';

/** An opaque cursor for the item at `offset`. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** Validates `first` and `after` into an offset and a size; errors name the argument. */
export function pageArgs(first: number | null | undefined, after: string | null | undefined, maxPageSize: number, path = ''): PageArgs {
  const limit = first ?? 50;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxPageSize) {
    throw badInput(`${path}first`, `must be between 0 and ${maxPageSize}, got ${first}`);
  }
  let skip = 0;
  if (after !== null && after !== undefined) {
    const decoded = /^[A-Za-z0-9_-]{1,40}$/.test(after) ? Buffer.from(after, 'base64url').toString('utf8') : '';
    const m = /^o:(\d{1,9})$/.exec(decoded);
    if (!m) throw badInput(`${path}after`, 'is not a cursor this API issued');
    skip = Number(m[1]) + 1;
  }
  return { skip, limit };
}

/** Builds a connection from a page. */
export function connection<T>(page: Page<T>, args: PageArgs) {
  const edges = page.rows.map((node, i) => ({ cursor: encodeCursor(args.skip + i), node }));
  return {
    edges,
    totalCount: page.total,
    pageInfo: {
      hasNextPage: args.skip + page.rows.length < page.total,
      endCursor: edges.length > 0 ? edges[edges.length - 1]!.cursor : null,
    },
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
