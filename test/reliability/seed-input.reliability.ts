/**
 * A bad-input corpus for the seeder, beyond the cases of test/integration/seed.int.test.ts: each input is
 * refused with a located problem (`<file>:<JSON pointer>: ...`), through seedPaths and through
 * `npm run seed`, and the graph stays exactly as it was. Injection-looking strings in a valid
 * seed are stored as data and returned verbatim over GraphQL, and change nothing else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import type { Config } from '../../src/config';
import type { Connection } from '../../src/db/connect';
import { defaultSeedOptions, seedPaths } from '../../src/seed/seeder';
import { formatProblem } from '../../src/seed/validate';
import { gql, graphDigest, reseed, startTestServer, testConnection } from '../support/helpers';
import { INJECTION_STRINGS } from '../support/corpus';
import { recordFigures } from '../support/server-process';

let config: Config;
let conn: Connection;
let tmp: string;
const figures = { badSeedInputs: 0, viaCli: 0, injectionStringsStored: 0 };

beforeAll(async () => {
  ({ config, conn } = await testConnection());
  await reseed(conn.db, config);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-corpus-'));
});

afterAll(async () => {
  recordFigures('seedInput', figures);
  await conn?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const source = { document: 'article-cabinet-insists-police-never-used-clearview', quote: 'Sander Dekker' };
const entity = (extra: Record<string, unknown>) => ({ id: 'corpus-entity', kind: 'COMPANY', name: 'Corpus', sources: [source], ...extra });
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** [what, file name, content (JSON text when a string), the problem expected after `<file>:`]. */
const CORPUS: [string, string, string | object, RegExp][] = [
  ['JSON cut off inside a string', 'cut.json', '{"entities": [{"id": "x", "name": "unterminat', /^:\/: not valid JSON at line 1, column \d+/],
  ['text after the JSON value', 'trailing.json', '{"entities": []} {"entities": []}', /^:\/: not valid JSON at line 1, column \d+/],
  ['a comment in JSON', 'comment.json', '{\n  // curated by hand\n  "entities": []\n}', /^:\/: not valid JSON at line 2, column \d+/],
  ['NaN as a number', 'nan.json', '{"relationships": [{"from": "a", "to": "b", "type": "USES", "properties": {"n": NaN}}]}', /^:\/: not valid JSON/],
  ['a top-level array', 'array.json', [entity({})], /^:\/: must be object/],
  ['a top-level null', 'null.json', 'null', /^:\/: must be object/],
  ['a top-level string', 'string.json', '"entities"', /^:\/: must be object/],
  ['an empty object', 'empty-object.json', {}, /^:\/: must NOT have fewer than 1 properties/],
  ['a 10 MB name', 'huge-name.json', { entities: [entity({ name: 'N'.repeat(10 * 1024 * 1024) })] }, /^:\/entities\/0\/name: must NOT have more than 300 characters/],
  ['10,000 aliases', 'many-aliases.json', { entities: [entity({ aliases: Array.from({ length: 10_000 }, (_, i) => `alias ${i}`) })] }, /^:\/entities\/0\/aliases: must NOT have more than 50 items/],
  ['a 2,000-character id', 'long-id.json', { entities: [entity({ id: 'a'.repeat(2_000) })] }, /^:\/entities\/0\/id: must NOT have more than 120 characters/],
  ['100,000 levels of nested arrays', 'deep.json', `{"entities": ${nested(100_000)}}`, /^:\/entities\/0: must be object/],
  ['nested objects in free-form properties', 'deep-props.json', `{"relationships": [{"from": "clearview-ai", "to": "cnil", "type": "USES", "sources": [${JSON.stringify(source)}], "properties": {"x": ${nested(10_000)}}}]}`, /^:\/relationships\/0\/properties\/x: must be string,number,boolean/],
  ['a number as id', 'number-id.json', { entities: [entity({ id: 42 })] }, /^:\/entities\/0\/id: must be string/],
  ['a list as name', 'list-name.json', { entities: [entity({ name: ['Clearview', 'AI'] })] }, /^:\/entities\/0\/name: must be string/],
  ['a string as aliases', 'string-aliases.json', { entities: [entity({ aliases: 'Clearview' })] }, /^:\/entities\/0\/aliases: must be array/],
  ['an object as sources', 'object-sources.json', { entities: [entity({ sources: source })] }, /^:\/entities\/0\/sources: must be array/],
  ['a number as date', 'number-date.json', { entities: [entity({ kind: 'EVENT', date: 20210928 })] }, /^:\/entities\/0\/date: must be string/],
  ['an unknown kind', 'kind.json', { entities: [entity({ kind: 'SPACESHIP' })] }, /^:\/entities\/0\/kind: must be one of /],
  ['an unknown relationship type', 'rel-type.json', { relationships: [{ from: 'clearview-ai', to: 'cnil', type: 'owns', sources: [source] }] }, /^:\/relationships\/0\/type: must be one of /],
  ['a polarity that is neither', 'polarity.json', { claims: [{ id: 'c', text: 'T', claimant: 'cnil', subjects: ['clearview-ai'], proposition: 'p', polarity: 'MAYBE', sources: [source] }] }, /^:\/claims\/0\/polarity: must be one of /],
  ['a Cypher injection as id', 'inject-id.json', { entities: [entity({ id: "'}) DETACH DELETE n //" })] }, /^:\/entities\/0\/id: must be a kebab-case id/],
  ['a Cypher injection as relationship type', 'inject-type.json', { relationships: [{ from: 'clearview-ai', to: 'cnil', type: 'USES]->() DETACH DELETE n //', sources: [source] }] }, /^:\/relationships\/0\/type: must be one of /],
  ['a __proto__ key', 'proto.json', '{"entities": [{"__proto__": {"polluted": true}, "id": "proto", "kind": "COMPANY", "name": "P", "sources": []}]}', /^:\/entities\/0: unknown property "__proto__"/],
];

function write(name: string, content: string | object): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The problem lines of `report` that are located in `file`, without the file name. */
const linesOf = (lines: string[], file: string) => lines.filter((l) => l.startsWith(`${file}:`)).map((l) => l.slice(file.length));

describe('seed input that must be refused', () => {
  it.each(CORPUS)('refuses %s with a located problem, and writes nothing', async (_what, name, content, expected) => {
    const before = await graphDigest(conn.db);
    // A valid file beside the bad one proves that nothing at all is written.
    const good = write('good.json', { entities: [{ id: 'harmless-new-company', kind: 'COMPANY', name: 'Harmless', sources: [source] }] });
    const file = write(name, content);
    const report = await seedPaths(conn.db, [good, file], defaultSeedOptions(config.rootDir));
    expect(report.written).toBe(false);
    const lines = report.problems.map(formatProblem);
    expect(linesOf(lines, file)).toContainEqual(expect.stringMatching(expected));
    expect(await graphDigest(conn.db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    figures.badSeedInputs++;
  });

  it('refuses the whole corpus at once from the command line: exit 1, each file located, nothing written', async () => {
    const before = await graphDigest(conn.db);
    const files = CORPUS.map(([, name, content]) => write(name, content));
    const cli = await new Promise<{ code: number; err: string }>((resolve) => {
      execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', path.join(config.rootDir, 'src/seed/cli.ts'), ...files],
        { cwd: config.rootDir, env: { ...process.env }, maxBuffer: 64 * 1024 * 1024 },
        (e, _out, err) => resolve({ code: (e as any)?.code ?? 0, err }),
      );
    });
    expect(cli.code).toBe(1);
    const lines = cli.err.split('\n');
    for (const [i, [, , , expected]] of CORPUS.entries()) expect(linesOf(lines, files[i]!)).toContainEqual(expect.stringMatching(expected));
    expect(cli.err).toMatch(/nothing was written/);
    expect(await graphDigest(conn.db)).toEqual(before);
    figures.viaCli = files.length;
  });
});

describe('injection-looking strings in a valid seed', () => {
  it('stores them as data and returns them verbatim over GraphQL, changing nothing else', async () => {
    const [countsBefore] = await conn.db.read('admin/counts');
    // No alias: an alias must be a name a held text states (issue 24); http-input checks its refusal.
    const entities = INJECTION_STRINGS.map((s, i) => ({ id: `seed-injection-${i}`, kind: 'COMPANY', name: s, description: s, sources: [source] }));
    const report = await seedPaths(conn.db, [write('injection.json', { entities })], defaultSeedOptions(config.rootDir));
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.counts.entities.created).toBe(INJECTION_STRINGS.length);

    const [countsAfter] = await conn.db.read('admin/counts');
    expect(countsAfter).toEqual({ ...countsBefore, entities: countsBefore!.entities + INJECTION_STRINGS.length });
    const server = await startTestServer({}, false);
    try {
      for (const [i, s] of INJECTION_STRINGS.entries()) {
        const res = await gql(server.url, 'query($id: ID!) { entity(id: $id) { name aliases description } }', { id: `seed-injection-${i}` });
        expect(res.data).toEqual({ entity: { name: s, aliases: [], description: s } });
      }
    } finally {
      await server.close();
    }
    figures.injectionStringsStored = INJECTION_STRINGS.length;
    await reseed(conn.db, config);
  });
});
