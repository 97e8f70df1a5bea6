/** Cypher-file checks: every statement has a file, a header naming its parameters, and a use. */
import fs from 'node:fs';
import path from 'node:path';
import { loadCypher } from '../../src/db/cypher';
import { STATEMENTS } from '../../src/db/statements';

const dir = path.resolve(__dirname, '../../cypher');
const registry = loadCypher(dir);

describe('cypher/ files', () => {
  it('has a file for every statement the server names, and names every file', () => {
    expect([...registry.keys()].sort()).toEqual([...STATEMENTS].sort());
  });

  it('fails start-up naming a statement that has no file', () => {
    expect(() => loadCypher(dir, [...STATEMENTS, 'entity/no-such-statement'])).toThrow(/entity\/no-such-statement\.cypher/);
  });

  it.each([...registry.values()].map((s) => [s.name, s]))('%s starts with a header naming itself and exactly its parameters', (_n, s) => {
    const first = s.text.split('\n')[0]!;
    expect(first).toMatch(new RegExp(`^// ${s.name} — `));
    expect(s.declaredParams).toEqual(s.usedParams);
    if (s.usedParams.length === 0) expect(s.text).toMatch(/^\/\/ No parameters\./m);
  });

  it('holds no Cypher in TypeScript: no source file runs a query string of its own', () => {
    // The one exception: the filter compiler, whose output test/unit/filters.test.ts pins as text.
    const allowed = new Set([path.resolve(__dirname, '../../src/db/filters.ts')]);
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else if (full.endsWith('.ts') && !full.endsWith('generated.ts') && !allowed.has(full)) {
          const text = fs.readFileSync(full, 'utf8');
          if (/\b(MATCH|MERGE|CREATE|UNWIND)\s*\(/.test(text) || /\.run\(\s*['"`]/.test(text)) offenders.push(full);
        }
      }
    };
    walk(path.resolve(__dirname, '../../src'));
    expect(offenders).toEqual([]);
  });
});
