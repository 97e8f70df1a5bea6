/**
 * Integration-test helpers: a real server on a free port over the run's real Neo4j, and a
 * GraphQL client that goes through HTTP like any analyst's.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import pino from 'pino';
import { loadConfig, Config } from '../../src/config';
import { applyDatabaseSchema, connect, Connection } from '../../src/db/connect';
import { startServer, RunningServer } from '../../src/server';
import { defaultSeedOptions, seedPaths } from '../../src/seed/seeder';
import { formatProblem } from '../../src/seed/validate';
import type { Executor } from '../../src/db/executor';

/** A server under test. */
export interface TestServer {
  url: string;
  base: string;
  config: Config;
  conn: Connection;
  server: RunningServer;
  close(): Promise<void>;
}

/** Connects to the test Neo4j (see global-setup) with the given environment overrides. */
export async function testConnection(env: Record<string, string> = {}): Promise<{ config: Config; conn: Connection }> {
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', ...env });
  const conn = await connect(config, () => undefined);
  await applyDatabaseSchema(conn.db);
  return { config, conn };
}

/** Empties the database and loads the project's curated seed. */
export async function reseed(db: Executor, config: Config): Promise<void> {
  await db.write('admin/wipe');
  const report = await seedPaths(db, [config.seedPath], defaultSeedOptions(config.rootDir));
  if (report.problems.length > 0) throw new Error(report.problems.map(formatProblem).join('\n'));
}

/** Starts the HTTP server over a freshly seeded database. */
export async function startTestServer(env: Record<string, string> = {}, seeded = true): Promise<TestServer> {
  const { config, conn } = await testConnection(env);
  if (seeded) await reseed(conn.db, config);
  const server = await startServer(config, conn.db, pino({ level: 'silent' }));
  const base = `http://127.0.0.1:${server.port}`;
  return {
    url: `${base}/graphql`,
    base,
    config,
    conn,
    server,
    close: async () => {
      await server.stop();
      await conn.close();
    },
  };
}

/** A GraphQL response. */
export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
  /** Response extensions, e.g. the upserts' outcomes. */
  extensions?: Record<string, unknown>;
}

/** POSTs a GraphQL operation. */
export async function gql<T = any>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Reads a GraphQL document from test/queries/. */
export function queryFile(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', 'queries', `${name}.graphql`), 'utf8');
}

/**
 * Counts and a checksum of the whole graph, to prove a failed write left it as it was; with
 * `withAudit: false`, of the data alone (audit entries differ between two seeds of the same data).
 */
export async function graphDigest(db: Executor, withAudit = true): Promise<{ nodes: number; rels: number; sha: string }> {
  const [row] = await db.read('admin/graph-digest', { withAudit });
  const json = JSON.stringify(row);
  return { nodes: row!.nodes.length, rels: row!.rels.length, sha: crypto.createHash('sha256').update(json).digest('hex') };
}
