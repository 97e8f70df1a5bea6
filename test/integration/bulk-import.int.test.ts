/**
 * The first load through `neo4j-admin database import` (src/seed/bulk-import.ts) writes the same
 * graph as the transactional seeder: the real seed and a small generated bench graph, each loaded
 * both ways (the transactional one into the shared test Neo4j, the import into a store of a Neo4j
 * this test starts itself), compared node by node and relationship by relationship with every
 * property (admin/graph-digest, audit entries aside), standings included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { applyDatabaseSchema, connect, type Connection } from '../../src/db/connect';
import { startEmbeddedNeo4j, storeExists, type EmbeddedNeo4j } from '../../src/db/embedded';
import type { Executor } from '../../src/db/executor';
import { stable } from '../../src/db/records';
import { importFirstLoad } from '../../src/seed/bulk-import';
import { defaultSeedOptions, seedPaths, type SeedOptions } from '../../src/seed/seeder';
import { formatProblem } from '../../src/seed/validate';
import { generate } from '../../bench/generate';
import { freePort } from '../support/free-port';
import { reseed, testConnection } from '../support/helpers';

jest.setTimeout(600_000);

let config: Config;
let conn: Connection;
let tmp: string;
beforeAll(async () => {
  ({ config, conn } = await testConnection());
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-import-test-'));
});
afterAll(async () => {
  // The suites after this one expect the curated seed.
  if (conn) await reseed(conn.db, config);
  await conn?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every node and relationship with its properties, in an order that does not depend on how they were written. */
async function digest(db: Executor): Promise<{ nodes: string[]; rels: string[] }> {
  const [row] = await db.read('admin/graph-digest', { withAudit: false });
  const nodes = (row!.nodes as [string[], unknown][]).map(([labels, props]) => stable([[...labels].sort(), props])).sort();
  const rels = (row!.rels as unknown[]).map((r) => stable(r)).sort();
  return { nodes, rels };
}

/** Loads `targets` through the import tool into a new store, starts Neo4j on it, applies the schema and finishes the load. */
async function importAndStart(name: string, targets: string[], options: SeedOptions): Promise<{ neo: EmbeddedNeo4j; conn: Connection }> {
  const dataDir = path.join(tmp, name);
  const libDir = path.join(config.rootDir, '.neo4j', 'lib');
  const loaded = await importFirstLoad(targets, options, { dataDir, libDir, minElements: 0 });
  expect(loaded).not.toBeNull();
  expect(loaded!.report.problems.map(formatProblem)).toEqual([]);
  expect(storeExists(dataDir)).toBe(true);
  const neo = await startEmbeddedNeo4j({ port: await freePort(), dataDir, libDir, heap: '512m', pageCache: '64m', readyTimeoutMs: 300_000 });
  try {
    const own = await connect(loadConfig({ NEO4J_URI: neo.uri, NEO4J_PASSWORD_FILE: neo.passwordFile, LOG_LEVEL: 'silent' }), () => undefined);
    await applyDatabaseSchema(own.db);
    await loaded!.finish!(own.db);
    return { neo, conn: own };
  } catch (err) {
    await neo.stop();
    throw err;
  }
}

async function compareBothWays(name: string, targets: string[], options: SeedOptions): Promise<void> {
  await conn.db.write('admin/wipe');
  const seeded = await seedPaths(conn.db, targets, options);
  expect(seeded.problems.map(formatProblem)).toEqual([]);
  const expected = await digest(conn.db);
  const imported = await importAndStart(name, targets, options);
  try {
    const got = await digest(imported.conn.db);
    expect(got.nodes.length).toBe(expected.nodes.length);
    expect(got.rels.length).toBe(expected.rels.length);
    // Element by element first, so that a difference shows as itself.
    expect(got.nodes.filter((n) => !expected.nodes.includes(n)).slice(0, 3)).toEqual([]);
    expect(got.rels.filter((r) => !expected.rels.includes(r)).slice(0, 3)).toEqual([]);
    expect(got).toEqual(expected);
    // The load is audited as a seed is: one entry, the first of the counter.
    expect(await imported.conn.db.read('audit/last-seq')).toEqual([{ seq: 1 }]);
    const counts = await imported.conn.db.read('admin/counts');
    expect(counts).toEqual(await conn.db.read('admin/counts'));
  } finally {
    await imported.conn.close();
    await imported.neo.stop();
  }
}

describe('a first load through neo4j-admin database import', () => {
  it('leaves a small seed to the transactions, quicker than the import tool to start', async () => {
    const dataDir = path.join(tmp, 'small');
    const loaded = await importFirstLoad([config.seedPath], defaultSeedOptions(config.rootDir), { dataDir, libDir: path.join(config.rootDir, '.neo4j', 'lib') });
    expect(loaded).toBeNull();
    expect(storeExists(dataDir)).toBe(false);
  });

  it('writes the same graph as the seeder from the curated seed, standings and former ids included', async () => {
    await compareBothWays('curated', [config.seedPath], defaultSeedOptions(config.rootDir));
  });

  it('writes the same graph as the seeder from a generated bench graph', async () => {
    const g = generate(400, path.join(tmp, 'generated'));
    const options: SeedOptions = { ...defaultSeedOptions(config.rootDir), schemaPath: path.join(config.rootDir, 'seed', 'schema.json'), seedRoot: g.dir };
    await compareBothWays('generated', [g.dir], options);
  });

  it('imports nothing from input with a problem, and leaves no store behind', async () => {
    const dir = path.join(tmp, 'bad');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ entities: [{ id: 'x', kind: 'COMPANY', name: 'X', relationshipsTo: 'nobody' }] }));
    const dataDir = path.join(tmp, 'refused');
    const loaded = await importFirstLoad([dir], defaultSeedOptions(config.rootDir), { dataDir, libDir: path.join(config.rootDir, '.neo4j', 'lib'), minElements: 0 });
    expect(loaded!.report.problems.length).toBeGreaterThan(0);
    expect(loaded!.finish).toBeUndefined();
    expect(storeExists(dataDir)).toBe(false);
  });
});
