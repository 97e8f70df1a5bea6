/**
 * OpenTelemetry traces as a collector receives them: the real server (a child process, since the
 * instrumentations patch modules as Node loads them) exports OTLP/HTTP (JSON) to a small
 * collector in this test, which checks the spans of one request; without
 * OTEL_EXPORTER_OTLP_ENDPOINT nothing reaches it.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import { AddressInfo } from 'node:net';
import { reseed, testConnection } from '../support/helpers';
import { pollUntil, spawnServer, ServerProcess, waitUntilReady } from '../support/server-process';

const CLAIM = 'dekker-not-implemented-operationally';
const LOOKUP = `query Lookup { claim(id: "${CLAIM}") { text status claimant { name } contradictedBy { kind claimant { name } sources { document { name } quote } } } }`;

/** A span as OTLP/JSON carries it, with its attributes flattened. */
interface Span {
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}
const SERVER = 2;
const CLIENT = 3;

/** An OTLP/HTTP trace receiver (JSON encoding) on a free port. */
async function collector(): Promise<{ url: string; posts: number; spans: Span[]; close(): Promise<void> }> {
  const state = { posts: 0, spans: [] as Span[] };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      state.posts++;
      if (req.url === '/v1/traces' && /json/.test(req.headers['content-type'] ?? '')) {
        for (const rs of JSON.parse(body).resourceSpans ?? []) {
          for (const ss of rs.scopeSpans ?? []) {
            for (const s of ss.spans ?? []) {
              const attributes = Object.fromEntries((s.attributes ?? []).map((a: { key: string; value: Record<string, unknown> }) => [a.key, Object.values(a.value)[0]]));
              state.spans.push({ scope: ss.scope?.name, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId ?? '', name: s.name, kind: s.kind, attributes });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get posts() {
      return state.posts;
    },
    spans: state.spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function lookup(server: ServerProcess, traceparent: string): Promise<void> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', traceparent }, body: JSON.stringify({ query: LOOKUP }) });
  expect(((await res.json()) as any).data.claim.status).toBe('UNCONTESTED');
}

beforeAll(async () => {
  const { config, conn } = await testConnection();
  try {
    await reseed(conn.db, config);
  } finally {
    await conn.close();
  }
});

describe('traces over OTLP/HTTP', () => {
  const traceId = crypto.randomBytes(16).toString('hex');
  const callerSpan = crypto.randomBytes(8).toString('hex');
  let receiver: Awaited<ReturnType<typeof collector>>;
  let server: ServerProcess;
  beforeAll(async () => {
    receiver = await collector();
    server = await spawnServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      LOG_LEVEL: 'debug',
      SEED_ON_START: 'false',
    });
    await waitUntilReady(server, 60_000);
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  it('continues the caller trace: request, operation and statement spans, linked, without parameters', async () => {
    await lookup(server, `00-${traceId}-${callerSpan}-01`);
    // The request's span ends last: once it is in, so are the spans inside it.
    const request = await pollUntil('the request span at the collector', async () => receiver.spans.find((s) => s.traceId === traceId && s.kind === SERVER), 20_000);
    const trace = receiver.spans.filter((s) => s.traceId === traceId);

    expect(request.parentSpanId).toBe(callerSpan);
    expect(request.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 });

    const operation = trace.find((s) => s.name === 'query Lookup')!;
    expect(operation).toBeDefined();
    expect(operation.attributes).toMatchObject({ 'graphql.operation.name': 'Lookup', 'graphql.operation.type': 'query' });
    expect(operation.attributes['graphql.source']).toContain('claim(id: "*")');
    const ancestors = (s: Span): string[] => {
      const parent = trace.find((p) => p.spanId === s.parentSpanId);
      return parent ? [parent.spanId, ...ancestors(parent)] : [];
    };
    expect(ancestors(operation)).toContain(request.spanId);

    const statements = trace.filter((s) => s.scope === 'frr-graph/db');
    expect(statements.map((s) => s.name)).toEqual(expect.arrayContaining(['claim/by-ids']));
    for (const s of statements) {
      expect(s).toMatchObject({ kind: CLIENT, parentSpanId: operation.spanId, name: s.attributes['db.query.summary'] });
      expect(s.attributes).toMatchObject({ 'db.system': 'neo4j', 'db.system.name': 'neo4j', 'db.namespace': 'neo4j', 'db.neo4j.access_mode': 'read' });
    }
    // Never a parameter: the claim's id is in no attribute of the trace.
    expect(trace.filter((s) => JSON.stringify(s.attributes).includes(CLAIM)).map((s) => s.name)).toEqual([]);
  });

  it('writes the trace id into the log line of the request', async () => {
    const line = await server.waitForLog((l) => l.msg === 'graphql' && l.operationName === 'Lookup', 10_000);
    expect(line).toMatchObject({ trace_id: traceId, trace_flags: '01' });
    expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('traces requests only: start-up work and health probes make no trace', () => {
    const roots = receiver.spans.filter((s) => !s.parentSpanId || s.parentSpanId === callerSpan);
    expect(roots.length).toBeGreaterThan(0);
    expect(roots.filter((s) => s.kind !== SERVER).map((s) => s.name)).toEqual([]);
    expect(receiver.spans.filter((s) => /healthz|readyz/.test(String(s.attributes['url.path'])))).toEqual([]);
  });
});

describe('without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('exports nothing, even with the SDK variables that would name a destination, and logs no trace id', async () => {
    const receiver = await collector();
    const server = await spawnServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
      // What the SDK would send to if it were started: the collector sees whether anything comes.
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      LOG_LEVEL: 'debug',
      SEED_ON_START: 'false',
    });
    try {
      await waitUntilReady(server, 60_000);
      await lookup(server, `00-${crypto.randomBytes(16).toString('hex')}-${crypto.randomBytes(8).toString('hex')}-01`);
      const line = await server.waitForLog((l) => l.msg === 'graphql' && l.operationName === 'Lookup', 10_000);
      expect(line.trace_id).toBeUndefined();
    } finally {
      // A started SDK exports what it holds on shutdown: after the exit, whatever was to come has come.
      expect(await server.stop()).toEqual({ code: 0, signal: null });
      await receiver.close();
    }
    expect(receiver.posts).toBe(0);
  });
});
