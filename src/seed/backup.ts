/**
 * Export, backup and restore: the seed areas run backwards. Online (the server may keep serving):
 * the export is read in one transaction and checked like `seed --check` before it is written, so a
 * file never holds a reference a concurrent delete left dangling.
 *
 *   npm run export -- --out DIR     the graph as seed files (seed/'s layout and format) in DIR
 *   npm run backup -- --out FILE    the same files in one JSON file
 *   npm run restore -- [--replace] FILE   restores a backup (like `seed --reset`), all or
 *                                   nothing: a refused backup leaves the store as it was; over a
 *                                   store that holds anything only with --replace
 *
 * A backup carries a manifest (elements per file, a digest of the files: src/seed/manifest.ts);
 * one that is incomplete or does not match its manifest is refused before the store is touched.
 *
 * Exit codes: 0 done, 1 problems (in the data, the file or the database), 2 usage error.
 * Held texts (seed/sources/) are not in the graph: they stay in the repository, and a restore
 * checks quotes against the project's seed/ folder as a seed does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config, loadConfigOrExit } from '../config';
import { applyDatabaseSchema, connect } from '../db/connect';
import type { Executor } from '../db/executor';
import { checkParsed } from './check';
import { exportSeedFiles } from './export';
import { defaultSeedOptions, seedParsed, SeedReport } from './seeder';
import { formatProblem, Problem, SeedFile } from './validate';
import { Manifest, manifestOf, manifestProblem } from './manifest';

/** What a backup file says it is. */
const BACKUP_FORMAT = 'frr-graph seed backup';
/** The version of the backup format this code reads and writes (1 had no manifest). */
const BACKUP_VERSION = 2;

/** A backup file: the seed files of an export, each with its exact text, and their manifest. */
interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  manifest: Manifest;
  files: { file: string; text: string }[];
}

/** How often an online export is read again when a concurrent write made it inconsistent. */
const EXPORT_ATTEMPTS = 3;

/**
 * The seed files of the store, checked as `seed --check` checks seed/ (schema, references,
 * quotes): Neo4j reads at read-committed, so a write between the export's statements could leave
 * a claim naming a deleted entity; such an export is read again, up to EXPORT_ATTEMPTS times.
 */
async function consistentExport(db: Executor, config: Config): Promise<{ file: string; text: string }[]> {
  const { schemaPath, seedRoot } = defaultSeedOptions(config.rootDir);
  let problems: Problem[] = [];
  for (let attempt = 1; attempt <= EXPORT_ATTEMPTS; attempt++) {
    const files = await exportSeedFiles(db);
    problems = checkParsed(files.map((f) => ({ file: f.file, data: JSON.parse(f.text) })), schemaPath, seedRoot);
    if (problems.length === 0) return files;
  }
  throw new Error(`the export does not pass seed --check (${problems.length} problem(s)), first: ${formatProblem(problems[0]!)}`);
}

/** A backup of the store, as the text of its file. */
export async function backupText(db: Executor, config: Config): Promise<string> {
  const files = await consistentExport(db, config);
  const backup: Backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), manifest: manifestOf(files), files };
  return `${JSON.stringify(backup, null, 2)}\n`;
}

/** Reads a backup file; a message naming the file and what is wrong instead of the files. */
export function readBackup(file: string): SeedFile[] | string {
  let backup: Partial<Backup>;
  try {
    backup = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Backup>;
  } catch (err) {
    return `${file}: not a readable JSON file: ${(err as Error).message}`;
  }
  if (backup?.format !== BACKUP_FORMAT) return `${file}:/format: not a backup of this project (expected "${BACKUP_FORMAT}")`;
  if ((backup.version as number | undefined) === 1) return `${file}:/version: a version 1 backup has no manifest, so nothing shows it is whole; unpack its files into a folder and seed them with npm run seed -- --reset DIR`;
  if (backup.version !== BACKUP_VERSION) return `${file}:/version: version ${String(backup.version)} is not ${BACKUP_VERSION}, the one this code reads`;
  if (!Array.isArray(backup.files) || backup.files.some((f) => typeof f?.file !== 'string' || typeof f?.text !== 'string')) return `${file}:/files: missing, or an item without file and text`;
  const inconsistent = manifestProblem(backup.files, backup.manifest);
  if (inconsistent !== null) return `${file}:${inconsistent}`;
  const parsed: SeedFile[] = [];
  for (const [i, f] of backup.files.entries()) {
    try {
      parsed.push({ file: `${file}#${f.file}`, data: JSON.parse(f.text) });
    } catch (err) {
      return `${file}:/files/${i}/text: not JSON: ${(err as Error).message}`;
    }
  }
  return parsed;
}

/** Thrown when a restore would replace a store that holds data and was not told to. */
export class StoreNotEmpty extends Error {
  override name = 'StoreNotEmpty';
}

/**
 * Replaces what is stored by the backup's files, in one transaction (see SeedOptions.replace).
 * @param options.replace needed when the store holds anything: a restore never empties a store by accident.
 * @throws StoreNotEmpty when the store holds data and `replace` is not set (nothing is changed).
 */
export async function restore(db: Executor, config: Config, files: SeedFile[], actor = 'restore', options: { replace?: boolean } = {}): Promise<SeedReport> {
  if (!options.replace) {
    const [held] = await db.read('admin/counts');
    const total = Object.values(held!).reduce((n: number, c) => n + Number(c), 0);
    if (total > 0) {
      throw new StoreNotEmpty(`the store holds ${Object.entries(held!).map(([k, v]) => `${v} ${k}`).join(', ')}; a restore would replace them all: pass --replace to do so`);
    }
  }
  return seedParsed(db, files, { ...defaultSeedOptions(config.rootDir, actor), audit: { actor, operation: 'restore', detail: 'summary' }, replace: true });
}

function usage(command: string): string {
  return command === 'restore' ? 'usage: npm run restore -- [--replace] FILE' : `usage: npm run ${command} -- --out ${command === 'export' ? 'DIR' : 'FILE'}`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'export' && command !== 'backup' && command !== 'restore') {
    process.stderr.write('usage: backup.ts export|backup|restore …\n');
    return 2;
  }
  const replace = command === 'restore' && rest[0] === '--replace';
  if (replace) rest.shift();
  const target = command === 'restore' ? (rest.length === 1 && !rest[0]!.startsWith('-') ? rest[0] : undefined) : rest.length === 2 && rest[0] === '--out' ? rest[1] : undefined;
  if (!target) {
    process.stderr.write(`${usage(command)}\n`);
    return 2;
  }
  const config = loadConfigOrExit();
  let files: SeedFile[] = [];
  if (command === 'restore') {
    const read = readBackup(target);
    if (typeof read === 'string') {
      process.stderr.write(`restore: ${read}; nothing was changed\n`);
      return 1;
    }
    files = read;
  }
  const conn = await connect(config, (m) => process.stderr.write(`${command}: ${m}\n`), true);
  try {
    await applyDatabaseSchema(conn.db);
    if (command === 'export') {
      const exported = await consistentExport(conn.db, config);
      fs.mkdirSync(target, { recursive: true });
      for (const f of exported) fs.writeFileSync(path.join(target, f.file), f.text);
      process.stdout.write(`export: wrote ${exported.map((f) => f.file).join(', ')} to ${target}\n`);
    } else if (command === 'backup') {
      // Written beside the target and renamed: a failed backup never leaves half a file.
      const partial = `${target}.partial`;
      fs.writeFileSync(partial, await backupText(conn.db, config));
      fs.renameSync(partial, target);
      process.stdout.write(`backup: wrote ${target}\n`);
    } else {
      let report: SeedReport;
      try {
        report = await restore(conn.db, config, files, `restore:${os.userInfo().username}`, { replace });
      } catch (err) {
        if (!(err instanceof StoreNotEmpty)) throw err;
        process.stderr.write(`restore: ${err.message}; nothing was changed\n`);
        return 1;
      }
      if (report.problems.length > 0) {
        for (const p of report.problems) process.stderr.write(`${formatProblem(p)}\n`);
        process.stderr.write(`restore: ${report.problems.length} problem(s); nothing was changed\n`);
        return 1;
      }
      const total = Object.values(report.counts).reduce((n, c) => n + c.created + c.updated + c.unchanged, 0);
      process.stdout.write(`restore: the store now holds the ${total} element(s) of ${target}\n`);
    }
    return 0;
  } finally {
    await conn.close();
  }
}

// Run as a command, not when a test imports it.
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${process.argv[2] ?? 'backup'}: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
