/**
 * The manifest of a backup: how many elements each of its files holds (the counts per area, the
 * entities area as its two files documents.json and entities.json) and a digest of the files,
 * which are the graph in seed form. A restore refuses a backup that is incomplete (a file
 * missing, one too many) or inconsistent with its manifest (a count or the digest differs: the
 * file was cut short or edited), before it touches the store.
 */
import crypto from 'node:crypto';
import type { SeedArea } from './areas/area';
import { AREA_LIST } from './areas';

/** What a backup says it holds. */
export interface Manifest {
  /** Elements per file, by section key (documents, entities, propositions, relationships, claims). */
  counts: Record<string, number>;
  /** `sha256:` and the hex SHA-256 of every file's name, length and text, in name order. */
  digest: string;
}

/** The files a complete backup holds: one per section of every seed area. */
const BACKUP_FILES: readonly string[] = (AREA_LIST as readonly SeedArea[]).flatMap((a) => a.sections.map((s) => `${s.key}.json`)).sort();

/** Files added after backups were first written: a backup from before holds none of them (and has none of their elements). */
const LATER_FILES: readonly string[] = ['merges.json'];

/** The digest of a backup's files (see {@link Manifest.digest}). */
function filesDigest(files: readonly { file: string; text: string }[]): string {
  const hash = crypto.createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) hash.update(`${f.file}\n${Buffer.byteLength(f.text)}\n${f.text}`);
  return `sha256:${hash.digest('hex')}`;
}

/** Elements in one file: the length of its section's array (-1 when it has none). */
function countOf(file: string, text: string): number {
  const key = file.replace(/\.json$/, '');
  try {
    const items = (JSON.parse(text) as Record<string, unknown>)[key];
    return Array.isArray(items) ? items.length : -1;
  } catch {
    return -1;
  }
}

/** The manifest of the files of a backup being written. */
export function manifestOf(files: readonly { file: string; text: string }[]): Manifest {
  return { counts: Object.fromEntries(files.map((f) => [f.file.replace(/\.json$/, ''), countOf(f.file, f.text)])), digest: filesDigest(files) };
}

/**
 * The first way `files` fail their manifest, as `<JSON pointer>: why`; null when the backup is
 * complete and consistent with it.
 */
export function manifestProblem(files: readonly { file: string; text: string }[], manifest: unknown): string | null {
  const m = manifest as Partial<Manifest> | undefined;
  if (!m || typeof m !== 'object' || typeof m.digest !== 'string' || !m.counts || typeof m.counts !== 'object') {
    return '/manifest: missing or malformed (it needs counts and digest)';
  }
  const names = files.map((f) => f.file);
  const missing = BACKUP_FILES.filter((f) => !names.includes(f) && !LATER_FILES.includes(f));
  if (missing.length > 0) return `/files: incomplete, ${missing.join(', ')} missing`;
  const extra = names.filter((n, i) => !BACKUP_FILES.includes(n) || names.indexOf(n) !== i);
  if (extra.length > 0) return `/files: ${extra.join(', ')} is not a file of a backup (or is there twice)`;
  const keys = BACKUP_FILES.map((f) => f.replace(/\.json$/, ''));
  const stray = Object.keys(m.counts).find((k) => !keys.includes(k));
  if (stray !== undefined) return `/manifest/counts/${stray}: no such file in a backup`;
  for (const f of files) {
    const key = f.file.replace(/\.json$/, '');
    const held = countOf(f.file, f.text);
    if (m.counts[key] !== held) return `/manifest/counts/${key}: says ${String(m.counts[key])}, the file holds ${held}: the backup is not the one its manifest describes`;
  }
  if (filesDigest(files) !== m.digest) return '/manifest/digest: the files do not match the digest: the backup was changed or cut short after it was written';
  return null;
}
