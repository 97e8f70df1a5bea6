/**
 * Finds and parses seed files. Problems (not JSON, empty, too large) are reported at the file,
 * with line and column for a syntax error, and never stop the other files from being read: the
 * curator sees every problem of a run at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Problem, SeedFile } from './validate';

/** Files larger than this are refused: the whole input is held in memory to check references. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Expands files and folders into the list of seed files (a folder's *.json but schema.json). */
export function seedFiles(targets: string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const t of targets) {
    if (!fs.existsSync(t)) {
      problems.push({ file: t, pointer: '', message: 'no such file or folder' });
    } else if (fs.statSync(t).isDirectory()) {
      const found = fs
        .readdirSync(t)
        .filter((f) => f.endsWith('.json') && f !== 'schema.json')
        .sort()
        .map((f) => path.join(t, f));
      if (found.length === 0) problems.push({ file: t, pointer: '', message: 'folder holds no .json seed file' });
      files.push(...found);
    } else files.push(t);
  }
  return { files: [...new Set(files)], problems };
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

/** Reads and parses one file; a problem instead of data when it is not usable JSON. */
export function readSeedFile(file: string): { seed?: SeedFile; problem?: Problem } {
  const size = fs.statSync(file).size;
  if (size > MAX_FILE_BYTES) {
    return {
      problem: {
        file,
        pointer: '',
        message: `file is ${(size / 1048576).toFixed(1)} MiB, over the ${MAX_FILE_BYTES / 1048576} MiB limit: split it into several files`,
      },
    };
  }
  const text = fs.readFileSync(file, 'utf8');
  if (text.trim() === '') return { problem: { file, pointer: '', message: 'file is empty: a seed file is a JSON object' } };
  try {
    const data = JSON.parse(text.replace(/^\uFEFF/, ''));
    return { seed: { file, data } };
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? ` at ${lineColumn(text, Number(pos[1]))}` : '';
    return { problem: { file, pointer: '', message: `not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}` } };
  }
}

/** Expands and parses files and folders: the parsed files, and every problem found on the way. */
export function readSeedPaths(targets: string[]): { files: string[]; parsed: SeedFile[]; problems: Problem[] } {
  const { files, problems } = seedFiles(targets);
  const parsed: SeedFile[] = [];
  for (const f of files) {
    const { seed, problem } = readSeedFile(f);
    if (problem) problems.push(problem);
    if (seed) parsed.push(seed);
  }
  return { files, parsed, problems };
}
