/**
 * Gets the process a Neo4j: the one NEO4J_URI names, or the embedded one this project launches
 * (reusing one already listening on the embedded port, so `npm run seed` works beside
 * `npm start`). Also applies the database schema, idempotently.
 */
import path from 'node:path';
import net from 'node:net';
import type { Config } from '../config';
import { loadCypher } from './cypher';
import { createDriver } from './driver';
import { ensureNeo4jJars, startEmbeddedNeo4j, EmbeddedNeo4j } from './embedded';
import { Executor } from './executor';
import { STATEMENTS, StatementName } from './statements';

/** A connected database and how to let go of it. */
export interface Connection {
  db: Executor;
  uri: string;
  embedded: EmbeddedNeo4j | null;
  close(): Promise<void>;
}

const SCHEMA: StatementName[] = [
  'schema/entity-id-unique',
  'schema/claim-id-unique',
  'schema/proposition-id-unique',
  'schema/entity-kind-index',
  'schema/claim-proposition-index',
  'schema/claim-claimant-index',
  'schema/entity-fulltext',
  'schema/await-indexes',
];

/** Creates constraints and indexes if they do not exist, and waits until they are online. */
export async function applyDatabaseSchema(db: Executor): Promise<void> {
  // Schema commands cannot share a transaction with each other's effects: one at a time.
  for (const name of SCHEMA) await db.write(name);
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * Connects to Neo4j as configured and waits until it answers.
 * @param reuseRunning with an embedded target, use a Neo4j already on the port instead of failing.
 */
export async function connect(config: Config, log: (msg: string) => void, reuseRunning = false): Promise<Connection> {
  const cypher = loadCypher(path.join(config.rootDir, 'cypher'), STATEMENTS);
  let embedded: EmbeddedNeo4j | null = null;
  let uri: string;
  let user: string | undefined;
  let password: string | undefined;
  const target = config.neo4j;
  if (target.mode === 'external') {
    ({ uri, user, password } = target);
  } else if (reuseRunning && (await portAnswers(target.port))) {
    uri = `bolt://127.0.0.1:${target.port}`;
    log(`using the Neo4j already listening on ${uri}`);
  } else {
    await ensureNeo4jJars({ libDir: target.libDir, pomPath: path.join(config.rootDir, 'neo4j', 'pom.xml'), log });
    embedded = await startEmbeddedNeo4j({
      port: target.port,
      dataDir: target.dataDir,
      libDir: target.libDir,
      heap: target.heap,
      pageCache: target.pageCache,
      readyTimeoutMs: target.startTimeoutMs,
      log,
    });
    uri = embedded.uri;
  }
  const driver = createDriver(uri, user, password);
  const db = new Executor(driver, cypher, { database: config.database, timeoutMs: config.queryTimeoutMs });
  try {
    await db.ping();
  } catch (err) {
    await db.close();
    await embedded?.stop();
    throw new Error(`Neo4j at ${uri} does not answer (${(err as Error).message}); check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD`);
  }
  return {
    db,
    uri,
    embedded,
    close: async () => {
      await db.close();
      await embedded?.stop();
    },
  };
}
