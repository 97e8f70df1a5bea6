/**
 * THE cursor format of every connection, in one place: what a cursor holds, how it is written
 * and read, and how a foreign or malformed one is refused. Opaque to clients (docs/security.md
 * describes it for operators).
 *
 *   c1.<base64url of JSON [connection, ordering, key]>
 *
 * - `connection` names the connection that issued it (`entities`, `claims`, `auditLog`,
 *   `changes`, `Entity.relationships`, `Entity.claimsAbout`, `Entity.claimsMade`): a cursor of
 *   one is refused by another.
 * - `ordering` names the order the page was read in (`NAME`, `DATE DESC,NAME`, `at DESC`,
 *   `default`, …): a cursor read under another orderBy is refused, since its key means nothing there.
 * - `key` is the element's ordering key: the values it is sorted by, ending with its id (keyset
 *   paging: the next page starts after that key (`after`), wherever the element now is, or after where it
 *   would be if a write moved or removed it).
 *
 * Backward paging reads the same key: `before` is the page that ends before it (src/graphql/paging.ts).
 */
import { badInput } from '../errors';

/** The connections of the API, as their cursors name them. */
export type ConnectionName = 'entities' | 'claims' | 'auditLog' | 'changes' | 'Entity.relationships' | 'Entity.claimsAbout' | 'Entity.claimsMade';

import type { KeyValue } from '../store/page';
export type { KeyValue } from '../store/page';

const VERSION = 'c1';
/** Longest cursor read: a key is a few sort values and an id. */
const MAX_CURSOR_LENGTH = 2048;
/** Most values in a key: the longest orderBy (3 fields, 2 keys each) and the tie-breakers. */
const MAX_KEY_VALUES = 12;

/** The cursor of the element whose ordering key is `key`, in `connection` read under `ordering`. */
export function encodeCursor(connection: ConnectionName, ordering: string, key: readonly KeyValue[]): string {
  return `${VERSION}.${Buffer.from(JSON.stringify([connection, ordering, key]), 'utf8').toString('base64url')}`;
}

/**
 * The ordering key inside a cursor sent as `argument`, checked to belong to `connection` read
 * under `ordering`.
 * @throws GraphQLError BAD_USER_INPUT naming the argument when the cursor is malformed, of another
 * connection or of another ordering.
 */
export function decodeCursor(argument: string, cursor: string, connection: ConnectionName, ordering: string): KeyValue[] {
  const malformed = () => badInput(argument, 'is not a cursor this API issued; pass an edge cursor or pageInfo.endCursor as it came');
  const m = cursor.length <= MAX_CURSOR_LENGTH ? /^c1\.([A-Za-z0-9_-]+)$/.exec(cursor) : null;
  if (!m) throw malformed();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string' || !Array.isArray(parsed[2])) throw malformed();
  const [from, order, key] = parsed as [string, string, unknown[]];
  if (key.length === 0 || key.length > MAX_KEY_VALUES || key.some((v) => v !== null && !['string', 'number', 'boolean'].includes(typeof v))) throw malformed();
  if (from !== connection) throw badInput(argument, `is a cursor of ${from}, not of ${connection}`);
  if (order !== ordering) throw badInput(argument, `is a cursor of ${from} read in another order (${order}); page with the orderBy of the page it came from`);
  return key as KeyValue[];
}
