/**
 * Read-your-writes across replicas. A mutation's answer carries the bookmarks of its transaction
 * (`extensions.bookmarks`); a client that sends them back in the header `Neo4j-Bookmarks` (to any
 * replica) gets reads that wait until the Neo4j member serving them has applied that write. Without
 * the header, one caller's consecutive requests to one replica are causally consistent anyway:
 * each caller has a bookmark manager here, which every transaction of its requests waits for and
 * updates. The managers are kept for the most recent callers only, so memory stays bounded.
 */
import neo4j, { BookmarkManager } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors';
import type { Caller } from '../domain/caller';
import type { CausalScope } from '../db/executor';

/** The request header that carries bookmarks, comma-separated. */
export const BOOKMARKS_HEADER = 'Neo4j-Bookmarks';

/** Most bookmarks one request may send: a client forwards the few of its last writes, not a history. */
const MAX_HEADER_BOOKMARKS = 16;

/** Longest bookmark accepted (Neo4j 5's are under 100 characters). */
const MAX_BOOKMARK_LENGTH = 512;

/** Characters of a Neo4j bookmark: a prefix such as `FB:` and base64 or base64url text. */
const BOOKMARK = /^[A-Za-z0-9+/=:_.-]+$/;

/** Callers whose bookmark manager is kept (least recently seen first out): about 200 bytes each. */
const MAX_CALLERS = 10_000;

/**
 * The bookmarks of a `Neo4j-Bookmarks` header: none when absent or blank.
 * @throws AppError BAD_REQUEST naming the header when it is not a comma-separated list of bookmarks.
 */
export function parseBookmarksHeader(value: string | string[] | undefined): string[] {
  const raw = Array.isArray(value) ? value.join(',') : value;
  if (raw === undefined || raw.trim() === '') return [];
  const items = raw.split(',').map((b) => b.trim());
  const fail = (why: string) => new AppError(ErrorCode.BAD_REQUEST, `${BOOKMARKS_HEADER}: ${why}`, { header: BOOKMARKS_HEADER });
  if (items.length > MAX_HEADER_BOOKMARKS) throw fail(`at most ${MAX_HEADER_BOOKMARKS} bookmarks, got ${items.length}`);
  items.forEach((b, i) => {
    if (b === '') throw fail(`bookmark ${i + 1} is empty; send the strings of extensions.bookmarks joined by commas`);
    if (b.length > MAX_BOOKMARK_LENGTH) throw fail(`bookmark ${i + 1} is longer than ${MAX_BOOKMARK_LENGTH} characters`);
    if (!BOOKMARK.test(b)) throw fail(`bookmark ${i + 1} has characters no Neo4j bookmark has; send the strings of extensions.bookmarks as they came`);
  });
  return [...new Set(items)];
}

/**
 * The key a caller's causal chain is kept under: the token's name, or the client's address for
 * callers without a token (as for the rate limit).
 */
export function callerKey(caller: Caller, address: string | undefined): string {
  return caller.role === 'anonymous' ? `address:${address ?? 'unknown'}` : `token:${caller.name}`;
}

/** A bookmark manager per caller, for the {@link MAX_CALLERS} most recently seen. */
export class CallerBookmarks {
  private readonly managers = new Map<string, BookmarkManager>();

  constructor(private readonly maxCallers = MAX_CALLERS) {}

  /** How many callers are kept now. */
  get size(): number {
    return this.managers.size;
  }

  /**
   * The causal scope of one request of the caller `key`: it waits for the caller's bookmarks and
   * for those the request sent. A transaction's new bookmarks replace, in the caller's manager,
   * those it waited for; the sent ones join the caller's only through a transaction that
   * succeeded with them, so a bookmark Neo4j refuses fails this request and not the caller's next.
   */
  scope(key: string, sent: string[]): CausalScope {
    let callers = this.managers.get(key);
    if (callers) this.managers.delete(key);
    else callers = neo4j.bookmarkManager();
    // Re-inserted last: a Map iterates in insertion order, so the first key is the least recently seen.
    this.managers.set(key, callers);
    if (this.managers.size > this.maxCallers) this.managers.delete(this.managers.keys().next().value!);
    const pending = new Set(sent);
    const caller = callers;
    const manager: BookmarkManager = {
      getBookmarks: async () => new Set([...pending, ...(await caller.getBookmarks())]),
      updateBookmarks: async (previous, next) => {
        const waited = [...previous];
        for (const b of waited) pending.delete(b);
        await caller.updateBookmarks(waited, next);
      },
    };
    return { manager, written: [] };
  }
}
