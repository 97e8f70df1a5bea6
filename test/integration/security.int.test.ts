/**
 * Issue 6, items 1-4 over real HTTP and the real Neo4j: bearer tokens and roles, the audit log,
 * query limits, and GraphQL over HTTP as its spec says (audited with graphql-http's own suite).
 */
import { Writable } from 'node:stream';
import neo4j from 'neo4j-driver';
import pino from 'pino';
import { startServer } from '../../src/server';
import { neo4jTarget } from '../../src/db/connect';
import { serverAudits } from 'graphql-http';
import { gql, graphDigest, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdef';
const TOKENS = `ada:curator:${CURATOR},rob:reader:${READER}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const RENAME = `mutation Rename($name: String!) {
  upsertEntity(input: {
    id: "catch", kind: PRODUCT, name: $name, aliases: ["Capture"],
    sources: [{ documentId: "article-cabinet-insists-police-never-used-clearview", quote: "Capture" }]
  }) { id name }
}`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: TOKENS, CORS_ORIGINS: 'https://dash.example' });
});
afterAll(async () => {
  await t?.close();
});

describe('bearer tokens', () => {
  it.each([
    ['no token', {}, 'UNAUTHENTICATED'],
    ['a reader token', bearer(READER), 'FORBIDDEN'],
    ['an unknown token', bearer('not-a-token-of-this-server'), 'UNAUTHENTICATED'],
    ['a malformed header', { authorization: `Token ${CURATOR}` }, 'UNAUTHENTICATED'],
  ])('refuse a mutation with %s, and the graph is unchanged', async (_what, headers, code) => {
    const before = await graphDigest(t.conn.db);
    const res = await gql(t.url, RENAME, { name: 'CATCH (renamed)' }, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(JSON.stringify(res)).not.toContain(CURATOR);
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });

  it('let a curator write, validated by the seeder: a misquote is BAD_USER_INPUT naming the input path', async () => {
    const bad = await gql(
      t.url,
      `mutation { upsertEntity(input: { id: "catch", kind: PRODUCT, name: "CATCH",
        sources: [{ documentId: "article-cabinet-insists-police-never-used-clearview", quote: "words the article never wrote" }] }) { id } }`,
      {},
      bearer(CURATOR),
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/^input\/sources\/0\/quote: /);
  });

  it('keep reads open without a token, and closed with REQUIRE_AUTH_FOR_READS=true', async () => {
    expect((await gql(t.url, '{ entity(id: "catch") { id } }')).data.entity.id).toBe('catch');
    const closed = await startTestServer({ API_TOKENS: TOKENS, REQUIRE_AUTH_FOR_READS: 'true' }, false);
    try {
      const anonymous = await gql(closed.url, '{ entity(id: "catch") { id } }');
      expect(anonymous.status).toBe(401);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const reader = await gql(closed.url, '{ entity(id: "catch") { id } }', {}, bearer(READER));
      expect(reader.data.entity.id).toBe('catch');
    } finally {
      await closed.server.stop();
    }
  });
});

describe('the access log', () => {
  it('logs each write with the token name and codes, and never the token, query or variables', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
    const server = await startServer(t.config, t.conn.db, pino({ level: 'info' }, sink));
    try {
      const url = `http://127.0.0.1:${server.port}/graphql`;
      await gql(url, RENAME, { name: 'secret-variable-value' }, bearer(READER));
      const line = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'graphql');
      expect(line).toMatchObject({ caller: 'rob', operation: 'mutation', operationName: 'Rename', errors: ['FORBIDDEN'] });
      const all = lines.join('\n');
      for (const secret of [READER, 'secret-variable-value', 'upsertEntity(input']) expect(all).not.toContain(secret);
    } finally {
      await server.stop();
    }
  });
});

describe('the audit log', () => {
  it('records who changed what, before and after, and finds it by entity', async () => {
    const res = await gql(t.url, RENAME, { name: 'CATCH (Centrale Automatische TeChnologie)' }, bearer(CURATOR));
    expect(res.errors).toBeUndefined();
    const log = await gql(t.url, `{ auditLog(entityId: "catch", first: 1) { totalCount edges { node {
      actor operation entityIds at changes { area id before after } } } } }`, {}, bearer(CURATOR));
    const entry = log.data.auditLog.edges[0].node;
    expect(entry.actor).toBe('ada');
    expect(entry.operation).toBe('upsertEntity');
    expect(entry.entityIds).toEqual(['catch']);
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    expect(entry.changes).toHaveLength(1);
    expect(entry.changes[0].before.name).toBe('CATCH');
    expect(entry.changes[0].after.name).toBe('CATCH (Centrale Automatische TeChnologie)');
    // Fields the input cannot express survive the edit.
    expect(entry.changes[0].after.description).toBe(entry.changes[0].before.description);
  });

  it('serialises concurrent edits of one entity, so the second records the first as its "before"', async () => {
    const names = ['CATCH (edit one)', 'CATCH (edit two)', 'CATCH (edit three)'];
    const results = await Promise.all(names.map((name) => gql(t.url, RENAME, { name }, bearer(CURATOR))));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const log = await gql(t.url, `{ auditLog(entityId: "catch", first: 3) { edges { node { changes { before after } } } } }`, {}, bearer(CURATOR));
    const chain = log.data.auditLog.edges.map((e: any) => e.node.changes[0]).reverse();
    // Oldest first: each edit's "before" is the previous edit's "after", whatever the order they ran in.
    expect(chain[1].before.name).toBe(chain[0].after.name);
    expect(chain[2].before.name).toBe(chain[1].after.name);
    expect(new Set(chain.map((c: any) => c.after.name))).toEqual(new Set(names));
    await gql(t.url, RENAME, { name: 'CATCH (Centrale Automatische TeChnologie)' }, bearer(CURATOR));
  });

  it('records nothing for a refused or unchanged write', async () => {
    const count = async () => (await gql(t.url, '{ auditLog(entityId: "catch") { totalCount } }', {}, bearer(CURATOR))).data.auditLog.totalCount;
    const before = await count();
    await gql(t.url, RENAME, { name: 'Refused' }, bearer(READER));
    await gql(t.url, RENAME, { name: 'CATCH (Centrale Automatische TeChnologie)' }, bearer(CURATOR)); // same as stored
    expect(await count()).toBe(before);
  });

  it('records a deletion with everything it removed', async () => {
    // An entity nothing cites (a cited one is refused: test/integration/delete.int.test.ts), with a relationship.
    const source = '[{ documentId: "article-cabinet-insists-police-never-used-clearview", quote: "The application that the police use for this is Capture." }]';
    const setup = await gql(
      t.url,
      `mutation { upsertEntity(input: { id: "audit-delete-me", kind: COMPANY, name: "Delete me", sources: ${source} }) { id }
         upsertRelationship(input: { from: "audit-delete-me", type: "DEVELOPS", to: "catch", sources: ${source} }) { id } }`,
      {},
      bearer(CURATOR),
    );
    expect(setup.errors).toBeUndefined();
    const res = await gql(t.url, 'mutation { deleteEntity(id: "audit-delete-me") }', {}, bearer(CURATOR));
    expect(res.data.deleteEntity).toBe(true);
    const log = await gql(t.url, `{ auditLog(entityId: "audit-delete-me", first: 1) { edges { node { actor operation changes { area id before after } } } } }`, {}, bearer(CURATOR));
    const entry = log.data.auditLog.edges[0].node;
    expect(entry.operation).toBe('deleteEntity');
    expect(entry.changes[0]).toMatchObject({ area: 'entities', id: 'audit-delete-me', after: null });
    expect(entry.changes.filter((c: any) => c.area === 'relationships').length).toBeGreaterThan(0);
    expect(entry.changes.every((c: any) => c.after === null && c.before)).toBe(true);
  });

  it('holds the seed that loaded the data, as a summary', async () => {
    const log = await gql(t.url, `{ auditLog(first: 100) { edges { node { actor operation summary } } } }`, {}, bearer(CURATOR));
    const seed = log.data.auditLog.edges.map((e: any) => e.node).find((n: any) => n.operation === 'seed');
    expect(seed.actor).toBe('seed');
    expect(seed.summary.counts.entities.created).toBeGreaterThan(100);
  });
});

describe('query limits, before any Cypher runs', () => {
  const nested = (depth: number) => `{ entity(id: "clearview-ai") { ${'relationships(first: 1) { edges { node { node { '.repeat(depth)}id${' } } } }'.repeat(depth)} } }`;
  it.each([
    ['depth', nested(4)],
    ['aliases', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: entity(id: "x") { id }`).join(' ')} }`],
    ['directives', `{ entity(id: "x") { id ${'@include(if: true) '.repeat(60)} } }`],
    ['tokens', `{ ${'entity(id: "x") { id } '.repeat(1000)} }`],
    ['complexity', `{ entities(first: 500) { edges { node { relationships(first: 500) { edges { node { type } } } } } } }`],
  ])('refuse an operation over the %s limit with QUERY_TOO_COMPLEX', async (limit, query) => {
    const events: string[] = [];
    const off = t.conn.db.onQuery((e) => events.push(e.name));
    try {
      const res = await gql(t.url, query);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
      expect(events).toEqual([]);
    } finally {
      off();
    }
  });

  it('weighs the same document by its variables each time (costs are cached per variable value)', async () => {
    const query = 'query Wide($n: Int) { entities(first: $n) { edges { node { relationships(first: $n) { edges { node { type } } } } } } }';
    expect((await gql(t.url, query, { n: 5 })).errors).toBeUndefined();
    const wide = await gql(t.url, query, { n: 400 });
    expect(wide.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity' });
    expect((await gql(t.url, query, { n: 5 })).errors).toBeUndefined();
  });

  it('refuses a batch over MAX_BATCH, and runs one within it', async () => {
    const post = (body: unknown) =>
      fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const over = await post(Array.from({ length: 11 }, () => ({ query: '{ entityCounts { count } }' })));
    expect(over.status).toBe(400);
    expect((await over.json()).errors[0].extensions.code).toBe('BATCH_TOO_LARGE');
    const within = await post([{ query: '{ entity(id: "clearview-ai") { name } }' }, { query: '{ entity(id: "cnil") { name } }' }]);
    expect((await within.json()).map((r: any) => r.data.entity.name)).toEqual(['Clearview AI', expect.stringMatching(/CNIL|Commission/)]);
  });

  it('refuses a body over MAX_BODY_BYTES with 413, and malformed JSON with 400', async () => {
    const big = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ entity(id: "${'x'.repeat(1_100_000)}") { id } }` }) });
    expect(big.status).toBe(413);
    expect((await big.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ entity' });
    expect(broken.status).toBe(400);
    expect((await broken.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses introspection when INTROSPECTION=false, and still serves the client configuration', async () => {
    const closed = await startTestServer({ INTROSPECTION: 'false' }, false);
    try {
      const res = await gql(closed.url, '{ __schema { types { name } } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.data).toBeUndefined();
      // The schema is public by design (docs/security.md): a client following docs/clients.md needs it.
      const config = await fetch(`${closed.base}/graphql/client-config.json`);
      expect(config.status).toBe(200);
      expect(Object.keys(await config.json())).toContain('possibleTypes');
    } finally {
      await closed.server.stop();
    }
  });

  it('cuts a request at QUERY_TIMEOUT_MS with QUERY_TIMEOUT (a write waiting on a lock held elsewhere)', async () => {
    const quick = await startTestServer({ API_TOKENS: TOKENS, QUERY_TIMEOUT_MS: '500' }, false);
    const target = neo4jTarget(t.config);
    const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user!, target.password!));
    const session = driver.session();
    const tx = session.beginTransaction();
    try {
      await tx.run('MATCH (e:Entity {id: "clearview-ai"}) SET e.lockedByTest = true');
      const started = Date.now();
      const res = await gql(
        quick.url,
        `mutation { upsertEntity(input: { id: "clearview-ai", kind: COMPANY, name: "Clearview AI", description: "locked",
          sources: [{ documentId: "article-cabinet-insists-police-never-used-clearview", quote: "Clearview" }] }) { id } }`,
        {},
        bearer(CURATOR),
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await tx.rollback();
      await session.close();
      await driver.close();
      await quick.server.stop();
    }
  });
});

describe('GraphQL over HTTP', () => {
  it('passes every MUST audit of graphql-http', async () => {
    const results = await Promise.all(serverAudits({ url: t.url, fetchFn: fetch }).map(async (a) => ({ ...(await a.fn()), audit: a.name })));
    const failed = results.filter((r) => r.status === 'error').map((r) => `${r.audit}: ${(r as any).reason}`);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
  });

  it('answers GET queries, refuses GET mutations with 405, and speaks application/graphql-response+json', async () => {
    const get = await fetch(`${t.url}?query=${encodeURIComponent('{ entity(id: "cnil") { id } }')}`, { headers: { accept: 'application/graphql-response+json' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const mutation = await fetch(`${t.url}?query=${encodeURIComponent('mutation { deleteEntity(id: "cnil") }')}`, { headers: { accept: 'application/json', ...bearer(CURATOR) } });
    expect(mutation.status).toBe(405);
    expect((await gql(t.url, '{ entity(id: "cnil") { id } }')).data.entity.id).toBe('cnil');
  });

  it('sends CORS headers to configured origins only', async () => {
    const pre = (origin: string) => fetch(t.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await pre('https://dash.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect((await pre('https://elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
