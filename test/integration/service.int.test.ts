/** The service over HTTP: health, readiness, GraphiQL served locally, the path from HTTP to Cypher. */
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { loadCypher } from '../../src/db/cypher';
import { createDriver } from '../../src/db/driver';
import { Executor } from '../../src/db/executor';
import { STATEMENTS } from '../../src/db/statements';
import { startServer } from '../../src/server';
import { gql, startTestServer, TestServer } from '../support/helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

describe('service', () => {
  it('answers /healthz and /readyz with JSON while Neo4j is up', async () => {
    const health = await fetch(`${t.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'up' });
  });

  it('answers /favicon.ico, which GraphiQL\'s tab asks for, with the project\'s SVG icon', async () => {
    const icon = await fetch(`${t.base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toMatch(/^<svg|<svg /);
  });

  it('serves GraphiQL to browsers with every asset from this server', async () => {
    const page = await fetch(t.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs).toEqual(['/assets/graphiql.css', '/assets/react.js', '/assets/react-dom.js', '/assets/graphiql.js']);
    for (const src of srcs) {
      const res = await fetch(`${t.base}${src}`);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('looks up an entity by id through HTTP, Cypher and back', async () => {
    const res = await gql(t.url, '{ entity(id: "clearview-ai") { id kind name aliases } node(id: "sander-dekker") { id ... on Person { name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.entity).toMatchObject({ id: 'clearview-ai', kind: 'COMPANY', name: 'Clearview AI' });
    expect(res.data.node).toEqual({ id: 'sander-dekker', name: 'Sander Dekker' });
  });

  it('resolves claims and propositions through node', async () => {
    const res = await gql(t.url, '{ a: node(id: "dekker-not-implemented-operationally") { __typename id } b: node(id: "dutch-police-used-clearview") { __typename id } }');
    expect(res.data).toEqual({
      a: { __typename: 'Claim', id: 'dekker-not-implemented-operationally' },
      b: { __typename: 'Proposition', id: 'dutch-police-used-clearview' },
    });
  });

  it('pages entities of a kind with totalCount and cursors that continue', async () => {
    const q = 'query($after: String) { entities(kind: REGULATOR, first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }';
    const first = await gql(t.url, q);
    expect(first.data.entities.totalCount).toBe(21);
    expect(first.data.entities.edges).toHaveLength(4);
    const second = await gql(t.url, q, { after: first.data.entities.pageInfo.endCursor });
    const ids = [...first.data.entities.edges, ...second.data.entities.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(8);
  });

  it('finds an entity by another spelling and says which name matched', async () => {
    const res = await gql(t.url, '{ search(text: "Capture") { matched entity { id } } g: search(text: "Green Left", kinds: [POLITICAL_PARTY]) { matched entity { id } } }');
    expect(res.data.search[0]).toEqual({ matched: 'Capture', entity: { id: 'catch' } });
    expect(res.data.g[0].entity.id).toBe('groenlinks');
  });

  it('reports DATABASE_UNAVAILABLE and a 503 readiness when Neo4j does not answer, and stays up', async () => {
    const config = loadConfig({ PORT: '0', NEO4J_URI: 'bolt://127.0.0.1:1' });
    const dead = new Executor(createDriver('bolt://127.0.0.1:1'), loadCypher(`${config.rootDir}/cypher`, STATEMENTS), {
      database: 'neo4j',
      timeoutMs: 1000,
    });
    const server = await startServer(config, dead, pino({ level: 'silent' }));
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', database: 'down' });
      const res = await gql(`${base}/graphql`, '{ entity(id: "clearview-ai") { name } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      // A status to retry on, never a 200 a proxy or a client would take for a final answer.
      expect(res.status).toBe(503);
      const raw = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ entity(id: \\"cnil\\") { name } }"}' });
      expect([raw.status, raw.headers.get('retry-after')]).toEqual([503, '1']);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
      await dead.close();
    }
  });
});
