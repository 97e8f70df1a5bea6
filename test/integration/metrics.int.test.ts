/**
 * GET /metrics as Prometheus reads it: the scrape is parsed by Prometheus's Python client, and
 * its counters move by what known requests, refusals and failures did.
 */
import { gql, startTestServer, TestServer } from '../support/helpers';
import { parseScrape, Sample, valueOf } from '../support/prometheus';
import type { QueryEvent } from '../../src/db/executor';

const READER = 'reader-token-0123456789abcdef';
const METRICS_TOKEN = 'scrape-token-0123456789';
const LOOKUP = `query Lookup { claim(id: "dekker-not-implemented-operationally") {
  text status support opposition claimant { name }
  contradictedBy { kind claimant { name } sources { document { name } quote } } } }`;
const nested = (depth: number) => `query Deep { entity(id: "clearview-ai") { ${'relationships(first: 1) { edges { node { node { '.repeat(depth)}id${' } } } }'.repeat(depth)} } }`;
const WIDE = `query Wide { entities(first: 500) { edges { node { relationships(first: 500) { edges { node { type } } } } } } }`;

async function scrape(base: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await fetch(`${base}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseScrape(await res.text());
}

const operations = 'frr_graphql_operations_total';

describe('GET /metrics', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ API_TOKENS: `rob:reader:${READER}`, RATE_LIMIT_PER_MINUTE: '20' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts requests, operations, statements and refusals by what they were', async () => {
    const before = await scrape(t.base);
    const events: QueryEvent[] = [];
    const off = t.conn.db.onQuery((e) => events.push(e));
    const lookup = await gql(t.url, LOOKUP);
    off();
    expect(lookup.data.claim.status).toBe('UNCONTESTED');
    expect(events.length).toBeGreaterThan(0);
    // Every statement the lookup ran is counted under its name and mode.
    const afterLookup = await scrape(t.base);
    const runs = new Map<string, number>();
    for (const e of events) runs.set(`${e.name} ${e.mode}`, (runs.get(`${e.name} ${e.mode}`) ?? 0) + 1);
    for (const [key, n] of runs) {
      const [statement, mode] = key.split(' ');
      const labels = { statement: statement!, mode: mode! };
      const moved = valueOf(afterLookup, 'frr_cypher_statement_duration_seconds_count', labels) - valueOf(before, 'frr_cypher_statement_duration_seconds_count', labels);
      expect({ key, moved }).toEqual({ key, moved: n });
    }

    expect((await gql(t.url, nested(4))).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
    expect((await gql(t.url, WIDE)).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity' });
    expect((await gql(t.url, 'query Typo { noSuchField }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await gql(t.url, 'query Bad($n: Int) { entities(first: $n) { totalCount } }', { n: 'many' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gql(t.url, '{ __typename }', {}, { authorization: 'Bearer not-a-token-of-this-server' })).status).toBe(401);
    // The reader's bucket holds 20 requests: the 21st within the minute is refused.
    let limited = 0;
    for (let i = 0; i < 40 && limited === 0; i++) if ((await gql(t.url, 'query Ping { __typename }', {}, { authorization: `Bearer ${READER}` })).status === 429) limited++;
    expect(limited).toBe(1);
    // Bodies read to their end: a request is counted once its response is.
    const get = async (path: string) => {
      const res = await fetch(`${t.base}${path}`);
      await res.arrayBuffer();
      return res.status;
    };
    expect(await get('/api/export?format=graphml')).toBe(200);
    expect(await get('/api/export?format=nope')).toBe(400);
    expect(await get('/no/such/path-12345')).toBe(404);
    // A statement Neo4j refuses: counted by its Neo4j code.
    await expect(t.conn.db.read('entity/by-ids', {})).rejects.toThrow(/ParameterMissing/);

    const after = await scrape(t.base);
    const moved = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    const op = (operation_name: string, operation_type: string, outcome: string, code = '', limit = '') => moved(operations, { operation_name, operation_type, outcome, code, limit });

    expect(op('Lookup', 'query', 'ok')).toBe(1);
    expect(moved('frr_graphql_operation_duration_seconds_count', { operation_name: 'Lookup', operation_type: 'query' })).toBe(1);
    expect(op('Deep', 'query', 'refused', 'QUERY_TOO_COMPLEX', 'depth')).toBe(1);
    expect(op('Wide', 'query', 'refused', 'QUERY_TOO_COMPLEX', 'complexity')).toBe(1);
    expect(op('Typo', 'query', 'refused', 'GRAPHQL_VALIDATION_FAILED')).toBe(1);
    expect(op('Bad', 'query', 'refused', 'BAD_USER_INPUT')).toBe(1);
    expect(op('unknown', 'unknown', 'refused', 'UNAUTHENTICATED')).toBe(1);
    expect(op('unknown', 'unknown', 'refused', 'RATE_LIMITED')).toBe(1);
    expect(op('Ping', 'query', 'ok')).toBeGreaterThanOrEqual(20);

    const http = (route: string, status: string, method = 'POST') => moved('frr_http_request_duration_seconds_count', { method, route, status });
    expect(http('/graphql', '200')).toBeGreaterThanOrEqual(21);
    expect(http('/graphql', '400')).toBe(4);
    expect(http('/graphql', '401')).toBe(1);
    expect(http('/graphql', '429')).toBe(1);
    expect(http('/api/export', '200', 'GET')).toBe(1);
    expect(http('other', '404', 'GET')).toBe(1);
    expect(after.some((s) => Object.values(s.labels).some((v) => v.includes('path-12345')))).toBe(false);

    expect(moved('frr_cypher_statement_errors_total', { statement: 'entity/by-ids', mode: 'read', neo4j_code: 'Neo.ClientError.Statement.ParameterMissing' })).toBe(1);

    expect(moved('frr_export_runs_total', { format: 'graphml', outcome: 'ok' })).toBe(1);
    expect(moved('frr_export_runs_total', { format: 'unknown', outcome: 'refused' })).toBe(1);
    // The suite's reseed ran through the seeder before the server started.
    expect(valueOf(after, 'frr_seed_runs_total', { operation: 'seed', outcome: 'written' })).toBeGreaterThanOrEqual(1);
  });

  it('reports the driver pool (read from neo4j-driver internals this driver version has)', async () => {
    await gql(t.url, LOOKUP);
    const samples = await scrape(t.base);
    const gauge = (name: string) => samples.filter((s) => s.name === name);
    for (const name of ['frr_neo4j_pool_connections_in_use', 'frr_neo4j_pool_connections_idle', 'frr_neo4j_pool_acquisitions_waiting']) {
      expect({ name, samples: gauge(name).length }).toEqual({ name, samples: 1 });
    }
    expect(gauge('frr_neo4j_pool_connections_in_use')[0]!.value + gauge('frr_neo4j_pool_connections_idle')[0]!.value).toBeGreaterThanOrEqual(1);
    expect(gauge('frr_neo4j_pool_acquisitions_waiting')[0]!.value).toBe(0);
    expect(valueOf(samples, 'frr_neo4j_pool_acquisition_timeouts_total')).toBe(0);
    // Node's own, under their standard names.
    expect(gauge('process_cpu_seconds_total').length).toBe(1);
  });
});

describe('/metrics behind a token, on a port of its own, or off', () => {
  it('wants the token when METRICS_TOKEN is set', async () => {
    const t = await startTestServer({ METRICS_TOKEN }, false);
    try {
      const open = await fetch(`${t.base}/metrics`);
      expect(open.status).toBe(401);
      expect(((await open.json()) as any).error.code).toBe('UNAUTHENTICATED');
      expect((await fetch(`${t.base}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456780' } })).status).toBe(401);
      expect(valueOf(await scrape(t.base, { authorization: `Bearer ${METRICS_TOKEN}` }), 'frr_neo4j_pool_acquisition_timeouts_total')).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('serves it on METRICS_PORT only when that is set', async () => {
    const t = await startTestServer({ METRICS_PORT: '0' }, false);
    try {
      expect(t.server.metricsPort).toEqual(expect.any(Number));
      expect(t.server.metricsPort).not.toBe(t.server.port);
      expect((await fetch(`${t.base}/metrics`)).status).toBe(404);
      const samples = await scrape(`http://127.0.0.1:${t.server.metricsPort}`);
      expect(samples.some((s) => s.name === 'frr_neo4j_pool_connections_idle')).toBe(true);
      expect((await fetch(`http://127.0.0.1:${t.server.metricsPort}/graphql`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('serves none with METRICS=false', async () => {
    const t = await startTestServer({ METRICS: 'false' }, false);
    try {
      expect((await fetch(`${t.base}/metrics`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
