/**
 * Issue 11: the holes a security review found, each proved closed over real HTTP and the real
 * Neo4j. Items 1 (fragment fan-out, batch) are also in the reliability suite's input corpus;
 * item 3 (the embedded Neo4j's password, file URLs, procedures) is test/neo4j-auth.int.test.ts.
 */
import net from 'node:net';
import { Writable } from 'node:stream';
import { getIntrospectionQuery } from 'graphql';
import pino from 'pino';
import { startServer } from '../../src/server';
import { gql, graphDigest, startTestServer, TestServer } from '../support/helpers';
import { fragmentFanOut } from '../support/corpus';

const CURATOR = 'review-curator-token-0123456789';
const READER = 'review-reader-token-0123456789';
const TOKENS = `cara:curator:${CURATOR},rick:reader:${READER}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const SOURCE = { documentId: 'article-cabinet-insists-police-never-used-clearview', quote: 'Sander Dekker' };

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: TOKENS });
});
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
  it('never leaves a claim whose claimant a concurrent deleteEntity removed (12 races)', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const claimant = `race-claimant-${i}`;
      const made = await gql(
        t.url,
        'mutation($input: EntityInput!) { upsertEntity(input: $input) { id } }',
        { input: { id: claimant, kind: 'PERSON', name: `Racer ${i}`, sources: [SOURCE] } },
        bearer(CURATOR),
      );
      expect(made.errors).toBeUndefined();
      const claim = {
        id: `race-claim-${i}`,
        text: 'A claim raced with the deletion of its claimant.',
        claimantId: claimant,
        subjectIds: ['clearview-ai'],
        propositionId: `race-proposition-${i}`,
        propositionText: 'A proposition of the race test.',
        polarity: 'AFFIRMS',
        sources: [SOURCE],
      };
      const [upsert, del] = await Promise.all([
        gql(t.url, 'mutation($input: ClaimInput!) { upsertClaim(input: $input) { id } }', { input: claim }, bearer(CURATOR)),
        gql(t.url, 'mutation($id: ID!) { deleteEntity(id: $id) }', { id: claimant }, bearer(CURATOR)),
      ]);
      expect(del.errors).toBeUndefined();
      // Either the claim came first (and the delete removed it with its claimant), or the delete
      // did (and the claim was refused, naming the claimant).
      if (upsert.errors) {
        expect(upsert.errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
        expect(upsert.errors[0]!.message).toMatch(/claimant|neither in the input nor in the database/);
      }
      outcomes.push(upsert.errors ? 'refused' : 'saved, then deleted');
      const read = await gql(t.url, 'query($id: ID!) { claim(id: $id) { id claimant { id } } }', { id: claim.id });
      expect(read.errors).toBeUndefined();
      expect(read.data.claim).toBeNull();
    }
    expect(outcomes).toHaveLength(12);
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
