/**
 * Issue 11: the holes a security review found, each proved closed over real HTTP and the real
 * Neo4j. Items 1 (fragment fan-out, batch) are also in the reliability suite's input corpus;
 * item 3 (the embedded Neo4j's password, file URLs, procedures) is test/integration/neo4j-auth.int.test.ts.
 */
import net from 'node:net';
import { Writable } from 'node:stream';
import { getIntrospectionQuery } from 'graphql';
import pino from 'pino';
import neo4j, { Driver } from 'neo4j-driver';
import { loadConfig } from '../../src/config';
import { neo4jTarget } from '../../src/db/connect';
import { startServer } from '../../src/server';
import { gql, graphDigest, startTestServer, TestServer } from '../support/helpers';
import { fragmentFanOut } from '../support/corpus';
import { probedRoutes, routesWithoutProbe, send } from '../support/route-probes';

const CURATOR = 'review-curator-token-0123456789';
const READER = 'review-reader-token-0123456789';
const TOKENS = `cara:curator:${CURATOR},rick:reader:${READER}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const SOURCE = { documentId: 'article-cabinet-insists-police-never-used-clearview', quote: 'Sander Dekker' };

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: TOKENS });
}, 180_000); // a seed on a loaded machine, first after Neo4j started, took over the default minute
afterAll(async () => {
  await t?.close();
});

/** Counts the Cypher statements run while `fn` runs. */
async function statementsDuring(fn: () => Promise<void>): Promise<number> {
  let n = 0;
  const off = t.conn.db.onQuery(() => n++);
  try {
    await fn();
  } finally {
    off();
  }
  return n;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body) });

describe('item 1: the complexity limit cannot be switched off', () => {
  it('refuses a query whose fragments expand past what the estimator counts, before any Cypher', async () => {
    let res: Awaited<ReturnType<typeof gql>> | undefined;
    const ran = await statementsDuring(async () => {
      res = await gql(t.url, fragmentFanOut());
    });
    expect(res!.status).toBe(400);
    expect(res!.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity', max: 20000 });
    expect(ran).toBe(0);
  });

  it('refuses each entry of a batch of fan-outs', async () => {
    const res = await post(t.url, Array.from({ length: 10 }, () => ({ query: fragmentFanOut() })));
    const body = (await res.json()) as any[];
    expect(body.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(Array(10).fill('QUERY_TOO_COMPLEX'));
  });
});

describe('item 2: a missing or null page size costs as its default', () => {
  const nested = `query($f: Int) { entity(id: "clearview-ai") { relationships(first: $f) { edges { node { node {
    relationships(first: $f) { edges { node { node { relationships(first: $f) { edges { node { type } } } } } } } } } } } } }`;
  it.each([[null], [50]])('refuses three levels of relationships(first: %p)', async (f) => {
    const res = await gql(t.url, nested, { f });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity' });
  });
});

describe('item 4: a write locks what it depends on', () => {
  // The two orders of a claim racing the delete of its claimant, each forced rather than hoped
  // for: the test holds the lock of an entity that the first write needs after the claimant's,
  // so the first write holds the claimant and waits; the second write then waits for the
  // claimant; on release they run in that order. Each order has its own outcome, asserted.
  const target = neo4jTarget(loadConfig({ ...process.env }));
  let driver: Driver;
  beforeAll(() => {
    driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user!, target.password!), { disableLosslessIntegers: true });
  });
  afterAll(async () => {
    await driver?.close();
  });

  /** Takes the write lock of entity or claim `id` in a transaction of the test's own; the function returned releases it. */
  async function holdLock(id: string): Promise<() => Promise<void>> {
    const session = driver.session();
    const tx = session.beginTransaction();
    const locked = await tx.run(
      'OPTIONAL MATCH (e:Entity {id: $id}) OPTIONAL MATCH (c:Claim {id: $id}) WITH coalesce(e, c) AS n SET n._lock = true REMOVE n._lock RETURN count(n) AS n',
      { id },
    );
    expect(locked.records[0]!.get('n')).toBe(1);
    return async () => {
      await tx.rollback();
      await session.close();
    };
  }

  /** Waits, with a deadline, until `n` transactions are blocked on a lock. */
  async function blockedTransactions(n: number): Promise<void> {
    const deadline = Date.now() + 8000;
    for (;;) {
      const session = driver.session({ database: 'system' });
      let blocked = 0;
      try {
        const rows = await session.run("SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n");
        blocked = rows.records[0]!.get('n') as number;
      } finally {
        await session.close();
      }
      if (blocked >= n) return;
      if (Date.now() > deadline) throw new Error(`expected ${n} blocked transaction(s), saw ${blocked}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * Runs `first`, then `second`, in that order over the claimant: `first` is let in while the test
   * holds `lockOn`, and waits there holding what it took before; `second` then waits for it.
   */
  async function inOrder<A, B>(lockOn: string, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
    const release = await holdLock(lockOn);
    let a: Promise<A> | undefined;
    let b: Promise<B> | undefined;
    try {
      a = first();
      await blockedTransactions(1);
      b = second();
      await blockedTransactions(2);
    } finally {
      await release();
    }
    return Promise.all([a, b]);
  }

  const upsert = (input: Record<string, unknown>) => gql(t.url, 'mutation($input: EntityInput!) { upsertEntity(input: $input) { id } }', { input }, bearer(CURATOR));

  /**
   * A claimant (`race-a-…`, sorted before the claim's other ids, so a write locks it first), a
   * subject (`race-z-…`, locked after it by the claim's write), and on the race's proposition a
   * claim of the claimant's and one of another claimant's (`race-z-other-…`): deleting the
   * claimant removes its claim and rescores the other, which the delete then has to lock.
   */
  async function stage(order: string) {
    const ids = { claimant: `race-a-claimant-${order}`, subject: `race-z-subject-${order}`, other: `race-z-other-${order}`, otherClaim: `race-z-other-claim-${order}` };
    const proposition = `race-proposition-${order}`;
    for (const r of await Promise.all([
      upsert({ id: ids.claimant, kind: 'PERSON', name: `Racer ${order}`, sources: [SOURCE] }),
      upsert({ id: ids.subject, kind: 'COMPANY', name: `Subject ${order}`, sources: [SOURCE] }),
      upsert({ id: ids.other, kind: 'PERSON', name: `Other ${order}`, sources: [SOURCE] }),
    ])) expect(r.errors).toBeUndefined();
    const on = { subjectIds: [ids.subject], propositionId: proposition, propositionText: 'A proposition of the race test.', sources: [SOURCE] };
    for (const input of [
      { ...on, id: `race-b-prior-${order}`, text: 'An earlier claim of the claimant.', claimantId: ids.claimant, polarity: 'AFFIRMS' },
      { ...on, id: ids.otherClaim, text: 'Another claimant denies it.', claimantId: ids.other, polarity: 'DENIES' },
    ]) {
      const made = await gql(t.url, 'mutation($input: ClaimInput!) { upsertClaim(input: $input) { id } }', { input }, bearer(CURATOR));
      expect(made.errors).toBeUndefined();
    }
    const claim = {
      id: `race-claim-${order}`,
      text: 'A claim raced with the deletion of its claimant.',
      claimantId: ids.claimant,
      subjectIds: [ids.subject],
      propositionId: proposition,
      polarity: 'AFFIRMS',
      sources: [SOURCE],
    };
    const claimWrite = () => gql(t.url, 'mutation($input: ClaimInput!) { upsertClaim(input: $input) { id } }', { input: claim }, bearer(CURATOR));
    const deleteWrite = () => gql(t.url, 'mutation($id: ID!) { deleteEntity(id: $id) }', { id: ids.claimant }, bearer(CURATOR));
    const readBack = async () => {
      const read = await gql(t.url, 'query($c: ID!, $e: ID!) { claim(id: $c) { id } entity(id: $e) { id } }', { c: claim.id, e: ids.claimant });
      expect(read.errors).toBeUndefined();
      return read.data;
    };
    return { ids, claimWrite, deleteWrite, readBack };
  }

  it('claim first: the claim is saved while the delete waits, then goes with its claimant', async () => {
    const { ids, claimWrite, deleteWrite, readBack } = await stage('claim-first');
    // The claim holds its claimant and waits for its subject; the delete waits for the claimant.
    const [claimed, deleted] = await inOrder(ids.subject, claimWrite, deleteWrite);
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data.upsertClaim.id).toBe('race-claim-claim-first');
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deleteEntity).toBe(true);
    expect(await readBack()).toEqual({ claim: null, entity: null });
  });

  it('delete first: the claim waits for its claimant, then is refused naming it', async () => {
    const { ids, claimWrite, deleteWrite, readBack } = await stage('delete-first');
    // The delete holds the claimant and waits for the other claim, which it rescores; the claim waits for the claimant.
    const [deleted, claimed] = await inOrder(ids.otherClaim, deleteWrite, claimWrite);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deleteEntity).toBe(true);
    expect(claimed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(claimed.errors?.[0]?.message).toMatch(new RegExp(ids.claimant));
    expect(await readBack()).toEqual({ claim: null, entity: null });
  });
});

describe('item 5: the audit log needs a curator', () => {
  const query = '{ auditLog(first: 5) { totalCount edges { node { actor operation summary } } } }';
  it.each([
    ['an anonymous caller', {}, 'UNAUTHENTICATED'],
    ['a reader', bearer(READER), 'FORBIDDEN'],
  ])('refuses %s', async (_who, headers, code) => {
    const res = await gql(t.url, query, {}, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(JSON.stringify(res)).not.toMatch(/seed:|changesJson|\/work\//);
  });

  it('answers a curator', async () => {
    const res = await gql(t.url, query, {}, bearer(CURATOR));
    expect(res.errors).toBeUndefined();
    expect(res.data.auditLog.totalCount).toBeGreaterThan(0);
  });
});

describe('item 6: INTROSPECTION=false gives no "Did you mean" hints', () => {
  const misspelt = [
    '{ entity(id: "cnil") { nme } }',
    '{ entitie(id: "cnil") { name } }',
    '{ entity(idd: "cnil") { name } }',
    '{ entities(kind: REGULATR) { totalCount } }',
    'query($e: EntityInpt) { entity(id: "x") { id } }',
  ];
  it('keeps them when introspection is on (what a schema-recovery tool reads)', async () => {
    const res = await gql(t.url, misspelt[0]!);
    expect(res.errors?.[0]?.message).toMatch(/Did you mean "name"\?/);
  });

  it('strips them when introspection is off', async () => {
    const closed = await startTestServer({ INTROSPECTION: 'false' }, false);
    try {
      for (const query of misspelt) {
        const res = await gql(closed.url, query);
        expect(res.errors?.length).toBeGreaterThan(0);
        for (const e of res.errors!) expect(e.message).not.toMatch(/Did you mean/);
      }
      const variable = await gql(closed.url, 'mutation($i: EntityInput!) { upsertEntity(input: $i) { id } }', { i: { id: 'x', kind: 'COMPANY', nam: 'X', sources: [] } });
      expect(variable.errors?.[0]?.message).not.toMatch(/Did you mean/);
    } finally {
      await closed.server.stop();
    }
  });
});

describe('item 7: a rate limit per caller', () => {
  it('answers 429 with Retry-After past RATE_LIMIT_PER_MINUTE, per token name or else per address', async () => {
    const limited = await startTestServer({ API_TOKENS: TOKENS, RATE_LIMIT_PER_MINUTE: '5' }, false);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await post(limited.url, { query: '{ __typename }' })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const over = await post(limited.url, { query: '{ __typename }' });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await over.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
      const view = await fetch(`${limited.base}/api/graph?center=cnil`);
      expect(view.status).toBe(429);
      expect(await view.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      // Another caller has a bucket of its own.
      expect((await post(limited.url, { query: '{ __typename }' }, bearer(READER))).status).toBe(200);
    } finally {
      await limited.server.stop();
    }
  });
});

describe('item 7: the rate limit covers every limited route', () => {
  // The routes and their buckets are the route modules' declarations (src/server.ts ROUTE_MODULES),
  // each asked by a probe of test/support/route-probes.ts. Each route is asked by a caller of its
  // own (its own bucket), so each case runs alone or in any order; the requests are cheap refusals
  // or small answers: the limit counts requests, not work.
  const ROUTES = probedRoutes();
  const LIMITED = ROUTES.filter((r) => r.route.policies.rateLimit === 'caller');
  const UNLIMITED = ROUTES.filter((r) => r.route.policies.rateLimit === 'none');
  const LIMIT = 2;
  const token = (i: number) => `route-limit-token-${String(i).padStart(2, '0')}-0123456789`;
  let limited: TestServer;
  beforeAll(async () => {
    const tokens = ROUTES.map((_r, i) => `route${i}:reader:${token(i)}`).join(',');
    limited = await startTestServer({ API_TOKENS: tokens, RATE_LIMIT_PER_MINUTE: String(LIMIT) }, false);
  });
  afterAll(async () => {
    await limited?.server.stop();
  });

  it('has a probe for every declared route, and the API, the view, the exports and /reconcile among the limited ones', () => {
    expect(routesWithoutProbe()).toEqual([]);
    expect(LIMITED.map((r) => r.route.path)).toEqual(
      expect.arrayContaining(['/graphql', '/graphql/stream', '/api/graph', '/embed', '/api/export', '/feeds/changes.atom', '/entities/:id', '/reconcile', '/reconcile/suggest/entity']),
    );
  });

  it.each(LIMITED.map((r) => [r.title, r] as const))('%s answers 429 RATE_LIMITED with Retry-After past the limit', async (_title, { route, probe }) => {
    const ask = () => send(limited.base, probe, { authorization: `Bearer ${token(ROUTES.findIndex((r) => r.route === route))}` });
    const statuses: number[] = [];
    for (let n = 0; n < LIMIT; n++) statuses.push((await ask()).status);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const over = await ask();
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await over.json()) as any;
    // The route's own error shape, as it declares it: GraphQL's on /graphql, the one JSON error shape elsewhere.
    expect(route.errors === 'graphql' ? body.errors[0].extensions.code : body.error.code).toBe('RATE_LIMITED');
  });

  it.each(UNLIMITED.map((r) => [r.title, r] as const))('%s is never limited (health, metrics, assets, pages a browser loads by the handful)', async (_title, { route, probe }) => {
    const headers = { authorization: `Bearer ${token(ROUTES.findIndex((r) => r.route === route))}` };
    const statuses: number[] = [];
    for (let n = 0; n < LIMIT + 2; n++) statuses.push((await send(limited.base, probe, headers)).status);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
  });
});

describe('item 8: ids are unique across kinds', () => {
  const claim = (id: string) => ({
    id,
    text: 'A claim that takes an id in use.',
    claimantId: 'sander-dekker',
    subjectIds: ['clearview-ai'],
    propositionId: 'dutch-police-used-clearview',
    polarity: 'AFFIRMS',
    sources: [SOURCE],
  });
  it.each([
    ['a claim with an entity id', 'mutation($i: ClaimInput!) { upsertClaim(input: $i) { id } }', { i: claim('clearview-ai') }],
    ['a claim with a proposition id', 'mutation($i: ClaimInput!) { upsertClaim(input: $i) { id } }', { i: claim('dutch-police-used-clearview') }],
    ['an entity with a claim id', 'mutation($i: EntityInput!) { upsertEntity(input: $i) { id } }', { i: { id: 'dekker-not-implemented-operationally', kind: 'COMPANY', name: 'X', sources: [SOURCE] } }],
    [
      'a cited document turned into a company',
      'mutation($i: EntityInput!) { upsertEntity(input: $i) { id } }',
      { i: { id: 'article-cabinet-insists-police-never-used-clearview', kind: 'COMPANY', name: 'X', sources: [SOURCE] } },
    ],
  ])('refuses %s, writing nothing', async (_what, mutation, variables) => {
    const before = await graphDigest(t.conn.db);
    const res = await gql(t.url, mutation, variables, bearer(CURATOR));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/^input\/.*(unique across|cannot change kind)/);
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });
});

describe('item 9: search checks its limits after normalisation', () => {
  it.each([
    ['"한" × 120 (360 letters once normalised)', '한'.repeat(120)],
    ['30 words', Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')],
  ])('refuses %s with BAD_USER_INPUT naming text', async (_what, text) => {
    const res = await gql(t.url, 'query($t: String!) { search(text: $t) { matched } }', { t: text });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/^text: /);
  });

  it('still searches a long single word (matched exactly and as a prefix only)', async () => {
    const res = await gql(t.url, 'query($t: String!) { search(text: $t) { matched } }', { t: 'a'.repeat(200) });
    expect(res.errors).toBeUndefined();
  });
});

describe('item 10: routes answer JSON, never a stack trace', () => {
  it.each([['/assets/__proto__'], ['/assets/constructor'], ['/assets/hasOwnProperty'], ['/embed/assets/__proto__']])('%s is 404 JSON', async (route) => {
    const res = await fetch(`${t.base}${route}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });

  it('answers a malformed path with JSON, without a stack', async () => {
    const res = await fetch(`${t.base}/assets/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.text()).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('item 11: relationships(types:) is capped and de-duplicated', () => {
  const query = 'query($t: [String!]) { entity(id: "dutch-national-police") { relationships(types: $t) { totalCount } } }';
  it('refuses more types than there are, before any Cypher', async () => {
    let res: Awaited<ReturnType<typeof gql>> | undefined;
    await statementsDuring(async () => {
      res = await gql(t.url, query, { t: Array(60_000).fill('USES') });
    });
    expect(res!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res!.errors?.[0]?.message).toMatch(/^types: at most \d+ relationship types/);
  });

  it('counts a repeated type once', async () => {
    const once = await gql(t.url, query, { t: ['USES'] });
    const twice = await gql(t.url, query, { t: ['USES', 'USES', 'USES'] });
    expect(twice.data).toEqual(once.data);
  });
});

describe('item 12: one budget for views, batches and introspection; explicit HTTP timeouts', () => {
  it.each([
    // 4,001 for each subgraph at limit 2000 (one statement, 2,000 nodes and as many edges): six are 24,006.
    ['limit 2000 and 5 expanded ids', `center=clearview-ai&depth=4&limit=2000&expand=${Array.from({ length: 5 }, (_, i) => `id-${i}`).join(',')}`],
    ['25 expanded ids at limit 1000', `center=clearview-ai&depth=4&limit=1000&expand=${Array.from({ length: 25 }, (_, i) => `id-${i}`).join(',')}`],
  ])('refuses /api/graph with %s, over the complexity budget, before any Cypher', async (_what, qs) => {
    let res: Response | undefined;
    const ran = await statementsDuring(async () => {
      res = await fetch(`${t.base}/api/graph?${qs}`);
    });
    expect(res!.status).toBe(400);
    expect(await res!.json()).toMatchObject({ error: { code: 'QUERY_TOO_COMPLEX' } });
    expect(ran).toBe(0);
  });

  it('still serves the default view', async () => {
    expect((await fetch(`${t.base}/api/graph?center=clearview-ai`)).status).toBe(200);
  });

  it('shares one budget across the operations of a batch', async () => {
    // 6,801 each (200 entities, 32 relationships for each): alone within the limit of 20,000, five of them are not.
    const query = '{ entities(first: 200) { edges { node { relationships(first: 32) { edges { node { type } } } } } } }';
    const alone = await gql(t.url, query);
    expect(alone.errors).toBeUndefined();
    const res = await post(t.url, Array.from({ length: 5 }, () => ({ query })));
    const codes = ((await res.json()) as any[]).map((r) => r.errors?.[0]?.extensions?.code ?? null);
    expect(codes.filter((c) => c === null).length).toBeGreaterThan(0);
    expect(codes).toContain('QUERY_TOO_COMPLEX');
  });

  it('counts the depth under __schema, and lets the standard introspection query through', async () => {
    const deep = `{ __schema { types { fields { type { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } } } } }`;
    const res = await gql(t.url, deep);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
    const standard = await gql(t.url, getIntrospectionQuery());
    expect(standard.errors).toBeUndefined();
  });

  it('closes a connection whose headers do not arrive within HTTP_HEADERS_TIMEOUT_MS (408)', async () => {
    const slow = await startTestServer({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' }, false);
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(slow.server.port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
        let text = '';
        socket.on('data', (d) => (text += d));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await slow.server.stop();
    }
  });
});

describe('item 13: long operation names, persisted-query hashes', () => {
  it('truncates a 50 KB operation name in the access log', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
    const server = await startServer(t.config, t.conn.db, pino({ level: 'debug' }, sink));
    try {
      const name = `Q${'x'.repeat(50_000)}`;
      await gql(`http://127.0.0.1:${server.port}/graphql`, `query ${name} { __typename }`);
      const line = lines.find((l) => JSON.parse(l).msg === 'graphql')!;
      expect(line.length).toBeLessThan(1_000);
      expect(JSON.parse(line).operationName).toMatch(/^Qxxx+…$/);
    } finally {
      await server.stop();
    }
  });

  it('answers a persisted-query hash that is not the query\'s with BAD_REQUEST', async () => {
    const res = await post(t.url, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
