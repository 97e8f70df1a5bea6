/**
 * A bounded load run: autocannon on loopback against the real server (src/main.ts as a child
 * process, so its memory is its own) over the curated seed, with the analyst questions of
 * test/queries/. Reports requests, non-2xx, errors by extensions.code and the server's RSS
 * before and after; errors other than query limits must be zero and memory growth bounded.
 */
import autocannon from 'autocannon';
import { reseed, testConnection } from '../helpers';
import { analystMix, errorCodes, LIMIT_CODES } from './workload';
import { recordFigures, ServerProcess, spawnServer, waitUntilReady } from './server-process';

const DURATION_S = 12;
const CONNECTIONS = 8;
/** RSS may grow this much over the run (warm caches, JIT); a leak of a few KB a request would pass it quickly. */
const MAX_RSS_GROWTH_KB = 150 * 1024;

let server: ServerProcess;

beforeAll(async () => {
  const { config, conn } = await testConnection();
  await reseed(conn.db, config);
  await conn.close();
  // The load run is the flood the rate limit exists to refuse: off here.
  server = await spawnServer({ SEED_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '0' });
  await waitUntilReady(server, 60_000);
});

afterAll(async () => {
  await server?.stop();
});

it('serves the analyst questions under load with no error but query limits, and bounded memory', async () => {
  const ops = analystMix();
  // Warm-up: every question once, so that "before" is a server that has planned its queries.
  for (const op of ops) {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: op.query, variables: op.variables }) });
    expect({ op: op.name, codes: errorCodes(await res.text()) }).toEqual({ op: op.name, codes: [] });
  }
  const rssBeforeKb = server.rssKb();

  const codes: Record<string, number> = {};
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: ops.map((op) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: op.query, variables: op.variables }),
      onResponse: (_status: number, body: string) => {
        for (const c of errorCodes(body)) codes[c] = (codes[c] ?? 0) + 1;
      },
    })),
  });
  const rssAfterKb = server.rssKb();

  const otherErrors = Object.entries(codes).filter(([c]) => !LIMIT_CODES.has(c));
  const figures = {
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
    rssBeforeMb: Math.round(rssBeforeKb / 1024),
    rssAfterMb: Math.round(rssAfterKb / 1024),
  };
  recordFigures('load', figures);

  expect(result.requests.total).toBeGreaterThan(100);
  expect(otherErrors).toEqual([]);
  expect({ non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }).toEqual({ non2xx: 0, errors: 0, timeouts: 0 });
  expect(rssAfterKb - rssBeforeKb).toBeLessThan(MAX_RSS_GROWTH_KB);
  expect(server.child.exitCode).toBeNull();
});
