/**
 * Issue 18 items 1 and 2 without a database: every statement is classified read or write from its
 * text, a writing one is refused on the read path before any connection is made, and the
 * Neo4j-Bookmarks header and the per-caller bookmark managers behave as documented.
 */
import path from 'node:path';
import { accessModeOf, loadCypher } from '../../src/db/cypher';
import { STATEMENTS } from '../../src/db/statements';
import { Executor } from '../../src/db/executor';
import { createDriver } from '../../src/db/driver';
import { BookmarkSigner, CallerBookmarks, callerKey, parseBookmarksHeader } from '../../src/http/bookmarks';
import { AppError, ErrorCode } from '../../src/errors';
import { loadConfig } from '../../src/config';

const registry = loadCypher(path.resolve(__dirname, '../../cypher'), STATEMENTS);

/** The statements that change the graph or its schema; every other one only reads. */
const WRITES = [
  'admin/wipe',
  'audit/number-entries',
  'audit/record',
  'audit/withhold',
  'claim/set-standings',
  'entity/delete',
  'entity/merge-retire',
  'schema/audit-seq-unique',
  'schema/audit-sequence-unique',
  'schema/claim-claimant-index',
  'schema/claim-id-unique',
  'schema/claim-proposition-index',
  'schema/entity-fulltext',
  'schema/entity-identifiers',
  'schema/entity-id-unique',
  'schema/entity-kind-index',
  'schema/merged-id-unique',
  'schema/merged-into-index',
  'schema/proposition-id-unique',
  'seed/create-entities',
  'seed/create-relationships',
  'seed/imported-claim-lists',
  'seed/imported-entity-lists',
  'seed/imported-relationship-lists',
  'seed/link-claims',
  'seed/lock',
  'seed/upsert-claims',
  'seed/upsert-entities',
  'seed/upsert-merges',
  'seed/upsert-propositions',
  'seed/upsert-relationships',
];

describe('access mode of each statement', () => {
  it('classifies exactly the listed statements as writes and every other one as a read', () => {
    // Exhaustive on purpose: a new statement that writes must be added to WRITES (and run through
    // write/writeTransaction), and a read the classifier mistook for a write (a map key named
    // `set` once did) fails here, naming it, instead of as an INTERNAL_SERVER_ERROR at run time.
    expect(STATEMENTS.map((n) => [n, registry.get(n)!.mode])).toEqual(STATEMENTS.map((n) => [n, WRITES.includes(n) ? 'write' : 'read']));
  });

  it('reads a clause in a comment or a string as no clause, and any write clause in any case as a write', () => {
    expect(accessModeOf("// SET nothing; DELETE nothing\nMATCH (e:Entity {name: 'CREATE and SET'}) RETURN e")).toBe('read');
    // A map key or a property named like a clause is no clause.
    expect(accessModeOf('MATCH (n) RETURN collect({set: n.id, create: n.remove}) AS levels')).toBe('read');
    for (const clause of ['CREATE (n)', 'merge (n {id: 1})', 'MATCH (n) SET n.x = 1', 'MATCH (n) DETACH DELETE n', 'MATCH (n) REMOVE n.x', 'DROP INDEX x', 'FOREACH (x IN [] | CREATE ())', "LOAD CSV FROM 'f' AS l RETURN l"]) {
      expect([clause, accessModeOf(clause)]).toEqual([clause, 'write']);
    }
  });

  it('refuses to run a writing statement on the read path, before connecting to anything', async () => {
    // Port 1: nothing listens; a connection attempt would fail with DATABASE_UNAVAILABLE instead.
    const driver = createDriver('neo4j://127.0.0.1:1', 'neo4j', 'x');
    const db = new Executor(driver, registry, { database: 'neo4j', timeoutMs: 1000 });
    try {
      const refusal = db.read('admin/wipe');
      await expect(refusal).rejects.toBeInstanceOf(AppError);
      await expect(refusal).rejects.toMatchObject({ code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Cypher statement admin/wipe writes; it must run in a write transaction' });
    } finally {
      await db.close();
    }
  });
});

describe('the Neo4j-Bookmarks header', () => {
  const signer = new BookmarkSigner(['a-secret-of-at-least-32-characters!!']);
  const [a, b] = [signer.sign('FB:kcwQabc+/='), signer.sign('FB:kcwQdef_-')];

  it('reads none from an absent or blank header, and the Neo4j bookmarks inside the signed ones otherwise, once each', () => {
    expect(parseBookmarksHeader(undefined, signer)).toEqual([]);
    expect(parseBookmarksHeader('  ', signer)).toEqual([]);
    expect(parseBookmarksHeader(`${a}, ${b},${a}`, signer)).toEqual(['FB:kcwQabc+/=', 'FB:kcwQdef_-']);
    expect(parseBookmarksHeader([a, b], signer)).toEqual(['FB:kcwQabc+/=', 'FB:kcwQdef_-']);
  });

  it('verifies with every secret of BOOKMARK_SECRET and signs with the first (rotation)', () => {
    const rotated = new BookmarkSigner(['the-new-secret-of-32-characters-or-more', 'a-secret-of-at-least-32-characters!!']);
    expect(rotated.verify(a)).toBe('FB:kcwQabc+/=');
    expect(signer.verify(rotated.sign('FB:x'))).toBeNull();
  });

  const forged = (bookmark: string) => `b1.${Buffer.from(bookmark).toString('base64url')}.${a.split('.')[2]}`;
  it.each([
    ['an empty item', `${a},,${b}`, /bookmark 2 is empty/],
    ['characters no bookmark has', 'FB:a b', /bookmark 1 has characters/],
    ['too many bookmarks', Array.from({ length: 17 }, () => a).join(','), /at most 16 bookmarks, got 17/],
    ['a bookmark too long', `b1.${'a'.repeat(600)}`, /longer than 512/],
    ["a Neo4j bookmark this service did not sign (a database's raw bookmark)", `${a},FB_kcwQh9H9fZCcQeiMkbT9e6szkH-Q`, /bookmark 2 was not issued by this service/],
    ['a bookmark signed with another secret', new BookmarkSigner(['another-secret-of-32-characters-or-more']).sign('FB:kcwQabc+/='), /bookmark 1 was not issued/],
    ["another bookmark under a genuine one's signature (a forged transaction number)", forged('FB:kcwQh9H9fZCcQeiMkbT9e6szkH+Q'), /bookmark 1 was not issued/],
  ])('refuses %s with BAD_REQUEST naming the header', (_what, header, why) => {
    let err: unknown;
    try {
      parseBookmarksHeader(header, signer);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(ErrorCode.BAD_REQUEST);
    expect((err as AppError).message).toMatch(/^Neo4j-Bookmarks: /);
    expect((err as AppError).message).toMatch(why);
  });
});

describe('per-caller bookmark managers', () => {
  it('keys a token holder by its name and an anonymous caller by its address', () => {
    expect(callerKey({ name: 'ada', role: 'curator' }, '10.0.0.1')).toBe('token:ada');
    expect(callerKey({ name: 'anonymous', role: 'anonymous' }, '10.0.0.1')).toBe('address:10.0.0.1');
  });

  it("chains one caller's requests: a later request waits for the bookmarks an earlier one left", async () => {
    const store = new CallerBookmarks();
    const first = store.scope('token:ada', []);
    expect([...(await first.manager.getBookmarks())]).toEqual([]);
    await first.manager.updateBookmarks([], ['FB:one']);
    const second = store.scope('token:ada', []);
    expect([...(await second.manager.getBookmarks())]).toEqual(['FB:one']);
    expect([...(await store.scope('token:bob', []).manager.getBookmarks())]).toEqual([]);
  });

  it("adds sent bookmarks to the caller's chain only through a transaction that used them", async () => {
    const store = new CallerBookmarks();
    const refused = store.scope('token:ada', ['FB:forged']);
    expect([...(await refused.manager.getBookmarks())]).toEqual(['FB:forged']);
    // Neo4j refused the forged bookmark: no transaction updated the manager, so the next request does not carry it.
    expect([...(await store.scope('token:ada', []).manager.getBookmarks())]).toEqual([]);
    const used = store.scope('token:ada', ['FB:sent']);
    await used.manager.updateBookmarks(await used.manager.getBookmarks(), ['FB:after']);
    expect([...(await used.manager.getBookmarks())]).toEqual(['FB:after']);
    expect([...(await store.scope('token:ada', []).manager.getBookmarks())]).toEqual(['FB:after']);
  });

  it('keeps at most its bound of callers, forgetting the least recently seen', async () => {
    const store = new CallerBookmarks(3);
    for (const key of ['a', 'b', 'c']) await store.scope(key, []).manager.updateBookmarks([], [`FB:${key}`]);
    store.scope('a', []); // a is now the most recently seen
    store.scope('d', []);
    expect(store.size).toBe(3);
    expect([...(await store.scope('a', []).manager.getBookmarks())]).toEqual(['FB:a']);
    expect([...(await store.scope('b', []).manager.getBookmarks())]).toEqual([]);
  });
});

describe('NEO4J_URI schemes of a cluster', () => {
  it.each(['neo4j://db.example:7687', 'neo4j+s://abc123.databases.neo4j.io', 'neo4j+ssc://db.example', 'bolt+s://db.example:7687'])('accepts %s', (uri) => {
    expect(loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: 'p' }).neo4j).toMatchObject({ mode: 'external', uri });
  });

  it('refuses an unknown scheme, naming the variable', () => {
    expect(() => loadConfig({ NEO4J_URI: 'neo4j+x://db.example' })).toThrow(/^NEO4J_URI must be a bolt:\/\/ or neo4j:\/\//);
  });
});
