/**
 * Neo4j 5's bookmark as the horizon reads it, and the horizon's answers: within, ahead, another
 * database, unreadable. The bytes are those the embedded Neo4j 5.26 issued (trust.int.test.ts
 * checks the format against the real database).
 */
import { BookmarkHorizon, bookmarkPositions } from '../../src/db/bookmark-horizon';

const DB = '454c87f49cca49898fc1552d4339e0e1';
/** A bookmark of database DB at transaction `tx`, as Neo4j writes it (PackStream). */
function bookmark(tx: number, db = DB): string {
  const int = tx < 0x80 ? [tx] : tx < 0x8000 ? [0xc9, tx >> 8, tx & 0xff] : [0xca, (tx >>> 24) & 0xff, (tx >> 16) & 0xff, (tx >> 8) & 0xff, tx & 0xff];
  return `FB:${Buffer.from([0x91, 0xcc, 0x10, ...Buffer.from(db, 'hex'), ...int, 0x90]).toString('base64')}`;
}

describe('bookmarkPositions', () => {
  it('reads the database id and transaction of a bookmark the embedded Neo4j issued', () => {
    expect(bookmarkPositions('FB:kcwQRUyH9JzKSYmPwVUtQzng4QWQ')).toEqual([{ database: DB, tx: 5n }]);
  });

  it.each([5, 127, 200, 40_000, 2 ** 31 - 1])('reads transaction %i in each integer width', (tx) => {
    expect(bookmarkPositions(bookmark(tx))).toEqual([{ database: DB, tx: BigInt(tx) }]);
  });

  it.each([
    ['no FB: prefix', 'kcwQRUyH9JzKSYmPwVUtQzng4QWQ'],
    ['a truncated database id', `FB:${Buffer.from([0x91, 0xcc, 0x10, 1, 2, 3]).toString('base64')}`],
    ['trailing bytes', `FB:${Buffer.concat([Buffer.from(bookmark(5).slice(3), 'base64'), Buffer.from([0])]).toString('base64')}`],
    ['an empty list', `FB:${Buffer.from([0x90, 0x90]).toString('base64')}`],
    ['a negative transaction', `FB:${Buffer.from([0x91, 0xcc, 0x10, ...Buffer.from(DB, 'hex'), 0xff, 0x90]).toString('base64')}`],
  ])('refuses to read %s', (_what, text) => {
    expect(bookmarkPositions(text)).toBeNull();
  });
});

describe('BookmarkHorizon', () => {
  it('passes a bookmark within what it has seen without asking the database', async () => {
    let asked = 0;
    const h = new BookmarkHorizon(async () => (asked++, [bookmark(9)]));
    h.observe([bookmark(7)]);
    await expect(h.check([bookmark(7), bookmark(3)], 'H')).resolves.toBeUndefined();
    expect(asked).toBe(0);
  });

  it('asks the database once, for requests at the same moment, when a bookmark goes beyond what it has seen', async () => {
    let asked = 0;
    const h = new BookmarkHorizon(async () => (asked++, [bookmark(9)]));
    await Promise.all([h.check([bookmark(8)], 'H'), h.check([bookmark(9)], 'H')]);
    expect(asked).toBe(1);
  });

  it.each([
    ['ahead of the database', bookmark(10), /^H: bookmark 2 is ahead of what the database has committed \(transaction 10, the database is at 9\)/],
    ['of another database', bookmark(3, 'ff'.repeat(16)), /^H: bookmark 2 is of a database this service does not serve now/],
    ['unreadable', 'FB:AAAA', /^H: bookmark 2 is in a format this service cannot check/],
  ])('refuses a bookmark %s with BAD_REQUEST naming it', async (_what, bad, message) => {
    const h = new BookmarkHorizon(async () => [bookmark(9)]);
    await expect(h.check([bookmark(2), bad], 'H')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
  });

  it('refuses when the database cannot be asked, and asks again on the next request', async () => {
    let calls = 0;
    const h = new BookmarkHorizon(async () => {
      calls++;
      if (calls === 1) throw new Error('down');
      return [bookmark(9)];
    });
    await expect(h.check([bookmark(4)], 'H')).rejects.toThrow('down');
    await expect(h.check([bookmark(4)], 'H')).resolves.toBeUndefined();
  });
});
