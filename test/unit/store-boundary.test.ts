/**
 * The store (src/store/) alone knows statements on the read side: no file under src/graphql,
 * src/embed, src/export or src/http names one, imports StatementName, or runs a statement given
 * by a string (`db.read('…')`, `readComposed('…')`, `run('…')`). They call src/store/ with typed
 * arguments instead; the write side (src/seed/) keeps its statements.
 */
import fs from 'node:fs';
import path from 'node:path';
import { STATEMENTS } from '../../src/db/statements';

const SRC = path.resolve(__dirname, '../../src');
/** The folders above the store that must not name a statement. */
const ABOVE_THE_STORE = ['graphql', 'embed', 'export', 'http'];

const NAMES: ReadonlySet<string> = new Set(STATEMENTS);
const QUOTED = /(['"`])([a-z][a-z-]*\/[a-z0-9-]+)\1/g;
const STATEMENT_IMPORT = /\bStatementName\b|from\s+['"][./]*db\/statements['"]/;
const RUN_BY_STRING = /\b(read|readComposed|write|run)\(\s*['"`]/;

/** Every place in `text` (a file named `file`) that names a statement or runs one by a string, as "file:line: what". */
export function statementUses(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    for (const m of line.matchAll(QUOTED)) if (NAMES.has(m[2]!)) found.push(`${at}: names the statement ${m[2]}`);
    if (STATEMENT_IMPORT.test(line)) found.push(`${at}: imports the statement list (StatementName)`);
    if (RUN_BY_STRING.test(line)) found.push(`${at}: runs a statement by its name (${line.trim().slice(0, 80)})`);
  });
  return found;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return /\.(ts|js|mjs)$/.test(e.name) && !e.name.endsWith('generated.ts') ? [full] : [];
  });
}

describe('the store boundary', () => {
  it('no file under src/graphql, src/embed, src/export or src/http names a statement', () => {
    const found = ABOVE_THE_STORE.flatMap((folder) => filesUnder(path.join(SRC, folder))).flatMap((full) =>
      statementUses(path.relative(path.resolve(SRC, '..'), full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8')),
    );
    expect(found).toEqual([]);
  });

  it('names file and line of a statement named, imported or run by a string', () => {
    const text = [
      "import type { StatementName } from '../db/statements';",
      'const ok = 1;',
      "  const [row] = await ctx.db.read('entity/counts');",
      "  await run(`seed/lock`, { ids });",
    ].join('\n');
    expect(statementUses('src/graphql/x.ts', text)).toEqual([
      'src/graphql/x.ts:1: imports the statement list (StatementName)',
      'src/graphql/x.ts:3: names the statement entity/counts',
      "src/graphql/x.ts:3: runs a statement by its name (const [row] = await ctx.db.read('entity/counts');)",
      'src/graphql/x.ts:4: names the statement seed/lock',
      'src/graphql/x.ts:4: runs a statement by its name (await run(`seed/lock`, { ids });)',
    ]);
  });

  it('leaves a path or a media type alone', () => {
    expect(statementUses('src/export/x.ts', "res.type('application/zip'); fetch('/api/graph');")).toEqual([]);
  });
});
