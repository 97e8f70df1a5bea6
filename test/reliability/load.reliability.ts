/**
 * A bounded load run: autocannon on loopback against the real server (src/main.ts as a child
 * process, so its memory is its own) over the curated seed, with the analyst questions of
 * test/queries/. Reports requests, non-2xx, errors by extensions.code and the server's memory;
 * errors other than query limits must be zero, every answer must equal the one given to the same
 * question asked alone, and memory growth bounded. A warm-up phase fills the caches first; then
 * two measured phases; the live heap after a full collection (test/support/heap-probe.js) is read
 * between them, and its growth over the last phase is bounded per request: caches still warming
 * grow the first phase, a leak grows both, and a kilobyte a request over the phase's hundreds of
 * requests exceeds the bound where RSS alone would hide it in its noise.
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { reseed, testConnection } from '../support/helpers';
import { analystMix, errorCodes, LIMIT_CODES } from './workload';
import { stable } from '../../src/db/records';
import { recordFigures, ServerProcess, spawnServer, waitUntilReady } from '../support/server-process';

/** Warm-up: caches (Apollo's documents, the plan caches, JIT) fill here, outside the measure. */
const WARM_S = 10;
/** Two measured phases: the heap's growth over the second is what a leak shows and warming no longer does. */
const PHASE_S = 20;
const DURATION_S = 2 * PHASE_S;
const CONNECTIONS = 8;
/** RSS may grow this much over the measured phase; a coarse bound, for leaks outside the JS heap. */
const MAX_RSS_GROWTH_KB = 150 * 1024;
/** The live heap may grow this much per request of the last phase (after a full collection). */
const MAX_HEAP_BYTES_PER_REQUEST = 1024;
/** Fewer requests than this in a phase and the per-request bound could not see a leak of that size (500 KB). */
const MIN_PHASE_REQUESTS = 500;
const PROBE = path.join(__dirname, '..', 'support', 'heap-probe.js');

let server: ServerProcess;

beforeAll(async () => {
  const { config, conn } = await testConnection();
  await reseed(conn.db, config);
  await conn.close();
  // The load run is the flood the rate limit exists to refuse: off here.
  server = await spawnServer({ SEED_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '0', NODE_OPTIONS: `--expose-gc --require ${PROBE}` });
  await waitUntilReady(server, 60_000);
});

afterAll(async () => {
  await server?.stop();
});

let probes = 0;
/** The server's live heap after a full collection, in bytes (see test/support/heap-probe.js). */
async function heapUsed(): Promise<number> {
  const seq = ++probes;
  server.child.kill('SIGUSR2');
  const line = await server.waitForLog((l) => l.msg === 'heap probe' && l.seq === seq, 30_000);
  return line.heapUsed as number;
}

it('serves the analyst questions under load with no error but query limits, each answer the one given alone, and bounded memory', async () => {
  const ops = analystMix();
  // Warm-up: every question once, so that "before" is a server that has planned its queries. These
  // answers, given one at a time, are what every answer under load must equal: answers mixed
  // between concurrent requests (a shared loader, a shared cache) would differ.
  const alone = new Map<string, string>();
  for (const op of ops) {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: op.query, variables: op.variables }) });
    const body = await res.text();
    expect({ op: op.name, codes: errorCodes(body) }).toEqual({ op: op.name, codes: [] });
    alone.set(op.name, stable(JSON.parse(body)));
  }
  const codes: Record<string, number> = {};
  const wrongAnswers: Record<string, number> = {};
  let compared = 0;
  const run = (duration: number) =>
    autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration,
      requests: ops.map((op) => ({
        method: 'POST' as const,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: op.query, variables: op.variables }),
        onResponse: (_status: number, body: string) => {
          const found = errorCodes(body);
          for (const c of found) codes[c] = (codes[c] ?? 0) + 1;
          if (found.length > 0) return;
          compared++;
          if (stable(JSON.parse(body)) !== alone.get(op.name)) wrongAnswers[op.name] = (wrongAnswers[op.name] ?? 0) + 1;
        },
      })),
    });
  const warm = await run(WARM_S);
  const heapBefore = await heapUsed();
  const rssBeforeKb = server.rssKb();
  const first = await run(PHASE_S);
  const heapMiddle = await heapUsed();
  const last = await run(PHASE_S);
  const heapAfter = await heapUsed();
  const result = { requests: { total: first.requests.total + last.requests.total, average: (first.requests.average + last.requests.average) / 2 }, latency: last.latency, non2xx: first.non2xx + last.non2xx, errors: first.errors + last.errors, timeouts: first.timeouts + last.timeouts };
  const rssAfterKb = server.rssKb();

  const otherErrors = Object.entries(codes).filter(([c]) => !LIMIT_CODES.has(c));
  const heapBytesPerRequest = Math.round((heapAfter - heapMiddle) / Math.max(1, last.requests.total));
  const figures = {
    warmS: WARM_S,
    warmRequests: warm.requests.total,
    durationS: DURATION_S,
    connections: CONNECTIONS,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { average: result.latency.average, p50: result.latency.p50, p99: result.latency.p99 },
    non2xx: result.non2xx,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    errorsByCode: codes,
    errorsOtherThanLimits: otherErrors.reduce((n, [, k]) => n + k, 0),
    answersComparedWithAlone: compared,
    wrongAnswers,
    rssBeforeMb: Math.round(rssBeforeKb / 1024),
    rssAfterMb: Math.round(rssAfterKb / 1024),
    heapMb: [heapBefore, heapMiddle, heapAfter].map((h) => Math.round(h / 1024 / 102.4) / 10),
    phaseRequests: [first.requests.total, last.requests.total],
    heapBytesPerRequest,
  };
  recordFigures('load', figures);

  expect(Math.min(first.requests.total, last.requests.total)).toBeGreaterThanOrEqual(MIN_PHASE_REQUESTS);
  expect(otherErrors).toEqual([]);
  expect(compared).toBeGreaterThan(100);
  expect(wrongAnswers).toEqual({});
  expect({ non2xx: result.non2xx + warm.non2xx, errors: result.errors + warm.errors, timeouts: result.timeouts + warm.timeouts }).toEqual({ non2xx: 0, errors: 0, timeouts: 0 });
  expect(heapBytesPerRequest).toBeLessThan(MAX_HEAP_BYTES_PER_REQUEST);
  expect(rssAfterKb - rssBeforeKb).toBeLessThan(MAX_RSS_GROWTH_KB);
  expect(server.child.exitCode).toBeNull();
});
