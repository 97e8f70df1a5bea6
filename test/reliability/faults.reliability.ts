/**
 * The faults of issue 6, each against real processes: src/main.ts as a child process, over a
 * Neo4j that this suite starts, kills with SIGKILL and starts again on the same port and data.
 *   - Neo4j down at start: HTTP answers, /readyz 503, DATABASE_UNAVAILABLE, one log line, then ready.
 *   - Neo4j killed under load: DATABASE_UNAVAILABLE within about a second, the server stays up,
 *     and it serves again within seconds of Neo4j's return, without a restart.
 *   - SIGTERM under load: requests in flight finish, new connections are refused, exit 0.
 *   - The embedded JVM dies while serving: the server starts it again by itself.
 */
import { gql } from '../support/helpers';
import { countCodes, Load, Operation, Outcome, startLoad } from './workload';
import {
  freePort,
  killableNeo4j,
  KillableNeo4j,
  heldRequest,
  NOT_ACCEPTED,
  pollUntil,
  postAccepted,
  postFreshConnection,
  recordFigures,
  ServerProcess,
  spawnServer,
  statusOf,
  waitUntilReady,
} from '../support/server-process';

/** Backoff of the servers under test: short, so that recovery is measured, not waited for. */
// The fault scenarios put the server under load: the rate limit (a limit of its own, tested elsewhere) is off.
const RETRY = { NEO4J_RETRY_INITIAL_MS: '100', NEO4J_RETRY_MAX_MS: '1000', RATE_LIMIT_PER_MINUTE: '0' };
const ENTITY = '{ entity(id: "clearview-ai") { name } }';
/** While Neo4j is down a request must fail within this (it takes about 1 s: one driver retry). */
const FAIL_FAST_MS = 5_000;
/** One light question: what a probe of recovery asks, so that it measures reconnection, not a cold JVM planning heavy queries. */
const PROBE: Operation[] = [{ name: 'entity', query: ENTITY }];
/**
 * How soon after Neo4j answers again the server must serve a light question again. On an idle
 * machine it takes 1 to 3 s; the budget leaves room for a busy, shared CI machine (16.6 s was
 * measured with four test runs sharing two cores, load average about 10). What it guards is that
 * the server recovers by itself, without a restart, rather than a speed.
 */
const RECOVERY_BUDGET_MS = 30_000;

const figures: Record<string, unknown> = {};
let faultsSurvived = 0;

afterAll(() => recordFigures('faults', { survived: faultsSurvived, ...figures }));

const okOutcome = (o: Outcome) => o.status === 200 && o.codes.length === 0;

describe('a Neo4j that is down at start, then killed under load (NEO4J_URI)', () => {
  let neo: KillableNeo4j;
  let server: ServerProcess;
  let load: Load | undefined;
  let probes: Load | undefined;

  beforeAll(async () => {
    neo = await killableNeo4j('faults');
    server = await spawnServer({ NEO4J_URI: neo.uri, NEO4J_PASSWORD_FILE: neo.passwordFile, SEED_ON_START: 'true', ...RETRY });
  });

  afterEach(async () => {
    await load?.stop();
    await probes?.stop();
  });

  afterAll(async () => {
    await server?.stop();
    await neo?.dispose();
  });

  it('answers /healthz, /readyz 503 and DATABASE_UNAVAILABLE while Neo4j is down at start, logging the wait once', async () => {
    await server.waitForLog((l) => /does not answer; retrying with backoff/.test(l.msg), 20_000);
    expect(await statusOf(`${server.base}/healthz`)).toBe(200);
    expect(await statusOf(`${server.base}/readyz`)).toBe(503);
    const res = await gql(server.url, ENTITY);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
  });

  it('becomes ready by itself once Neo4j starts, after schema and seed, with one line saying how long it waited', async () => {
    await neo.start();
    const readyMs = await waitUntilReady(server, 60_000);
    const connected = await server.waitForLog((l) => l.msg === 'connected to Neo4j', 1_000);
    expect(connected.attempts).toBeGreaterThan(1);
    expect(server.logs.filter((l) => /does not answer/.test(l.msg))).toHaveLength(1);
    expect((await gql(server.url, ENTITY)).data).toEqual({ entity: { name: 'Clearview AI' } });
    figures.downAtStart = { attempts: connected.attempts, waitedMs: connected.ms, readyAfterNeo4jMs: readyMs };
    faultsSurvived++;
  });

  it('answers DATABASE_UNAVAILABLE while Neo4j is killed under load, stays up, and serves again within seconds of its return', async () => {
    const traffic = startLoad(server.url, 4);
    const probe = startLoad(server.url, 1, undefined, PROBE);
    load = traffic;
    probes = probe;
    await pollUntil('20 answered requests before the kill', async () => (traffic.outcomes.filter(okOutcome).length >= 20 ? true : undefined), 60_000);
    const killedAt = Date.now();
    await neo.kill();
    // The outage lasts long enough to tell a request that fails fast from one that hangs.
    await pollUntil(
      '20 DATABASE_UNAVAILABLE answers over an outage of FAIL_FAST_MS + 2 s',
      async () =>
        Date.now() - killedAt > FAIL_FAST_MS + 2_000 && traffic.outcomes.filter((o) => o.startedAt > killedAt && o.codes.includes('DATABASE_UNAVAILABLE')).length >= 20
          ? true
          : undefined,
      30_000,
    );
    expect(await statusOf(`${server.base}/healthz`)).toBe(200);
    expect(await statusOf(`${server.base}/readyz`)).toBe(503);

    const restartAt = Date.now();
    await neo.start();
    const backAt = Date.now();
    const firstOk = await pollUntil('a probe answered after Neo4j is back', async () => probe.outcomes.find((o) => o.startedAt >= backAt && okOutcome(o)), RECOVERY_BUDGET_MS + 5_000);
    const recoveryMs = firstOk.endedAt - backAt;
    expect(recoveryMs).toBeLessThan(RECOVERY_BUDGET_MS);
    await waitUntilReady(server, RECOVERY_BUDGET_MS);

    const outcomes = [...(await traffic.stop()), ...(await probe.stop())];
    // Requests that met at least FAIL_FAST_MS more of the outage after they started: none may hang.
    const during = outcomes.filter((o) => o.startedAt > killedAt && o.startedAt < restartAt - FAIL_FAST_MS);
    const codes = countCodes(outcomes);
    // While Neo4j is gone: DATABASE_UNAVAILABLE and nothing else (no INTERNAL_SERVER_ERROR, no
    // lost response). Once it is back, its cold JVM may still be too slow for a request's time
    // budget: QUERY_TIMEOUT is then the truth, and allowed.
    const wrong = outcomes.filter((o) => o.codes.some((c) => c !== 'DATABASE_UNAVAILABLE' && !(c === 'QUERY_TIMEOUT' && o.endedAt > backAt)));
    const timeline = (o: Outcome) => ({ op: o.op, codes: o.codes, sinceKillMs: o.startedAt - killedAt, sinceBackMs: o.startedAt - backAt, ms: o.endedAt - o.startedAt });
    expect(wrong.map(timeline)).toEqual([]);
    expect(codes.DATABASE_UNAVAILABLE).toBeGreaterThan(0);
    // A response for every request (no status 0): 200, or 503 when it met the outage (issue 25:
    // DATABASE_UNAVAILABLE is a status to retry on, with Retry-After, never a 200).
    expect(outcomes.filter((o) => !(o.status === 200 || (o.status === 503 && o.codes.includes('DATABASE_UNAVAILABLE'))))).toEqual([]);
    expect(outcomes.filter((o) => o.codes.includes('DATABASE_UNAVAILABLE') && o.status !== 503)).toEqual([]);
    // Failing fast: a request while Neo4j is gone answers within a few seconds, it does not hang.
    expect(during.length).toBeGreaterThan(0);
    const slowest = Math.max(...during.map((o) => o.endedAt - o.startedAt));
    expect(slowest).toBeLessThan(FAIL_FAST_MS);
    expect(server.child.exitCode).toBeNull();
    figures.killedUnderLoad = {
      requests: outcomes.length,
      answered: outcomes.filter(okOutcome).length,
      errorsByCode: codes,
      outageMs: backAt - killedAt,
      slowestDuringOutageMs: slowest,
      recoveryAfterNeo4jMs: recoveryMs,
    };
    faultsSurvived++;
  });

  it('lets requests in flight finish on SIGTERM under load, refuses new connections, and exits 0', async () => {
    const traffic = startLoad(server.url, 8, postAccepted, PROBE);
    load = traffic;
    await pollUntil('50 answered requests before SIGTERM', async () => (traffic.outcomes.filter(okOutcome).length >= 50 ? true : undefined), 30_000);

    const held = await heldRequest(server.url, ENTITY);

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await server.waitForLog((l) => /^shutting down/.test(l.msg), 5_000);
    const refused = await pollUntil('a new connection to be refused', async () => ((await statusOf(`${server.base}/healthz`)) === 0 ? Date.now() : undefined), 5_000);
    const slowAnswer = await held.finish();
    const exit = await server.exited;
    const outcomes = await traffic.stop();

    expect(slowAnswer.status).toBe(200);
    expect(JSON.parse(slowAnswer.body)).toEqual({ data: { entity: { name: 'Clearview AI' } } });
    expect(exit).toEqual({ code: 0, signal: null });
    const answered = outcomes.filter((o) => o.status !== 0);
    // Every response that came was a whole, successful answer: none was cut or turned into an error.
    expect(answered.filter((o) => !okOutcome(o))).toEqual([]);
    // No answer is not a success either: only a request the server never took (refused) may go
    // unanswered; one it took and then reset is a failed request.
    expect(outcomes.filter((o) => o.status === 0 && !NOT_ACCEPTED.has(o.failure!))).toEqual([]);
    const inFlight = answered.filter((o) => o.startedAt < signalledAt && o.endedAt > signalledAt);
    expect(inFlight.length).toBeGreaterThan(0);
    const afterRefusal = outcomes.filter((o) => o.startedAt > refused);
    expect(afterRefusal.every((o) => o.status === 0)).toBe(true);
    figures.sigtermUnderLoad = {
      requests: outcomes.length,
      answered: answered.length,
      inFlightAtSignalFinished: inFlight.length + 1,
      refusedAfterSignal: outcomes.filter((o) => o.status === 0).length,
      exitCode: exit.code,
      exitMs: Date.now() - signalledAt,
    };
    faultsSurvived++;
  });
});

describe('the embedded Neo4j (NEO4J_URI unset)', () => {
  let server: ServerProcess;
  let dataDir: string;

  afterAll(async () => {
    await server?.stop();
    if (dataDir) require('node:fs').rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the JVM again when it dies while serving, on the same port and data, and serves again without a restart', async () => {
    const neo = await killableNeo4j('embedded');
    dataDir = neo.dataDir;
    server = await spawnServer({
      NEO4J_URI: '',
      // Its own password file, in its data folder (not the test run's Neo4j's).
      NEO4J_PASSWORD_FILE: '',
      NEO4J_EMBEDDED_PORT: String(await freePort()),
      NEO4J_DATA_DIR: dataDir,
      NEO4J_HEAP: '512m',
      NEO4J_PAGECACHE: '64m',
      ...RETRY,
    });
    await waitUntilReady(server, 120_000);
    const started = await server.waitForLog((l) => /^Neo4j ready at .* \(pid \d+\)$/.test(l.msg), 1_000);
    const jvm = Number(/\(pid (\d+)\)/.exec(started.msg)![1]);
    const before = await gql(server.url, '{ entityCounts { kind count } }');
    expect(before.errors).toBeUndefined();

    const killedAt = Date.now();
    process.kill(jvm, 'SIGKILL');
    await server.waitForLog((l) => /the embedded Neo4j exited/.test(l.msg), 10_000);
    const back = await server.waitForLog((l) => l.msg === 'the embedded Neo4j is back', 120_000);
    expect(back.pid).not.toBe(jvm);
    await waitUntilReady(server, RECOVERY_BUDGET_MS);
    const servingAgainMs = Date.now() - killedAt;

    // Same data folder: the seeded graph is still there.
    expect(await gql(server.url, '{ entityCounts { kind count } }')).toEqual(before);
    expect(server.child.exitCode).toBeNull();
    const newJvm = back.pid as number;
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    // No JVM outlives the server.
    await pollUntil('the restarted JVM to exit with the server', async () => {
      try {
        process.kill(newJvm, 0);
        return undefined;
      } catch {
        return true;
      }
    }, 35_000);
    figures.embeddedJvmKilled = { restartAttempts: back.attempts, servingAgainAfterKillMs: servingAgainMs };
    faultsSurvived++;
  });
});
