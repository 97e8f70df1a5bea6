/** Cypher-file checks: every statement has a file, a header naming its parameters, and a use. */
import fs from 'node:fs';
import path from 'node:path';
import { includeFragments, loadCypher, loadFragments, renameIn } from '../../src/db/cypher';
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
      for (const f of ['graph/subgraph.cypher', 'graph/path.cypher', 'fragments/relationships-found.cypher']) {
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

    it('every fragment is used by some statement, another fragment, or the planner\'s composer', () => {
      const texts = [
        ...[...registry.values()].map((s) => fs.readFileSync(s.file, 'utf8')),
        ...fs.readdirSync(path.join(dir, 'fragments')).map((f) => fs.readFileSync(path.join(dir, 'fragments', f), 'utf8').replace(/^\/\/.*$/gm, '')),
      ];
      const composer = fs.readFileSync(path.resolve(__dirname, '../../src/db/compose.ts'), 'utf8');
      for (const [name] of fragments) {
        const used = texts.some((t) => new RegExp(`\\{\\{${name}[ }]`).test(t)) || composer.includes(`'${name}'`);
        expect([name, used]).toEqual([name, true]);
      }
    });
  });

  describe('fragments that take their variable names', () => {
    const fragments = loadFragments(dir);
    const VALID = fragments.get('valid-on-as-of')!;

    it('renames a fragment\'s variables and parameters at the include, as whole words: {{valid-on-as-of r=r2 $asOf=spec.asOf}}', () => {
      const text = includeFragments('MATCH (o)-[r2]-(o2) WHERE {{valid-on-as-of r=r2 $asOf=spec.asOf}} RETURN r2', fragments, 'x/y.cypher');
      expect(text).toBe(`MATCH (o)-[r2]-(o2) WHERE ${VALID.replace(/\br\./g, 'r2.').replace(/\(r\)/g, '(r2)').replace(/\$asOf/g, 'spec.asOf')} RETURN r2`);
      expect(text).not.toMatch(/\$asOf|\br\./);
      // range( and inForceFrom[i] are not the variable r or i.
      expect(text).toContain('any(i IN range(0, size(startNode(r2).inForceFrom) - 1) WHERE startNode(r2).inForceFrom[i] <= spec.asOf');
    });

    it('leaves map keys, properties and longer names alone, and renames all names at once', () => {
      expect(renameIn('{k: [e, o], e: [r, o], o: 1} + x.e[0] + ee + o2', { e: 'o1', o: 'o2' }, 't')).toBe('{k: [o1, o2], e: [r, o2], o: 1} + x.e[0] + ee + o2');
      expect(renameIn('$page AS pg, $pages', { $page: '$levels[1].page' }, 't')).toBe('$levels[1].page AS pg, $pages');
    });

    it('refuses a rename the fragment does not use, naming the file, the fragment and the name', () => {
      expect(() => includeFragments('WHERE {{valid-on-as-of rel=r2}}', fragments, 'x/y.cypher')).toThrow("x/y.cypher's {{valid-on-as-of}} renames rel, which the fragment does not use");
      expect(() => renameIn('a', { 'a b': 'c' }, 't')).toThrow('not a variable or parameter name');
    });

    it('expands the fragments a fragment includes, so that a rename at the include reaches them', () => {
      const found = includeFragments('{{relationships-found e=o1 r=r2 o=o2 $asOf=$levels[1].asOf}}', fragments, 'x/y.cypher');
      expect(found).toContain('MATCH (o1)-[r2]-(o2:Entity)');
      expect(found).toContain('startNode(r2).inForceFrom[i] <= $levels[1].asOf');
      expect(found).toContain('collect({k: [type(r2), toLower(o2.name), o2.id, startNode(r2).id], e: [r2, o2], o: 1}) AS found');
      expect(found).not.toContain('{{');
    });
  });
});
