/**
 * A bounded load run: autocannon on loopback against the real server (src/main.ts as a child
 * process, so its memory is its own) over the curated seed, with the analyst questions of
 * test/queries/. Reports requests, non-2xx, errors by extensions.code and the server's RSS
 * before and after; errors other than query limits must be zero, every answer must equal the one
 * given to the same question asked alone, and memory growth bounded.
 */
import autocannon from 'autocannon';
import { reseed, testConnection } from '../support/helpers';
import { analystMix, errorCodes, LIMIT_CODES } from './workload';
import { stable } from '../../src/db/records';
import { recordFigures, ServerProcess, spawnServer, waitUntilReady } from '../support/server-process';

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
  const rssBeforeKb = server.rssKb();

  const codes: Record<string, number> = {};
  const wrongAnswers: Record<string, number> = {};
  let compared = 0;
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
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
    answersComparedWithAlone: compared,
    wrongAnswers,
    rssBeforeMb: Math.round(rssBeforeKb / 1024),
    rssAfterMb: Math.round(rssAfterKb / 1024),
  };
  recordFigures('load', figures);

  expect(result.requests.total).toBeGreaterThan(100);
  expect(otherErrors).toEqual([]);
  expect(compared).toBeGreaterThan(100);
  expect(wrongAnswers).toEqual({});
  expect({ non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }).toEqual({ non2xx: 0, errors: 0, timeouts: 0 });
  expect(rssAfterKb - rssBeforeKb).toBeLessThan(MAX_RSS_GROWTH_KB);
  expect(server.child.exitCode).toBeNull();
});
