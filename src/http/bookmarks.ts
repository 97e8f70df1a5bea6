/**
 * Read-your-writes across replicas. A mutation's answer carries the bookmarks of its transaction
 * (`extensions.bookmarks`); a client that sends them back in the header `Neo4j-Bookmarks` (to any
 * replica) gets reads that wait until the Neo4j member serving them has applied that write. Without
 * the header, one caller's consecutive requests to one replica are causally consistent anyway:
 * each caller has a bookmark manager here, which every transaction of its requests waits for and
 * updates. The managers are kept for the most recent callers only, so memory stays bounded.
 *
 * The bookmarks a client sees are signed here (an HMAC-SHA256 with BOOKMARK_SECRET, which every
 * replica shares): Neo4j holds a transaction whose bookmark is ahead of what it has applied, so a
 * forged one would hold a pooled connection for as long as Neo4j waits. One this service did not
 * sign is refused before any database work.
 */
import crypto from 'node:crypto';
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

/**
 * Characters of a bookmark: a signed one is `b1.`, base64url text, `.`, base64url text; Neo4j's own
 * (`FB:` and base64) pass this check too, to be refused as not signed by this service.
 */
const BOOKMARK = /^[A-Za-z0-9+/=:_.-]+$/;

/** The version prefix of a signed bookmark. */
const SIGNED_PREFIX = 'b1';

/** Callers whose bookmark manager is kept (least recently seen first out): about 200 bytes each. */
const MAX_CALLERS = 10_000;

/**
 * Signs Neo4j bookmarks for clients and verifies what they send back. A signed bookmark is
 * `b1.<base64url of Neo4j's bookmark>.<base64url of HMAC-SHA256(secret, "b1." + Neo4j's bookmark)>`.
 */
export class BookmarkSigner {
  /**
   * @param secrets BOOKMARK_SECRET: the first signs; every one verifies, so a new secret can be
   * rolled out before the old one is dropped.
   */
  constructor(private readonly secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('BookmarkSigner needs a secret');
  }

  private mac(secret: string, bookmark: string): Buffer {
    return crypto.createHmac('sha256', secret).update(`${SIGNED_PREFIX}.${bookmark}`).digest();
  }

  /** The bookmark as a client receives it. */
  sign(bookmark: string): string {
    return `${SIGNED_PREFIX}.${Buffer.from(bookmark, 'utf8').toString('base64url')}.${this.mac(this.secrets[0]!, bookmark).toString('base64url')}`;
  }

  /** Neo4j's bookmark inside a signed one; null when it is not one this service signed. */
  verify(signed: string): string | null {
    const parts = signed.split('.');
    if (parts.length !== 3 || parts[0] !== SIGNED_PREFIX) return null;
    const bookmark = Buffer.from(parts[1]!, 'base64url').toString('utf8');
    const given = Buffer.from(parts[2]!, 'base64url');
    const ok = this.secrets.some((s) => {
      const want = this.mac(s, bookmark);
      return given.length === want.length && crypto.timingSafeEqual(given, want);
    });
    return ok ? bookmark : null;
  }
}

/**
 * The Neo4j bookmarks inside a `Neo4j-Bookmarks` header: none when absent or blank.
 * @throws AppError BAD_REQUEST naming the header when it is not a comma-separated list of
 * bookmarks this service signed: checked before any database work, so a forged bookmark never
 * reaches Neo4j (which would hold the request's connection while it waited for it).
 */
export function parseBookmarksHeader(value: string | string[] | undefined, signer: BookmarkSigner): string[] {
  const raw = Array.isArray(value) ? value.join(',') : value;
  if (raw === undefined || raw.trim() === '') return [];
  const items = raw.split(',').map((b) => b.trim());
  const fail = (why: string) => new AppError(ErrorCode.BAD_REQUEST, `${BOOKMARKS_HEADER}: ${why}`, { header: BOOKMARKS_HEADER });
  if (items.length > MAX_HEADER_BOOKMARKS) throw fail(`at most ${MAX_HEADER_BOOKMARKS} bookmarks, got ${items.length}`);
  items.forEach((b, i) => {
    if (b === '') throw fail(`bookmark ${i + 1} is empty; send the strings of extensions.bookmarks joined by commas`);
    if (b.length > MAX_BOOKMARK_LENGTH) throw fail(`bookmark ${i + 1} is longer than ${MAX_BOOKMARK_LENGTH} characters`);
    if (!BOOKMARK.test(b)) throw fail(`bookmark ${i + 1} has characters no bookmark of this service has; send the strings of extensions.bookmarks as they came`);
  });
  return [...new Set(items)].map((b) => {
    const bookmark = signer.verify(b);
    if (bookmark === null) throw fail(`bookmark ${items.indexOf(b) + 1} was not issued by this service; send the strings of extensions.bookmarks as they came`);
    return bookmark;
  });
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
