/**
 * Seeds generated JSON through the project's own seeder (validation, reference and quote checks,
 * comparison, write) in a process of its own, so that its peak RSS is the seeder's alone.
 * Prints one JSON line: { ms, counts, problems, peakRssMb }.
 * Usage: seed-child.ts <bolt uri> <folder of seed JSON> [commitEvery: bulk mode, rows per transaction]
 *    or: seed-child.ts --import <data dir of a store not created yet> <folder of seed JSON> <heap> <page cache>
 *        (the first load through the import tool, src/seed/bulk-import.ts: imports, starts Neo4j on
 *        the store, applies the schema, finishes the load and stops Neo4j; also prints startMs, the
 *        JVM's start, which `ms` leaves out as it does for a Neo4j that already runs)
 */
import path from 'node:path';
import { loadConfig } from '../src/config';
import { applyDatabaseSchema, connect } from '../src/db/connect';
import { startEmbeddedNeo4j } from '../src/db/embedded';
import { importFirstLoad } from '../src/seed/bulk-import';
import { seedPaths } from '../src/seed/seeder';
import { formatProblem } from '../src/seed/validate';
import { freePort } from '../test/support/free-port';

/** The numbers every mode prints, from the process's own counters. */
function processFigures() {
  return {
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    // From the start of the process: reading and compiling the seeder's modules is part of a seed.
    cpuSeconds: +(Object.values(process.cpuUsage()).reduce((a, b) => a + b, 0) / 1e6).toFixed(1),
  };
}

/** `--import`: the first load through the import tool, timed phase by phase. */
async function importMode(dataDir: string, dir: string, heap: string, pageCache: string): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const libDir = path.join(config.rootDir, '.neo4j', 'lib');
  const options = {
    schemaPath: path.join(config.rootDir, 'seed', 'schema.json'),
    seedRoot: dir,
    maxProblems: 20,
    audit: { actor: 'bench', operation: 'seed', detail: 'summary' as const },
    timeoutMs: 0,
  };
  const started = performance.now();
  const loaded = await importFirstLoad([dir], options, { dataDir, libDir });
  if (!loaded) throw new Error('the generated seed cannot go through the import tool');
  const imported = performance.now();
  const statements: Record<string, { calls: number; ms: number }> = {};
  let startMs = 0;
  if (loaded.finish) {
    const neo = await startEmbeddedNeo4j({ port: await freePort(), dataDir, libDir, heap, pageCache, readyTimeoutMs: 600_000 });
    startMs = performance.now() - imported;
    try {
      const conn = await connect(loadConfig({ NEO4J_URI: neo.uri, NEO4J_PASSWORD_FILE: neo.passwordFile, LOG_LEVEL: 'silent', QUERY_TIMEOUT_MS: '600000' }), () => undefined);
      conn.db.onQuery((e) => {
        const s = (statements[e.name] ??= { calls: 0, ms: 0 });
        s.calls++;
        s.ms += e.ms;
      });
      try {
        // The schema's indexes are built over the imported graph here (it awaits them).
        await applyDatabaseSchema(conn.db);
        await loaded.finish(conn.db);
      } finally {
        await conn.close();
      }
    } finally {
      await neo.stop();
    }
  }
  const total = performance.now() - started - startMs;
  process.stdout.write(
    `${JSON.stringify({
      ms: total,
      msWithIndexes: total,
      importMs: imported - started,
      startMs,
      counts: loaded.report.counts,
      written: loaded.report.written,
      problems: loaded.report.problems.map(formatProblem),
      ...processFigures(),
      statements,
    })}\n`,
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === '--import') {
    const [dataDir, dir, heap, pageCache] = process.argv.slice(3);
    if (!dataDir || !dir || !heap || !pageCache) throw new Error('usage: seed-child.ts --import <data dir> <folder> <heap> <page cache>');
    return importMode(dataDir, dir, heap, pageCache);
  }
  const [uri, dir, commitEvery] = process.argv.slice(2);
  if (!uri || !dir) throw new Error('usage: seed-child.ts <bolt uri> <folder> [commit every N rows]');
  const { NEO4J_USER, NEO4J_PASSWORD, NEO4J_PASSWORD_FILE } = process.env;
  const config = loadConfig({ NEO4J_URI: uri, NEO4J_USER, NEO4J_PASSWORD, NEO4J_PASSWORD_FILE, LOG_LEVEL: 'silent', QUERY_TIMEOUT_MS: '600000' });
  const conn = await connect(config, () => undefined);
  try {
    await applyDatabaseSchema(conn.db);
    // Where the time goes, per statement: the breakdown the README reports.
    const statements: Record<string, { calls: number; ms: number }> = {};
    conn.db.onQuery((e) => {
      const s = (statements[e.name] ??= { calls: 0, ms: 0 });
      s.calls++;
      s.ms += e.ms;
    });
    const started = performance.now();
    const report = await seedPaths(conn.db, [dir], {
      schemaPath: path.join(config.rootDir, 'seed', 'schema.json'),
      seedRoot: dir,
      maxProblems: 20,
      audit: { actor: 'bench', operation: 'seed', detail: 'summary' },
      timeoutMs: 0,
      commitEvery: commitEvery ? Number(commitEvery) : undefined,
    });
    const ms = performance.now() - started;
    // Indexes are populated asynchronously: searching needs them online, and the wait is part of loading.
    await conn.db.write('schema/await-indexes');
    const total = performance.now() - started;
    process.stdout.write(
      `${JSON.stringify({
        ms,
        msWithIndexes: total,
        counts: report.counts,
        written: report.written,
        problems: report.problems.map(formatProblem),
        ...processFigures(),
        statements,
      })}\n`,
    );
  } finally {
    await conn.close();
  }
}

main().catch((err) => {
  process.stderr.write(`seed: ${(err as Error).stack}\n`);
  process.exit(1);
});
