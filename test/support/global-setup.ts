/**
 * Starts one real Neo4j for the whole test run: the embedded one on a free port with a fresh data
 * folder, unless NEO4J_URI names a server to use instead. Tests find it through NEO4J_URI, read
 * by src/config.ts like any other setting. Readiness is the launcher's NEO4J_READY line, awaited
 * with a deadline; nothing sleeps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { ensureNeo4jJars, startEmbeddedNeo4j, EmbeddedNeo4j } from '../../src/db/embedded';
import { freePort } from './free-port';

export default async function globalSetup(): Promise<void> {
  const config = loadConfig();
  if (config.neo4j.mode === 'external') return;
  const root = config.rootDir;
  // One folder per run, so that two runs on one machine (a developer's and a helper's) never share a store.
  const dataDir = path.join(root, '.neo4j', `test-data-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const log = (m: string) => process.stderr.write(`[test neo4j] ${m}\n`);
  await ensureNeo4jJars({ libDir: config.neo4j.libDir, pomPath: path.join(root, 'neo4j', 'pom.xml'), log });
  const neo: EmbeddedNeo4j = await startEmbeddedNeo4j({
    port: await freePort(),
    dataDir,
    libDir: config.neo4j.libDir,
    heap: '1g',
    pageCache: '128m',
    readyTimeoutMs: 180_000,
  });
  (globalThis as any).__NEO4J__ = neo;
  (globalThis as any).__NEO4J_DATA__ = dataDir;
  process.env.NEO4J_URI = neo.uri;
  // The embedded Neo4j has auth on: tests (and the processes they spawn) read its generated password.
  process.env.NEO4J_USER = neo.user;
  process.env.NEO4J_PASSWORD = '';
  process.env.NEO4J_PASSWORD_FILE = neo.passwordFile;
}
