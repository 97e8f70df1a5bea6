/**
 * Seeds generated JSON through the project's own seeder (validation, reference and quote checks,
 * comparison, write) in a process of its own, so that its peak RSS is the seeder's alone.
 * Prints one JSON line: { ms, counts, problems, peakRssMb }.
 * Usage: seed-child.ts <bolt uri> <folder of seed JSON> [commitEvery: bulk mode, rows per transaction]
 */
import path from 'node:path';
import { loadConfig } from '../src/config';
import { applyDatabaseSchema, connect } from '../src/db/connect';
import { seedPaths } from '../src/seed/seeder';
import { formatProblem } from '../src/seed/validate';

async function main(): Promise<void> {
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
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        // From the start of the process: reading and compiling the seeder's modules is part of a seed.
        cpuSeconds: +(Object.values(process.cpuUsage()).reduce((a, b) => a + b, 0) / 1e6).toFixed(1),
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
