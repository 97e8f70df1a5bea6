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
import { NEO4J_USER, readOrCreatePassword, readPasswordFile } from './password';

/** A connected database and how to let go of it. */
export interface Connection {
  db: Executor;
  uri: string;
  close(): Promise<void>;
}

const SCHEMA: StatementName[] = [
  'schema/entity-id-unique',
  'schema/claim-id-unique',
  'schema/proposition-id-unique',
  'schema/entity-kind-index',
  'schema/merged-id-unique',
  'schema/merged-into-index',
  'schema/claim-proposition-index',
  'schema/claim-claimant-index',
  'schema/entity-fulltext',
  'schema/entity-identifiers',
  'schema/audit-seq-unique',
  'schema/audit-sequence-unique',
  'schema/await-indexes',
  // Not a schema command: numbers the audit entries of a store written before they were numbered.
  'audit/number-entries',
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
 * The Bolt URI and credentials of the configured Neo4j. The embedded one's password comes from
 * its file, created here on the very first start (before the JVM, so the driver can be built
 * first); for NEO4J_URI, NEO4J_PASSWORD or else the password file config names.
 */
export function neo4jTarget(config: Config): { uri: string; user?: string; password?: string } {
  const target = config.neo4j;
  if (target.mode === 'external') {
    const password = target.password || (target.passwordFile ? readPasswordFile(target.passwordFile) : undefined);
    return { uri: target.uri, user: target.user, password };
  }
  return { uri: `bolt://127.0.0.1:${target.port}`, user: NEO4J_USER, password: readOrCreatePassword(target.passwordFile) };
}

/**
 * An executor for `uri`. The driver connects lazily, so this works while Neo4j is still down:
 * statements then fail with DATABASE_UNAVAILABLE until it answers.
 */
export function createExecutor(config: Config, uri: string, user?: string, password?: string): Executor {
  const cypher = loadCypher(path.join(config.rootDir, 'cypher'), STATEMENTS);
  return new Executor(createDriver(uri, user, password), cypher, { database: config.database, timeoutMs: config.queryTimeoutMs });
}

/** Starts the embedded Neo4j of `config` (fetching its jars on first use). */
export async function startConfiguredEmbedded(config: Config, log: (msg: string) => void): Promise<EmbeddedNeo4j> {
  const target = config.neo4j;
  if (target.mode !== 'embedded') throw new Error('startConfiguredEmbedded needs an embedded Neo4j target');
  await ensureNeo4jJars({ libDir: target.libDir, pomPath: path.join(config.rootDir, 'neo4j', 'pom.xml'), log });
  return startEmbeddedNeo4j({
    port: target.port,
    dataDir: target.dataDir,
    passwordFile: target.passwordFile,
    libDir: target.libDir,
    heap: target.heap,
    pageCache: target.pageCache,
    readyTimeoutMs: target.startTimeoutMs,
    log,
  });
}

/**
 * Connects to Neo4j as configured and waits until it answers.
 * @param reuseRunning with an embedded target, use a Neo4j already on the port instead of failing.
 */
export async function connect(config: Config, log: (msg: string) => void, reuseRunning = false): Promise<Connection> {
  let embedded: EmbeddedNeo4j | null = null;
  let { uri, user, password } = neo4jTarget(config);
  const target = config.neo4j;
  if (target.mode === 'embedded' && reuseRunning && (await portAnswers(target.port))) {
    log(`using the Neo4j already listening on ${uri}`);
  } else if (target.mode === 'embedded') {
    embedded = await startConfiguredEmbedded(config, log);
    uri = embedded.uri;
  }
  const db = createExecutor(config, uri, user, password);
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
    close: async () => {
      await db.close();
      await embedded?.stop();
    },
  };
}

/** Waits of an exponential backoff: `initialMs`, doubling each time, never above `maxMs`. */
export function* backoff(retry: Config['neo4jRetry']): Generator<number, never> {
  for (let wait = retry.initialMs; ; wait = Math.min(wait * 2, retry.maxMs)) yield Math.min(wait, retry.maxMs);
}

/** Resolves after `ms`, or at once (false) when `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort);
  });
}

/** Thrown by the waits here when their signal aborts (the process is shutting down). */
export class Aborted extends Error {
  override name = 'Aborted';
}

/**
 * Calls `attempt` until it succeeds, waiting with {@link backoff} in between. `onFirstFailure`
 * hears about the first failure only: a log line per attempt would drown the log during a
 * long outage.
 * @throws Aborted when `signal` aborts first.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  retry: Config['neo4jRetry'],
  options: {
    signal?: AbortSignal;
    onFirstFailure?: (err: Error) => void;
    /** Hears every failed attempt, for a debug log. */
    onAttemptFailed?: (info: { attempt: number; err: Error; waitMs: number }) => void;
  } = {},
): Promise<{ value: T; attempts: number; ms: number }> {
  const started = Date.now();
  const waits = backoff(retry);
  for (let attempts = 1; ; attempts++) {
    if (options.signal?.aborted) throw new Aborted('stopped while retrying');
    try {
      return { value: await attempt(), attempts, ms: Date.now() - started };
    } catch (err) {
      if (attempts === 1) options.onFirstFailure?.(err as Error);
      const waitMs = waits.next().value;
      options.onAttemptFailed?.({ attempt: attempts, err: err as Error, waitMs });
      if (!(await pause(waitMs, options.signal))) throw new Aborted('stopped while retrying');
    }
  }
}

/** Events of {@link superviseEmbedded}, for the log. */
interface SupervisorEvents {
  exited(info: { code: number | null; signal: string | null }): void;
  restarted(info: { pid: number; attempts: number; ms: number }): void;
  restartFailed(err: Error): void;
}

/** An embedded Neo4j that is started again whenever it exits on its own. */
export interface SupervisedNeo4j {
  /** Stops supervising and stops the JVM (waiting for a restart in progress). */
  stop(): Promise<void>;
}

/**
 * Watches `first`: if its JVM exits while nobody asked it to stop, starts it again with `start`
 * (same port and data folder) and the backoff of `retry`, for as long as it takes. The driver
 * reconnects by itself once the new JVM listens, so the server needs no restart.
 */
export function superviseEmbedded(
  first: EmbeddedNeo4j,
  start: () => Promise<EmbeddedNeo4j>,
  retry: Config['neo4jRetry'],
  events: SupervisorEvents,
): SupervisedNeo4j {
  const stopping = new AbortController();
  let current: EmbeddedNeo4j | null = first;
  let restarting: Promise<unknown> = Promise.resolve();
  const watch = (neo: EmbeddedNeo4j) => {
    void neo.exited.then((info) => {
      if (stopping.signal.aborted) return;
      current = null;
      events.exited(info);
      restarting = retryWithBackoff(start, retry, { signal: stopping.signal, onFirstFailure: events.restartFailed }).then(
        ({ value, attempts, ms }) => {
          if (stopping.signal.aborted) return value.stop();
          current = value;
          events.restarted({ pid: value.pid, attempts, ms });
          watch(value);
        },
        () => undefined, // Aborted: stop() was called.
      );
    });
  };
  watch(first);
  return {
    stop: async () => {
      stopping.abort();
      await restarting;
      await current?.stop();
    },
  };
}
