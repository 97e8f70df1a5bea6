/**
 * `npm start`: Neo4j (embedded unless NEO4J_URI is set), database schema, seed when empty, then
 * GraphQL on PORT. Start-up faults end in one line naming the cause, and a non-zero exit.
 */
import { loadConfigOrExit } from './config';
import { createLogger } from './logger';
import { applyDatabaseSchema, connect, Connection } from './db/connect';
import { startServer, RunningServer } from './server';
import { defaultSeedOptions, seedPaths } from './seed/seeder';
import { formatProblem } from './seed/validate';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config);
  const started = Date.now();
  let conn: Connection | undefined;
  let server: RunningServer | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining requests');
    try {
      await server?.stop();
      await conn?.close();
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    conn = await connect(config, (msg) => log.info(msg));
    conn.embedded?.exited.then(({ code, signal }) => {
      if (!stopping) log.error({ code, signal }, 'the embedded Neo4j exited; /readyz reports 503 until it is back');
    });
    log.info({ uri: conn.uri, ms: Date.now() - started }, 'neo4j ready');
    await applyDatabaseSchema(conn.db);
    if (config.seedOnStart) {
      const [counts] = await conn.db.read('admin/counts');
      if (counts!.entities === 0) {
        const report = await seedPaths(conn.db, [config.seedPath], defaultSeedOptions(config.rootDir));
        if (report.problems.length > 0) {
          for (const p of report.problems) log.error(formatProblem(p));
          throw new Error(`the seed data in ${config.seedPath} has ${report.problems.length} problem(s); run npm run seed -- --dry-run`);
        }
        log.info({ counts: report.counts }, 'seeded the empty database');
      }
    }
    server = await startServer(config, conn.db, log);
    log.info({ url: server.url, ms: Date.now() - started }, `GraphQL ready at ${server.url}`);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const message =
      e.code === 'EADDRINUSE'
        ? `port ${config.port} is in use: stop what uses it or set PORT`
        : e.code === 'EACCES'
          ? `not allowed to listen on port ${config.port}: choose a PORT above 1023`
          : e.message;
    process.stderr.write(`start-up failed: ${message}\n`);
    await conn?.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
