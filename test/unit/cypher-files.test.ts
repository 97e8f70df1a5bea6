/** Cypher-file checks: every statement has a file, a header naming its parameters, and a use. */
import fs from 'node:fs';
import path from 'node:path';
import { includeFragments, loadCypher, loadFragments } from '../../src/db/cypher';
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
    const allowed = new Set([path.resolve(__dirname, '../../src/store/filters.ts')]);
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

  describe('the "valid on $asOf" predicate', () => {
    const fragments = loadFragments(dir);
    // Pinned as text: a change to what "valid on a date" means is made here, on purpose, once.
    const VALID_ON_AS_OF =
      '($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo >= date($asOf)) AND ' +
      '(r.isEffect IS NULL OR startNode(r).inForceFrom IS NULL OR any(i IN range(0, size(startNode(r).inForceFrom) - 1) ' +
      'WHERE startNode(r).inForceFrom[i] <= $asOf AND $asOf <= startNode(r).inForceTo[i]))))';

    it('is written once, in cypher/fragments/valid-on-as-of.cypher, and is exactly this text', () => {
      expect(fragments.get('valid-on-as-of')).toBe(VALID_ON_AS_OF);
      const raw = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
      for (const f of ['graph/subgraph.cypher', 'graph/path.cypher', 'relationship/of-entities.cypher']) {
        expect(raw(f)).not.toMatch(/inForceFrom\[i\]/);
        expect(raw(f)).toMatch(/\{\{valid-on-as-of\}\}/);
      }
    });

    it('is included into every statement that filters relationships by date: subgraph (5 times), path, of-entities', () => {
      const count = (name: string) => registry.get(name)!.text.split(VALID_ON_AS_OF).length - 1;
      expect([count('graph/subgraph'), count('graph/path'), count('relationship/of-entities')]).toEqual([5, 1, 1]);
      expect([...registry.values()].filter((s) => s.text.includes('{{'))).toEqual([]);
    });

    it('fails loading a statement that includes an unknown fragment, naming the file and the fragment', () => {
      expect(() => includeFragments('MATCH (n) WHERE {{no-such-fragment}} RETURN n', fragments, 'x/y.cypher')).toThrow(
        'x/y.cypher includes {{no-such-fragment}}, but there is no fragments/no-such-fragment.cypher',
      );
    });

    it('every fragment is used by some statement', () => {
      for (const [name] of fragments) {
        const users = [...registry.values()].filter((s) => fs.readFileSync(s.file, 'utf8').includes(`{{${name}}}`));
        expect(users.length).toBeGreaterThan(0);
      }
    });
  });
});
