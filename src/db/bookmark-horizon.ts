/**
 * What the database has committed, as Neo4j's own bookmarks say it, so that a bookmark ahead of
 * it (or of another store: one recreated since the bookmark was issued) is refused at once
 * instead of being waited for. A signed bookmark (src/http/bookmarks.ts) cannot be forged, but a
 * genuine one can still name a transaction the database never reached: one issued before the store
 * was replaced by an older copy. Neo4j would hold the request's connection for the whole
 * `db.transaction.bookmark_ready_timeout` and then refuse; here it is refused before any waiting.
 *
 * Neo4j 5's bookmark (`FB:` and base64) is a PackStream list of (database id, last transaction id)
 * pairs followed by a list of external graph states: `91 CC 10 <16 bytes> <int> 90` for one
 * database. Any other shape is refused: a check that cannot read what it checks refuses
 * (test/integration/trust.int.test.ts pins the format against the real Neo4j).
 */
import { AppError, ErrorCode } from '../errors';

/** One database's position in a bookmark: its id (hex) and the last transaction the bookmark holds. */
interface BookmarkPosition {
  database: string;
  tx: bigint;
}

const PREFIX = 'FB:';

/** The positions a Neo4j bookmark holds; null when it is not the format described above. */
export function bookmarkPositions(bookmark: string): BookmarkPosition[] | null {
  if (!bookmark.startsWith(PREFIX)) return null;
  const bytes = Buffer.from(bookmark.slice(PREFIX.length), 'base64');
  let at = 0;
  const listSize = (): number | null => {
    const m = bytes[at++];
    if (m === undefined) return null;
    if (m >= 0x90 && m <= 0x9f) return m - 0x90;
    if (m === 0xd4 && at < bytes.length) return bytes[at++]!;
    return null;
  };
  const int = (): bigint | null => {
    const m = bytes[at++];
    if (m === undefined) return null;
    if (m <= 0x7f) return BigInt(m);
    if (m >= 0xf0) return BigInt(m - 0x100);
    const width = { 0xc8: 1, 0xc9: 2, 0xca: 4, 0xcb: 8 }[m];
    if (width === undefined || at + width > bytes.length) return null;
    const slice = bytes.subarray(at, at + width);
    at += width;
    return width === 1 ? BigInt(slice.readInt8()) : width === 2 ? BigInt(slice.readInt16BE()) : width === 4 ? BigInt(slice.readInt32BE()) : slice.readBigInt64BE();
  };
  const n = listSize();
  if (n === null || n === 0) return null;
  const out: BookmarkPosition[] = [];
  for (let i = 0; i < n; i++) {
    if (bytes[at++] !== 0xcc || bytes[at++] !== 16 || at + 16 > bytes.length) return null;
    const database = bytes.subarray(at, at + 16).toString('hex');
    at += 16;
    const tx = int();
    if (tx === null || tx < 0n) return null;
    out.push({ database, tx });
  }
  // The external graph states: none for a plain database.
  if (listSize() !== 0 || at !== bytes.length) return null;
  return out;
}

/**
 * The highest transaction each database is known to have committed, learnt from the bookmarks
 * of this service's own transactions and, when a sent bookmark goes beyond them, from the writer
 * itself (one empty transaction, shared by the requests that need it at the same moment).
 */
export class BookmarkHorizon {
  private readonly known = new Map<string, bigint>();
  private asking: Promise<void> | null = null;

  /** @param latest the bookmarks of an empty transaction on the writer: what the database has now. */
  constructor(private readonly latest: () => Promise<string[]>) {}

  /** Records bookmarks the database issued (its committed transactions); others are ignored. */
  observe(bookmarks: readonly string[]): void {
    for (const b of bookmarks) {
      for (const p of bookmarkPositions(b) ?? []) {
        if ((this.known.get(p.database) ?? -1n) < p.tx) this.known.set(p.database, p.tx);
      }
    }
  }

  private within(p: BookmarkPosition): boolean {
    return (this.known.get(p.database) ?? -1n) >= p.tx;
  }

  /**
   * Resolves when every bookmark is within what the database has committed.
   * @throws AppError BAD_REQUEST naming the header and the bookmark (1-based) when one is ahead of
   * the database, names a database it does not serve, or cannot be read; DATABASE_UNAVAILABLE
   * when the writer cannot be asked.
   */
  async check(bookmarks: readonly string[], header: string): Promise<void> {
    const positions = bookmarks.map((b) => bookmarkPositions(b));
    const fail = (i: number, why: string) => new AppError(ErrorCode.BAD_REQUEST, `${header}: bookmark ${i + 1} ${why}`, { header });
    positions.forEach((p, i) => {
      if (p === null) throw fail(i, 'is in a format this service cannot check; send bookmarks of a recent answer');
    });
    if (positions.every((ps) => ps!.every((p) => this.within(p)))) return;
    this.asking ??= this.latest()
      .then((b) => this.observe(b))
      .finally(() => {
        this.asking = null;
      });
    await this.asking;
    positions.forEach((ps, i) => {
      for (const p of ps!) {
        if (!this.known.has(p.database)) throw fail(i, 'is of a database this service does not serve now (was the store replaced?); read without it');
        if (!this.within(p)) throw fail(i, `is ahead of what the database has committed (transaction ${p.tx}, the database is at ${this.known.get(p.database)}); read without it`);
      }
    });
  }
}
