/**
 * Pagination shared by every connection, top-level and nested: Relay's first/after/last/before
 * checked and read, and connections built, with the cursors of src/graphql/cursor.ts. Every
 * connection pages by keyset: its statement places the page between the cursors' ordering keys
 * (cypher/fragments/keyset-bounds.cypher, keyset-window.cypher), following the algorithm of the
 * Cursor Connections Specification.
 */
import { GraphQLResolveInfo, Kind, SelectionNode } from 'graphql';
import { badInput } from '../errors';
import { ConnectionName, decodeCursor, encodeCursor } from './cursor';
import type { KeysetPage, KeysetPageParam } from '../store/page';
// The page a statement reads and returns is the store's (src/store/page.ts); these stay importable from here.
export { countOnly, keysetPageOf, leadingPage } from '../store/page';
export type { KeysetPage, KeysetPageParam } from '../store/page';

/** The page a client asked for: Relay's four arguments, as the resolver receives them. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A requested page of a connection, validated: its statement's `$page`, and what its cursors name. */
interface KeysetArgs {
  connection: ConnectionName;
  ordering: string;
  page: KeysetPageParam;
}

/**
 * The request with `first` dropped when it is only the schema's default (`first: Int = 50`) and
 * `last` is given: `last: 5` alone asks for the last five, not the last five of the first fifty.
 * An explicit `first` (written, or a variable the request gave) is kept, as the Relay algorithm
 * says (first, then last of that).
 */
export function pageRequest<T extends PageRequest>(args: T, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'variableValues'>): T {
  if (args.last === null || args.last === undefined) return args;
  const written = info.fieldNodes.some((f) =>
    (f.arguments ?? []).some((a) => a.name.value === 'first' && (a.value.kind !== Kind.VARIABLE || Object.prototype.hasOwnProperty.call(info.variableValues, a.value.name.value))),
  );
  return written ? args : { ...args, first: null };
}

function checkedCount(name: 'first' | 'last', value: number | null, maxPageSize: number, path: string): number | null {
  if (value !== null && (!Number.isInteger(value) || value < 0 || value > maxPageSize)) {
    throw badInput(`${path}${name}`, `must be between 0 and ${maxPageSize}, got ${value}`);
  }
  return value;
}

/**
 * Validates first/after/last/before of a connection read under `ordering` (`first` defaults to
 * 50 when neither it nor `last` is given); errors are BAD_USER_INPUT naming the argument, with
 * `path` before it for arguments below the field.
 */
export function keysetArgs(req: PageRequest, maxPageSize: number, connection: ConnectionName, ordering: string, path = ''): KeysetArgs {
  const last = checkedCount('last', req.last ?? null, maxPageSize, path);
  const first = checkedCount('first', req.first ?? (last === null ? 50 : null), maxPageSize, path);
  const key = (name: 'after' | 'before', cursor: string | null | undefined) =>
    cursor === null || cursor === undefined ? null : decodeCursor(`${path}${name}`, cursor, connection, ordering);
  return { connection, ordering, page: { after: key('after', req.after), before: key('before', req.before), first, last } };
}

/** Builds a connection from a page read by keyset. */
export function keysetConnection<T>(page: KeysetPage<T>, args: KeysetArgs) {
  const edges = page.rows.map((node, i) => ({ cursor: encodeCursor(args.connection, args.ordering, page.keys[i]!), node }));
  return {
    edges,
    totalCount: page.total,
    pageInfo: {
      hasNextPage: page.hasNext,
      hasPreviousPage: page.hasPrevious,
      startCursor: edges.length > 0 ? edges[0]!.cursor : null,
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
