/**
 * Issue 25, items 1 and 4, through the real HTTP server over the run's Neo4j: bookmarks that
 * cannot be forged (signed, refused before any database work, a short bounded wait for genuine
 * ones, 503 with Retry-After when the database cannot serve), and the smaller holes: a
 * subscription over plain HTTP, variables nested thousands deep, GraphiQL's headers, the client
 * configuration with introspection off, the error of /entities/<unknown>.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import neo4j from 'neo4j-driver';
import { gql, startTestServer, TestServer } from '../support/helpers';
import { startServer } from '../../src/server';
import { translateError } from '../../src/db/executor';
import { neo4jTarget } from '../../src/db/connect';
import { PoolShare } from '../../src/db/pool-share';
import { eraseDeleted, WITHHELD } from '../../src/seed/erase';
import { ErrorCode } from '../../src/errors';
import { MAX_INPUT_DEPTH } from '../../src/graphql/request-guards';
import { GRAPHIQL_HEADERS } from '../../src/http/graphiql';

const SECRET = 'trust-test-bookmark-secret-0123456789';
const CURATOR = 'trust-curator-0123456789abcdef';
const curator = { authorization: `Bearer ${CURATOR}` };
const READ = '{ entity(id: "cnil") { name } }';
const WRITE = 'mutation E($input: EntityInput!) { upsertEntity(input: $input) { id } }';
const doc = (name: string) => ({ id: 'trust-doc', kind: 'DOCUMENT', name, primary: false, reliability: 'LOW', url: 'https://example.org/trust', sources: [] });

/** What a replica sharing BOOKMARK_SECRET would hand out for a Neo4j bookmark. */
const sign = (bookmark: string) => `b1.${Buffer.from(bookmark).toString('base64url')}.${crypto.createHmac('sha256', SECRET).update(`b1.${bookmark}`).digest('base64url')}`;
const inside = (signed: string) => Buffer.from(signed.split('.')[1]!, 'base64url').toString('utf8');

/**
 * A Neo4j 5 bookmark for the same database, far ahead of its last transaction: `FB:` and base64 of
 * PackStream (a list marker, the database id as 16 bytes, the transaction number as an INT, an
 * empty list); the number becomes INT_32 2^31-1. What the issue's probe sent.
 */
function ahead(bookmark: string): string {
  const b = Buffer.from(bookmark.slice(3), 'base64');
  const marker = b[19]!;
  const intLength = marker < 0x80 || marker >= 0xf0 ? 1 : ({ 0xc8: 2, 0xc9: 3, 0xca: 5, 0xcb: 9 } as Record<number, number>)[marker]!;
  return `FB:${Buffer.concat([b.subarray(0, 19), Buffer.from([0xca, 0x7f, 0xff, 0xff, 0xff]), b.subarray(19 + intLength)]).toString('base64')}`;
}

let t: TestServer;
let issued: string;

beforeAll(async () => {
  t = await startTestServer({ BOOKMARK_SECRET: SECRET, API_TOKENS: `cur:curator:${CURATOR}`, RATE_LIMIT_PER_MINUTE: '0' });
  const write = await gql(t.url, WRITE, { input: doc('Trust test document') }, curator);
  expect(write.errors).toBeUndefined();
  issued = (write.extensions!.bookmarks as string[])[0]!;
}, 180_000); // a seed first after Neo4j started, on a loaded machine, took over a minute

afterAll(async () => {
  await t?.close();
});

/** Statements the server runs while `work` does: a refusal "before any database work" runs none. */
async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const off = t.conn.db.onQuery(() => n++);
  try {
    await work();
  } finally {
    off();
  }
  return n;
}

describe('signed bookmarks', () => {
  it("hands out signed bookmarks, and a read sent with them is served", async () => {
    expect(issued).toMatch(/^b1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(inside(issued)).toMatch(/^FB:/);
    const read = await gql(t.url, READ, undefined, { 'Neo4j-Bookmarks': issued });
    expect(read.status).toBe(200);
    expect(read.data.entity.name).toMatch(/^Commission nationale/);
  });

  it.each([
    ["the database's own bookmark, unsigned", () => inside(issued)],
    ['a bookmark of this database ahead of its last transaction (the probe)', () => ahead(inside(issued))],
    ['a bookmark of an unknown database', () => `FB:${Buffer.from(Buffer.from(inside(issued).slice(3), 'base64').map((x, i) => (i >= 3 && i < 19 ? x ^ 0xff : x))).toString('base64')}`],
    ["a future transaction under a genuine bookmark's signature", () => `b1.${Buffer.from(ahead(inside(issued))).toString('base64url')}.${issued.split('.')[2]}`],
  ])('refuses %s with 400 BAD_REQUEST naming the header, running no statement', async (_what, bookmark) => {
    let res: Awaited<ReturnType<typeof gql>> | undefined;
    const ran = await statementsDuring(async () => (res = await gql(t.url, READ, undefined, { 'Neo4j-Bookmarks': bookmark() })));
    expect(res!.status).toBe(400);
    expect(res!.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(res!.errors?.[0]?.message).toMatch(/^Neo4j-Bookmarks: bookmark 1 was not issued by this service/);
    expect(ran).toBe(0);
  });

  it('answers 150 forged bookmarks at once with BAD_REQUEST while another client is served', async () => {
    const forged = ahead(inside(issued));
    const flood = Promise.all(Array.from({ length: 150 }, () => gql(t.url, READ, undefined, { 'Neo4j-Bookmarks': forged })));
    const other = await gql(t.url, READ, undefined, curator);
    const answers = await flood;
    expect(other.status).toBe(200);
    expect(other.data.entity).toBeTruthy();
    expect(answers.map((a) => `${a.status} ${a.errors?.[0]?.extensions?.code}`)).toEqual(answers.map(() => '400 BAD_REQUEST'));
  });

  it.each([
    ['ahead of the transaction the database has committed', () => ahead(inside(issued)), /^Neo4j-Bookmarks: bookmark 1 is ahead of what the database has committed \(transaction 2147483647, the database is at \d+\)/],
    [
      'of a database this service does not serve (a replaced store)',
      () => `FB:${Buffer.from(Buffer.from(inside(issued).slice(3), 'base64').map((x, i) => (i >= 3 && i < 19 ? x ^ 0xff : x))).toString('base64')}`,
      /^Neo4j-Bookmarks: bookmark 1 is of a database this service does not serve now/,
    ],
  ])('refuses a genuinely signed bookmark %s at once with 400 BAD_REQUEST, not after a wait', async (_what, bookmark, message) => {
    // Signed with the shared secret, as a replica would sign it: the signature is good, the position is not.
    let res: Awaited<ReturnType<typeof gql>> | undefined;
    const ran = await statementsDuring(async () => (res = await gql(t.url, READ, undefined, { 'Neo4j-Bookmarks': sign(bookmark()) })));
    expect(res!.status).toBe(400);
    expect(res!.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(res!.errors?.[0]?.message).toMatch(message);
    // No statement began with the bookmark, so Neo4j never waited for it (its wait,
    // db.transaction.bookmark_ready_timeout, starts when a transaction begins with one).
    expect(ran).toBe(0);
  });

  it('serves a genuinely signed bookmark of an earlier transaction than the last (another caller wrote since)', async () => {
    const later = await gql(t.url, WRITE, { input: doc('Trust test document, renamed') }, curator);
    expect(later.errors).toBeUndefined();
    const read = await gql(t.url, READ, undefined, { 'Neo4j-Bookmarks': `${issued},${(later.extensions!.bookmarks as string[])[0]}` });
    expect(read.status).toBe(200);
    expect(read.data.entity.name).toMatch(/^Commission nationale/);
    await gql(t.url, WRITE, { input: doc('Trust test document') }, curator);
  });
});

describe('the connection pool', () => {
  it("runs one caller's transactions within its share of the pool, the others waiting their turn", async () => {
    const pool = new PoolShare(2);
    const db = t.conn.db.withShare(pool, 'token:flood');
    let most = 0;
    const off = db.onQuery(() => (most = Math.max(most, pool.heldBy('token:flood'))));
    try {
      const rows = await Promise.all(Array.from({ length: 12 }, () => db.read('system/ping')));
      expect(rows).toHaveLength(12);
    } finally {
      off();
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
    expect(pool.heldBy('token:flood')).toBe(0);
  });


  it("runs the view's, the exports' and /reconcile's transactions within the caller's share too (never more than POOL_SHARE_PER_CALLER at once)", async () => {
    const two = await startTestServer({ BOOKMARK_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '0', POOL_SHARE_PER_CALLER: '2' }, false);
    // Each statement's run as [start, end]: one caller's never overlap more than two deep.
    const runs: [number, number][] = [];
    const off = two.conn.db.onQuery((e) => runs.push([performance.now() - e.ms, performance.now()]));
    const urls = [
      `${two.base}/api/graph?center=clearview-ai&depth=1`,
      `${two.base}/embed?center=sander-dekker&depth=1`,
      `${two.base}/api/export?format=csv&center=cnil&depth=1`,
      `${two.base}/reconcile?queries=${encodeURIComponent(JSON.stringify({ q0: { query: 'Clearview' }, q1: { query: 'CNIL' } }))}`,
      `${two.base}/entities/clearview-ai`,
    ];
    try {
      const statuses = await Promise.all(urls.map(async (u) => (await fetch(u)).status));
      expect(statuses).toEqual(urls.map(() => 200));
    } finally {
      off();
      await two.close();
    }
    expect(runs.length).toBeGreaterThan(urls.length);
    // The most runs under way at one moment: sweep the starts and ends in time order.
    const moments = runs.flatMap(([a, b]) => [[a, 1] as const, [b, -1] as const]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let now = 0;
    let most = 0;
    for (const [, step] of moments) most = Math.max(most, (now += step));
    expect(most).toBe(2);
  });

  it("reads the driver's acquisition timeout as DATABASE_UNAVAILABLE, not as an internal error", async () => {
    // A real driver with a pool of one: a transaction holds it, the next request cannot get it.
    const { uri, user, password } = neo4jTarget(t.config);
    const driver = neo4j.driver(uri, neo4j.auth.basic(user!, password!), {
      maxConnectionPoolSize: 1,
      connectionAcquisitionTimeout: 300,
    });
    const holder = driver.session();
    const tx = await holder.beginTransaction();
    try {
      await tx.run('RETURN 1');
      const err = await driver
        .session()
        .run('RETURN 1')
        .then(() => null, (e: unknown) => e);
      expect(err).toBeTruthy();
      expect(translateError(err, 'system/ping')).toMatchObject({ code: ErrorCode.DATABASE_UNAVAILABLE, message: 'The database has no free connection right now; try again shortly.' });
    } finally {
      await tx.rollback();
      await holder.close();
      await driver.close();
    }
  });
});

describe('smaller holes', () => {
  it('answers a subscription over plain HTTP with 400 BAD_REQUEST naming its transports, not a 200 internal error', async () => {
    // A valid subscription: only the transport is wrong (subscriptions.int.test.ts serves it over both).
    const res = await gql(t.url, 'subscription { changes { cursor } }');
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
    expect(res.errors?.[0]?.message).toMatch(/^Subscriptions are not served over plain HTTP: use graphql-ws .* on \/graphql or server-sent events .* on \/graphql\/stream/);
  });

  it.each([MAX_INPUT_DEPTH + 1, 3_000, 5_000, 100_000])('refuses a where nested %i deep in variables as BAD_USER_INPUT naming the variable', async (depth) => {
    const where = `${'{"NOT":'.repeat(depth)}{"kind":["COMPANY"]}${'}'.repeat(depth)}`;
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":"query Q($w: EntityWhere) { entities(where: $w) { totalCount } }","variables":{"w":${where}}}`,
    });
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(res.status).toBe(400);
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors[0]!.extensions.argument).toBe('$w');
    expect(body.errors[0]!.message).toMatch(new RegExp(`^\\$w\\.NOT\\.NOT\\.NOT: nested more than ${MAX_INPUT_DEPTH} levels deep`));
  });

  it('still accepts the deepest filter the schema allows (7 levels of NOT, 8 with the condition)', async () => {
    const where = `${'{"NOT":'.repeat(7)}{"kind":["COMPANY"]}${'}'.repeat(7)}`;
    const res = await gql(t.url, 'query Q($w: EntityWhere) { entities(where: $w) { totalCount } }', { w: JSON.parse(where) });
    expect(res.errors).toBeUndefined();
    expect(res.data.entities.totalCount).toBeGreaterThan(0);
  });

  it("serves GraphiQL with /embed's security headers, and its CSP allows exactly the page's inline script", async () => {
    const res = await fetch(t.url, { headers: { accept: 'text/html' } });
    const html = await res.text();
    for (const [name, value] of Object.entries(GRAPHIQL_HEADERS)) expect([name, res.headers.get(name)]).toEqual([name, value]);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const scripts = [...html.matchAll(/<script>([^]*?)<\/script>/g)].map((m) => `'sha256-${crypto.createHash('sha256').update(m[1]!).digest('base64')}'`);
    expect(scripts).toHaveLength(1);
    expect(res.headers.get('content-security-policy')).toContain(`script-src 'self' ${scripts[0]}`);
  });

  it('serves the client configuration with INTROSPECTION=false too', async () => {
    const closed = await startServer({ ...t.config, introspection: false }, t.conn.db, pino({ level: 'silent' }));
    try {
      const base = `http://127.0.0.1:${closed.port}`;
      const res = await fetch(`${base}/graphql/client-config.json`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(await (await fetch(`${t.base}/graphql/client-config.json`)).json());
      // Introspection itself stays off.
      const intro = await gql(`${base}/graphql`, '{ __schema { types { name } } }');
      expect(intro.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await closed.stop();
    }
  });

  it("shows /readyz's real answer in the README", async () => {
    const res = await fetch(`${t.base}/readyz`);
    const readme = fs.readFileSync(path.join(t.config.rootDir, 'README.md'), 'utf8');
    expect(readme).toContain(`\`curl localhost:4000/readyz\` answers \`${await res.text()}\` (HTTP ${res.status};`);
  });

  it('names the id, not a parameter, when /entities/<unknown> is not found', async () => {
    const res = await fetch(`${t.base}/entities/no-such-entity`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', message: 'no entity has id "no-such-entity"', id: 'no-such-entity' });
    expect(JSON.stringify(body)).not.toMatch(/center/);
  });
});

describe('the public change feed', () => {
  const NAME = 'Erika Erasure-Request';
  const CHANGES = '{ changes(since: "2020-01-01", first: 500) { edges { node { operation entityIds changes { area id before after } } } } }';
  // Its alias is a name a held text states (the seed refuses any other): a word of the cited answer.
  const ALIAS = 'Rechtsbescherming';
  const HELD = { documentId: 'ah-tk-20212022-105', quote: 'Antwoord van Minister Dekker (Rechtsbescherming), mede namens de Minister van Justitie en Veiligheid (ontvangen 28 september 2021).' };
  const person = { id: 'erika-erasure', kind: 'PERSON', name: NAME, aliases: [ALIAS], sources: [{ documentId: 'trust-doc', quote: 'Erika Erasure-Request said so' }, HELD] };
  const about = (feed: any, id: string) =>
    feed.data.changes.edges.flatMap((e: any) => e.node.changes.filter((c: any) => c.id === id).map((c: any) => ({ operation: e.node.operation, before: c.before, after: c.after })));

  it("shows elements in the public names (the seed files'), never the storage keys", async () => {
    expect((await gql(t.url, WRITE, { input: person }, curator)).errors).toBeUndefined();
    const feed = await gql(t.url, CHANGES);
    const text = JSON.stringify(feed.data);
    for (const key of ['aliasText', 'sourceDocs', 'sourceQuotes', 'claimantId', 'subjectIds']) expect([key, text.includes(`"${key}"`)]).toEqual([key, false]);
    expect(about(feed, 'erika-erasure')).toEqual([
      {
        operation: 'upsertEntity',
        before: null,
        after: { id: 'erika-erasure', kind: 'PERSON', name: NAME, aliases: [ALIAS], sources: [{ document: 'trust-doc', quote: 'Erika Erasure-Request said so' }, { document: HELD.documentId, quote: HELD.quote }] },
      },
    ]);
    // Curators' auditLog keeps the stored form.
    const log = await gql(t.url, '{ auditLog(entityId: "erika-erasure") { edges { node { changes { after } } } } }', undefined, curator);
    expect(log.data.auditLog.edges[0].node.changes[0].after.aliasText).toBe(ALIAS);
  });

  it("withholds a deleted entity's content for good on an erasure, while the fact of its creation and deletion stays", async () => {
    // Written here too (unchanged when the test before wrote it), so that this test runs alone.
    expect((await gql(t.url, WRITE, { input: person }, curator)).errors).toBeUndefined();
    await expect(eraseDeleted(t.conn.db, 'erika-erasure')).rejects.toThrow(/^entity erika-erasure is still stored: delete it first/);
    expect((await gql(t.url, 'mutation { deleteEntity(id: "erika-erasure") }', undefined, curator)).errors).toBeUndefined();
    expect(await eraseDeleted(t.conn.db, 'erika-erasure')).toBe(2);
    const feed = await gql(t.url, CHANGES);
    expect(about(feed, 'erika-erasure')).toEqual([
      { operation: 'upsertEntity', before: null, after: WITHHELD },
      { operation: 'deleteEntity', before: WITHHELD, after: null },
    ]);
    // Nowhere in the stored graph, audit entries included; a second erasure has nothing left to do.
    const [digest] = await t.conn.db.read('admin/graph-digest', { withAudit: true });
    expect(JSON.stringify(digest)).not.toContain('Erasure-Request');
    expect(JSON.stringify(digest)).toContain('erika-erasure');
    expect(await eraseDeleted(t.conn.db, 'erika-erasure')).toBe(0);
  });
});

describe('keyset cursors', () => {
  const PAGE = 'query P($first: Int, $after: String, $orderBy: [EntityOrder!]) { entities(first: $first, after: $after, orderBy: $orderBy) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';
  const ids = (res: any) => res.data.entities.edges.map((e: any) => e.node.id);
  const page = async (first: number, after: string | null, orderBy: unknown = [{ field: 'NAME' }]) => {
    const res = await gql(t.url, PAGE, { first, after, orderBy });
    expect(res.errors).toBeUndefined();
    return res;
  };
  const upsert = async (id: string, name: string, extra: Record<string, unknown> = {}) =>
    expect((await gql(t.url, WRITE, { input: { id, kind: 'DOCUMENT', name, primary: false, reliability: 'LOW', url: 'https://example.org/k', sources: [], ...extra } }, curator)).errors).toBeUndefined();
  const remove = async (id: string) => expect((await gql(t.url, 'mutation D($id: ID!) { deleteEntity(id: $id) }', { id }, curator)).errors).toBeUndefined();

  it('neither repeats nor skips an element when a write inserts one before the cursor between two pages (the probe)', async () => {
    const all = ids(await page(6, null));
    const first = await page(3, null);
    await upsert('aaa-keyset-probe', 'AAA keyset probe');
    try {
      const second = await page(3, first.data.entities.pageInfo.endCursor);
      expect([...ids(first), ...ids(second)]).toEqual(all);
    } finally {
      await remove('aaa-keyset-probe');
    }
  });

  it("starts after where the cursor's element was when a write removed it, or moved it", async () => {
    await upsert('keyset-moving', 'Cnil-adjacent keyset document');
    const all = ids(await page(500, null));
    const at = all.indexOf('keyset-moving');
    const upTo = await page(at + 1, null);
    expect(ids(upTo).at(-1)).toBe('keyset-moving');
    await remove('keyset-moving');
    const after = await page(3, upTo.data.entities.pageInfo.endCursor);
    expect(ids(after)).toEqual(all.slice(at + 1, at + 4));
    // Moved far away (renamed): the next page still starts where it stood.
    await upsert('keyset-moving', 'Cnil-adjacent keyset document');
    const again = await page(at + 1, null);
    await upsert('keyset-moving', 'Zzz renamed keyset document');
    try {
      expect(ids(await page(3, again.data.entities.pageInfo.endCursor))).toEqual(all.slice(at + 1, at + 4));
    } finally {
      await remove('keyset-moving');
    }
  });

  it('pages through a sort with missing values and descending keys as the whole list reads, under writes between pages', async () => {
    const orderBy = [{ field: 'DATE', direction: 'DESC' }];
    const all = ids(await page(500, null, orderBy));
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; ; i++) {
      const res: any = await page(17, after, orderBy);
      seen.push(...ids(res));
      // A write between pages: a dated document that sorts before this page, then gone again.
      if (i === 1) await upsert('keyset-dated', 'Keyset dated document', { date: '2100-01-01' });
      if (i === 2) await remove('keyset-dated');
      if (!res.data.entities.pageInfo.hasNextPage) break;
      after = res.data.entities.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it.each([
    ['a cursor of the change feed', async () => (await gql(t.url, '{ changes(since: "2020-01-01", first: 1) { pageInfo { endCursor } } }')).data.changes.pageInfo.endCursor, /^after: is a cursor of changes, not of entities$/],
    ['a cursor of another ordering', async () => (await page(1, null, [{ field: 'DATE' }])).data.entities.pageInfo.endCursor, /^after: is a cursor of entities read in another order \(DATE\)/],
    ['the old offset cursor', async () => Buffer.from('o:2').toString('base64url'), /^after: is not a cursor this API issued/],
    ['a malformed cursor', async () => 'c1.not-json', /^after: is not a cursor this API issued/],
  ])('refuses %s as BAD_USER_INPUT naming the argument', async (_what, cursor, message) => {
    const res = await gql(t.url, PAGE, { first: 1, after: await cursor(), orderBy: [{ field: 'NAME' }] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(res.errors?.[0]?.message).toMatch(message);
  });

  it("refuses an entity's relationships cursor in its claimsAbout", async () => {
    const rels = await gql(t.url, '{ entity(id: "clearview-ai") { relationships(first: 1) { pageInfo { endCursor } } } }');
    const cursor = rels.data.entity.relationships.pageInfo.endCursor;
    const res = await gql(t.url, 'query C($after: String) { entity(id: "clearview-ai") { claimsAbout(first: 1, after: $after) { totalCount } } }', { after: cursor });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(res.errors?.[0]?.message).toMatch(/^after: is a cursor of Entity\.relationships, not of Entity\.claimsAbout$/);
  });
});
