/** Stops the Neo4j that global-setup started, so no JVM outlives the test run, and removes its store. */
import fs from 'node:fs';
import type { EmbeddedNeo4j } from '../../src/db/embedded';

export default async function globalTeardown(): Promise<void> {
  const neo = (globalThis as any).__NEO4J__ as EmbeddedNeo4j | undefined;
  await neo?.stop();
  const dataDir = (globalThis as any).__NEO4J_DATA__ as string | undefined;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
