/**
 * `npm start`: HTTP first (so /healthz and /readyz answer at once), then Neo4j (embedded unless
 * NEO4J_URI is set), waited for with backoff, then the database schema, seed when empty, and
 * only then /readyz 200. Meanwhile GraphQL answers DATABASE_UNAVAILABLE.
 *
 * Faults it survives: Neo4j down at start (retried, one log line), Neo4j gone while serving
 * (the driver reconnects; the embedded JVM is started again), SIGTERM (requests in flight
 * finish, new connections are refused, exit 0). Start-up faults that waiting cannot fix end in
 * one line naming the cause and exit 1 (a bad setting: exit 2, from loadConfigOrExit).
 */
// First: the tracing SDK must be running before http, express and graphql are required.
import { storedEntityCount } from './store/entities';
import { tracing } from './tracing';
import type { Logger } from 'pino';
import { Config, loadConfigOrExit } from './config';
import { createLogger } from './logger';
import {
  Aborted,
  applyDatabaseSchema,
  createExecutor,
  neo4jTarget,
  retryWithBackoff,
  startConfiguredEmbedded,
  superviseEmbedded,
  SupervisedNeo4j,
} from './db/connect';
import type { EmbeddedNeo4j } from './db/embedded';
import type { Executor } from './db/executor';
import { AppError, ErrorCode } from './errors';
import { Lifecycle } from './lifecycle';
import { startServer, RunningServer } from './server';
import { defaultSeedOptions, seedPaths, type SeedReport } from './seed/seeder';
import { importOnFirstStart, type FirstLoadResult } from './seed/bulk-import';
import { formatProblem } from './seed/validate';

/** Beyond the drain grace, how long closing the driver and stopping the JVM may take before we give up. */
const CLOSE_MARGIN_MS = 35_000;

function startupMessage(err: unknown, config: Config): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') return `port ${config.port} is in use: stop what uses it or set PORT`;
  if (e.code === 'EACCES') return `not allowed to listen on port ${config.port}: choose a PORT above 1023`;
  return e.message;
}

/** Start-up stops on a seed with problems, each logged. */
function refuseProblems(report: SeedReport, config: Config, log: Logger): void {
  if (report.problems.length === 0) return;
  for (const p of report.problems) log.error(formatProblem(p));
  throw new Error(`the seed data in ${config.seedPath} has ${report.problems.length} problem(s); run npm run seed -- --dry-run`);
}

/**
 * Schema, then the seed when the database is empty: the rest of a first load through the import
 * tool (`imported`), or the seeder's transactions. Throws DATABASE_UNAVAILABLE if Neo4j goes
 * away meanwhile.
 */
async function prepareDatabase(db: Executor, config: Config, log: Logger, imported: FirstLoadResult | null): Promise<void> {
  await applyDatabaseSchema(db);
  if (imported?.finish) {
    await imported.finish(db);
    log.info({ counts: imported.report.counts }, 'loaded the new store through the import tool');
    return;
  }
  if (!config.seedOnStart) return;
  if ((await storedEntityCount(db)) !== 0) return;
  const report = await seedPaths(db, [config.seedPath], defaultSeedOptions(config.rootDir));
  refuseProblems(report, config, log);
  log.info({ counts: report.counts }, 'seeded the empty database');
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config);
  const started = Date.now();
  const { uri, user, password } = neo4jTarget(config);
  const db = createExecutor(config, uri, user, password);
  // The one serving state (src/lifecycle.ts): /readyz reads it, this function drives it.
  const lifecycle = new Lifecycle();
  lifecycle.to('starting');
  let server: RunningServer | undefined;
  let embeddedStart: Promise<EmbeddedNeo4j> | undefined;
  let neo: SupervisedNeo4j | undefined;
  // A first start's seed, imported before the JVM starts (src/seed/bulk-import.ts); finished once.
  let imported: FirstLoadResult | null = null;

  const release = async () => {
    await db.close();
    // The spans still buffered leave before the process does.
    await tracing?.shutdown().catch((err) => log.warn({ err: (err as Error).message }, 'could not export the last spans'));
    // A JVM still starting is stopped too, so none outlives us even before supervision begins.
    if (neo) await neo.stop();
    else await embeddedStart?.then((n) => n.stop(), () => undefined);
  };
  const fail = async (err: unknown) => {
    process.stderr.write(`start-up failed: ${startupMessage(err, config)}\n`);
    if (lifecycle.may('draining')) lifecycle.to('draining');
    await server?.stop().catch(() => undefined);
    await release().catch(() => undefined);
    if (lifecycle.may('stopped')) lifecycle.to('stopped');
    process.exit(1);
  };
  const shutdown = async (signal: string) => {
    // A second signal, or one during a failed start's stop: the first stop owns the exit.
    if (!lifecycle.may('draining')) return;
    lifecycle.to('draining');
    log.info({ signal }, 'shutting down: refusing new connections, letting requests in flight finish');
    setTimeout(() => {
      log.error({ ms: config.shutdownGraceMs + CLOSE_MARGIN_MS }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, config.shutdownGraceMs + CLOSE_MARGIN_MS).unref();
    try {
      await server?.stop();
      await release();
      lifecycle.to('stopped');
      log.info({ signal }, 'stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    server = await startServer(config, db, log, { lifecycle });
  } catch (err) {
    return fail(err);
  }
  log.info({ url: server.url, port: server.port, metricsPort: server.metricsPort }, 'HTTP listening; /readyz answers 503 until Neo4j is ready');

  try {
    if (config.neo4j.mode === 'embedded') {
      embeddedStart = importOnFirstStart(config, (msg) => log.info(msg)).then((loaded) => {
        if (loaded) refuseProblems(loaded.report, config, log);
        imported = loaded;
        return startConfiguredEmbedded(config, (msg) => log.info(msg));
      });
      const first = await embeddedStart;
      const restart = () => startConfiguredEmbedded(config, (msg) => log.info(msg));
      neo = superviseEmbedded(first, restart, config.neo4jRetry, {
        exited: ({ code, signal }) => {
          if (lifecycle.state === 'ready') lifecycle.to('degraded');
          log.error({ code, signal }, 'the embedded Neo4j exited; starting it again (/readyz answers 503 meanwhile)');
        },
        restartFailed: (err) => log.error({ err: err.message }, 'the embedded Neo4j did not start again; retrying with backoff'),
        restarted: (info) => {
          if (lifecycle.state === 'degraded') lifecycle.to('ready');
          log.info(info, 'the embedded Neo4j is back');
        },
      });
    }
    // Waiting covers Neo4j going away again during schema or seed work: wait, then redo it (idempotent).
    for (;;) {
      const { attempts, ms } = await retryWithBackoff(() => db.ping(), config.neo4jRetry, {
        signal: lifecycle.signal,
        onFirstFailure: (err) =>
          log.warn(
            { uri, reason: err.message, retryMs: config.neo4jRetry },
            `Neo4j at ${uri} does not answer; retrying with backoff (${config.neo4jRetry.initialMs} ms doubling to ${config.neo4jRetry.maxMs} ms), GraphQL answers DATABASE_UNAVAILABLE meanwhile`,
          ),
        onAttemptFailed: ({ attempt, waitMs }) => log.debug({ attempt, waitMs }, 'Neo4j attempt failed'),
      });
      log.info({ uri, attempts, ms }, 'connected to Neo4j');
      try {
        await prepareDatabase(db, config, log, imported);
        imported = null;
        break;
      } catch (err) {
        if (!(err instanceof AppError && err.code === ErrorCode.DATABASE_UNAVAILABLE) || lifecycle.signal.aborted) throw err;
        log.warn('Neo4j went away while preparing the database; waiting for it again');
      }
    }
    // A signal during the last of the start-up work: draining already, never ready again.
    if (lifecycle.signal.aborted) return;
    lifecycle.to('ready');
    log.info({ url: server.url, ms: Date.now() - started }, `GraphQL ready at ${server.url}`);
  } catch (err) {
    // A shutdown during start-up ends the waits; shutdown() then owns the exit.
    if (err instanceof Aborted || lifecycle.signal.aborted) return;
    return fail(err);
  }
}

void main();
