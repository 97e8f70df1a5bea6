/**
 * This server, unchanged (src/main.ts minus schema and seeding, which the harness did), with a
 * counter on Executor.onQuery so the harness can report Cypher calls per request.
 * Environment as for `npm start`: NEO4J_URI, PORT, LOG_LEVEL.
 */
import { loadConfigOrExit } from '../../src/config';
import { createLogger } from '../../src/logger';
import { connect } from '../../src/db/connect';
import { startServer } from '../../src/server';
import { reportToHarness } from './child';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config);
  const conn = await connect(config, (msg) => log.info(msg));
  const count = { value: 0 };
  conn.db.onQuery(() => void count.value++);
  const server = await startServer(config, conn.db, log);
  reportToHarness(server.port, count);
}

main().catch((err) => {
  process.stderr.write(`ours: ${(err as Error).stack}\n`);
  process.exit(1);
});
