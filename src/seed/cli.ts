/**
 * `npm run seed -- [--dry-run] [--reset] [--commit-every N] [files or folders]` (default: seed/). Exit codes: 0 done
 * (or nothing to change), 1 problems in the data or the database, 2 usage error.
 * `npm run seed -- --check [files or folders]` validates without a database: 0 clean, 1 problems.
 */
import os from 'node:os';
import path from 'node:path';
import { loadConfigOrExit } from '../config';
import { applyDatabaseSchema, connect } from '../db/connect';
import { AREAS, AuditChange, defaultSeedOptions, SeedReport, seedPaths } from './seeder';
import { checkPaths } from './check';
import { formatProblem } from './validate';
import { stable } from '../db/records';

const USAGE =
  'usage: npm run seed -- [--dry-run] [--reset] [--max-problems N] [--commit-every N] [file-or-folder ...]\n' +
  '       npm run seed -- --check [file-or-folder ...]   (no database)';

interface Args {
  dryRun: boolean;
  reset: boolean;
  /** Validate only, without a database. */
  check: boolean;
  maxProblems: number;
  /** Bulk mode: commit every N rows (see SeedOptions.commitEvery); unset: all or nothing. */
  commitEvery?: number;
  targets: string[];
}

/** Parses the command line; null with a message on a usage error. */
export function parseArgs(argv: string[]): Args | string {
  const args: Args = { dryRun: false, reset: false, check: false, maxProblems: 200, targets: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dry-run') args.dryRun = true;
    else if (a === '--reset') args.reset = true;
    else if (a === '--check') args.check = true;
    else if (a === '--max-problems' || a === '--commit-every') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) return `${a} needs a whole number above 0`;
      if (a === '--max-problems') args.maxProblems = n;
      else args.commitEvery = n;
    } else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else args.targets.push(a);
  }
  if (args.reset && args.dryRun) return '--reset and --dry-run do not go together';
  if (args.check && (args.reset || args.dryRun || args.commitEvery !== undefined)) return '--check goes with none of --reset, --dry-run, --commit-every';
  return args;
}

function progressBar(): (done: number, total: number) => void {
  if (!process.stderr.isTTY) {
    let last = 0;
    return (done, total) => {
      if (done === total || done - last >= 10_000) {
        process.stderr.write(`seed: wrote ${done}/${total}\n`);
        last = done;
      }
    };
  }
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\rseed: [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
  };
}

/** The summary lines of a run. */
export function summary(report: SeedReport, dryRun: boolean): string[] {
  const lines = AREAS.map((a) => {
    const c = report.counts[a];
    return `${a}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
  });
  const changed = AREAS.reduce((n, a) => n + report.counts[a].created + report.counts[a].updated, 0);
  const unchanged = AREAS.reduce((n, a) => n + report.counts[a].unchanged, 0);
  if (dryRun) lines.push(`dry run: ${changed} element(s) would change; nothing was written`);
  else if (changed === 0) lines.push(`nothing to change: all ${unchanged} element(s) unchanged`);
  else lines.push(`wrote ${changed} element(s); ${unchanged} unchanged`);
  return lines;
}

/**
 * What a dry run would change, one line per element: `created <area> <id>` or
 * `updated <area> <id>: <changed stored fields>`. A seed never removes anything (only --reset
 * empties the database, and it does not go with --dry-run).
 */
export function changeLines(changes: AuditChange[]): string[] {
  return changes.map((c) => {
    if (!c.before) return `created ${c.area} ${c.id}`;
    const before = c.before;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(c.after)])].sort();
    const changed = keys.filter((k) => stable(before[k] ?? null) !== stable(c.after[k] ?? null));
    return `updated ${c.area} ${c.id}: ${changed.join(', ')}`;
  });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${args === USAGE ? '' : USAGE + '\n'}`);
    return args === USAGE ? 0 : 2;
  }
  const config = loadConfigOrExit();
  const targets = args.targets.length > 0 ? args.targets : [config.seedPath];
  if (args.check) return check(args, targets, config.rootDir);
  const conn = await connect(config, (m) => process.stderr.write(`seed: ${m}\n`), true);
  try {
    await applyDatabaseSchema(conn.db);
    if (args.reset) await conn.db.write('admin/wipe');
    const started = Date.now();
    const report = await seedPaths(conn.db, targets, {
      ...defaultSeedOptions(config.rootDir, `seed:${os.userInfo().username}`),
      dryRun: args.dryRun,
      maxProblems: args.maxProblems,
      commitEvery: args.commitEvery,
      onProgress: progressBar(),
    });
    if (report.problems.length > 0) {
      for (const p of report.problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stderr.write(`seed: ${report.problems.length} problem(s)${report.problems.length >= args.maxProblems ? ' (list capped)' : ''}; nothing was written\n`);
      return 1;
    }
    if (args.dryRun) for (const line of [...changeLines(report.changes ?? []), 'removed: nothing (a seed only creates and updates)']) process.stdout.write(`seed: ${line}\n`);
    for (const line of summary(report, args.dryRun)) process.stdout.write(`seed: ${line}\n`);
    process.stdout.write(`seed: ${report.files.length} file(s) in ${Date.now() - started} ms\n`);
    return 0;
  } finally {
    await conn.close();
  }
}

/** The offline check: every problem on stderr; exit 1 on any. */
function check(args: Args, targets: string[], rootDir: string): number {
  const { files, problems, duplicates } = checkPaths(targets, path.join(rootDir, 'seed', 'schema.json'), path.join(rootDir, 'seed'));
  for (const p of problems.slice(0, args.maxProblems)) process.stderr.write(`${formatProblem(p)}\n`);
  // Warnings, not refusals: two entities may rightly share a name; a curator merges or leaves them.
  for (const d of duplicates) process.stderr.write(`warning: likely duplicates ${d.a} and ${d.b}: ${d.why}\n`);
  process.stderr.write(`seed --check: ${files.length} file(s), ${problems.length} problem(s)${problems.length > args.maxProblems ? ' (list capped)' : ''}${duplicates.length > 0 ? `, ${duplicates.length} likely duplicate(s)` : ''}\n`);
  return problems.length > 0 ? 1 : 0;
}

// Run as a command, not when a test imports parseArgs.
if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`seed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
