/**
 * Dead exports: every name a file of src/ exports is named by some other file (of src/, test/,
 * bench/ or codegen.ts). An export nobody imports is API nobody uses, and it hides dead code from
 * the compiler; a name only its own file needs is declared without `export`.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(rel));
    else if (/\.(ts|js)$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** Names of `export function|const|class|interface|type|enum|let` declarations in a text. */
function exportedNames(text: string): string[] {
  return [...text.matchAll(/^export\s+(?:async\s+)?(?:function|const|class|interface|type|enum|let)\s+([A-Za-z0-9_$]+)/gm)].map((m) => m[1]!);
}

/** "file name" for each export of a src/ file that no other file names (word match). */
function unusedExports(texts: Map<string, string>): string[] {
  const unused: string[] = [];
  for (const [file, text] of texts) {
    if (!file.startsWith('src/') || file.endsWith('generated.ts') || !file.endsWith('.ts')) continue;
    for (const name of exportedNames(text)) {
      const word = new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/\$/g, '\\$')}($|[^A-Za-z0-9_$])`);
      if (![...texts].some(([other, t]) => other !== file && word.test(t))) unused.push(`${file} ${name}`);
    }
  }
  return unused;
}

describe('exports', () => {
  const texts = new Map([...filesUnder('src'), ...filesUnder('test'), ...filesUnder('bench'), 'codegen.ts'].map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]));

  it('every export of src/ is named by another file', () => {
    expect(unusedExports(texts)).toEqual([]);
  });

  it('names a file and an export that nobody imports', () => {
    // Built, so that this file does not name it.
    const name = ['nobody', 'Names', 'This'].join('');
    const withDead = new Map(texts).set('src/dead.ts', `export const ${name} = 1;\n`);
    expect(unusedExports(withDead)).toEqual([`src/dead.ts ${name}`]);
  });
});
