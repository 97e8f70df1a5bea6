/**
 * Seeding against the real Neo4j: counts, idempotence, dry runs, and bad input that is reported
 * as <file>:<JSON pointer>: <problem> while the graph stays exactly as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import type { Config } from '../../src/config';
import type { Connection } from '../../src/db/connect';
import { defaultSeedOptions, seedPaths, SeedReport } from '../../src/seed/seeder';
import { changeLines } from '../../src/seed/cli';
import { formatProblem } from '../../src/seed/validate';
import { graphDigest, reseed, testConnection } from '../support/helpers';

const SEED_DIR = path.resolve(__dirname, '../../seed');

let config: Config;
let conn: Connection;
let tmp: string;
beforeAll(async () => {
  ({ config, conn } = await testConnection());
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
});
afterAll(async () => {
  await conn?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const run = (targets: string[], dryRun = false): Promise<SeedReport> =>
  seedPaths(conn.db, targets, { ...defaultSeedOptions(config.rootDir), dryRun });

function write(name: string, content: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const quoteSource = { document: 'article-cabinet-insists-police-never-used-clearview', quote: 'Sander Dekker' };

describe('npm run seed', () => {
  it('writes the curated dataset into an empty database and reports what it created', async () => {
    await conn.db.write('admin/wipe');
    const report = await run([config.seedPath]);
    expect(report.problems).toEqual([]);
    expect(report.written).toBe(true);
    expect(report.counts.entities.created).toBe(444);
    expect(report.counts.relationships.created).toBe(385);
    expect(report.counts.propositions.created).toBe(48);
    expect(report.counts.claims.created).toBe(78);
    const [counts] = await conn.db.read('admin/counts');
    expect(counts).toEqual({ entities: 444, relationships: 385, claims: 78, propositions: 48 });
  });

  it('changes nothing on a second run over the same input, and says so', async () => {
    const before = await graphDigest(conn.db);
    const report = await run([config.seedPath]);
    expect(report.written).toBe(false);
    expect(report.counts.entities).toEqual({ created: 0, updated: 0, unchanged: 444 });
    expect(report.counts.claims).toEqual({ created: 0, updated: 0, unchanged: 78 });
    expect(await graphDigest(conn.db)).toEqual(before);
  });

  it('reports an edit as one update, and a dry run writes nothing', async () => {
    const file = write('edit.json', {
      entities: [{ id: 'clearview-ai', kind: 'COMPANY', name: 'Clearview AI', aliases: ['Clearview'], sources: [quoteSource] }],
    });
    const before = await graphDigest(conn.db);
    const dry = await run([file], true);
    expect(dry.problems).toEqual([]);
    expect(dry.counts.entities).toEqual({ created: 0, updated: 1, unchanged: 0 });
    // The dry run lists what would change, with the changed fields (npm run seed -- --dry-run prints it).
    const [line, ...rest] = changeLines(dry.changes!);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^updated entities clearview-ai: (\w+, )*aliases, (\w+, )*sourceQuotes(, \w+)*$/);
    expect(line).not.toMatch(/\bname\b/);
    expect(await graphDigest(conn.db)).toEqual(before);
    const wet = await run([file]);
    expect(wet.written).toBe(true);
    expect(await graphDigest(conn.db)).not.toEqual(before);
    await reseed(conn.db, config);
  });

  const bad: [string, () => string, RegExp][] = [
    ['malformed JSON', () => write('malformed.json', '{"entities": [ {"id": "x", }'), /malformed\.json:\/: not valid JSON at line 1, column \d+/],
    ['a file that is not JSON', () => write('notes.json', 'Clearview AI was fined.'), /notes\.json:\/: not valid JSON/],
    ['an empty file', () => write('empty.json', ''), /empty\.json:\/: file is empty/],
    [
      'a schema violation',
      () => write('schema.bad.json', { entities: [{ id: 'Not A Slug', kind: 'COMPANY', name: 'X', sources: [quoteSource], colour: 'red' }] }),
      /^(?=[\s\S]*schema\.bad\.json:\/entities\/0\/id: must be a kebab-case id)(?=[\s\S]*schema\.bad\.json:\/entities\/0: unknown property "colour")/,
    ],
    [
      'an unknown reference',
      () => write('ref.json', { relationships: [{ from: 'clearview-ai', type: 'FOUNDED', to: 'no-such-entity', sources: [quoteSource] }] }),
      /ref\.json:\/relationships\/0\/to: entity "no-such-entity" is neither in the input nor in the database/,
    ],
    [
      'a duplicate id with conflicting content',
      () =>
        write('dup.json', {
          entities: [
            { id: 'new-thing', kind: 'COMPANY', name: 'One', sources: [quoteSource] },
            { id: 'new-thing', kind: 'COMPANY', name: 'Two', sources: [quoteSource] },
          ],
        }),
      /dup\.json:\/entities\/1: id "new-thing" is already defined differently at .*dup\.json:\/entities\/0/,
    ],
    [
      'a missing quote',
      () => write('noquote.json', { entities: [{ id: 'new-thing', kind: 'COMPANY', name: 'X', sources: [{ document: 'verified-facts-register' }] }] }),
      /noquote\.json:\/entities\/0\/sources\/0: missing required property "quote"/,
    ],
    [
      'a wrong date format',
      () => write('dates.json', { entities: [{ id: 'thing-a', kind: 'EVENT', name: 'A', date: '28/09/2021', sources: [quoteSource] }] }),
      /dates\.json:\/entities\/0\/date: must be a date written YYYY-MM-DD/,
    ],
    [
      'an impossible calendar date',
      () => write('day.json', { relationships: [{ from: 'sander-dekker', type: 'MEMBER_OF', to: 'vvd', validFrom: '2021-02-30', sources: [quoteSource] }] }),
      /day\.json:\/relationships\/0\/validFrom: "2021-02-30" is not a real calendar date/,
    ],
    [
      'a quote that is not in the document',
      () => write('misquote.json', { entities: [{ id: 'new-thing', kind: 'COMPANY', name: 'X', sources: [{ document: 'article-cabinet-insists-police-never-used-clearview', quote: 'Clearview was never fined' }] }] }),
      /misquote\.json:\/entities\/0\/sources\/0\/quote: quote is not verbatim/,
    ],
    [
      'a 100 MB file',
      () => {
        const file = path.join(tmp, 'huge.json');
        const fd = fs.openSync(file, 'w');
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        for (let i = 0; i < 100; i++) fs.writeSync(fd, chunk);
        fs.closeSync(fd);
        return file;
      },
      /huge\.json:\/: file is 100\.0 MiB, over the 64 MiB limit/,
    ],
  ];

  it.each(bad)('refuses %s, names the place, and leaves the graph as it was', async (_what, make, expected) => {
    const before = await graphDigest(conn.db);
    // A valid file beside the bad one proves that nothing at all is written.
    const good = write('good.json', { entities: [{ id: 'harmless-new-company', kind: 'COMPANY', name: 'Harmless', sources: [quoteSource] }] });
    const report = await run([good, make()]);
    expect(report.written).toBe(false);
    expect(report.problems.map(formatProblem).join('\n')).toMatch(expected);
    expect(await graphDigest(conn.db)).toEqual(before);
  });

  it('exits 1 listing problems, and 2 on a usage error, from the command line', async () => {
    const cli = (args: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) => {
        execFile(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', path.join(config.rootDir, 'src/seed/cli.ts'), ...args],
          { cwd: config.rootDir, env: { ...process.env } },
          (e, out, err) => resolve({ code: (e as any)?.code ?? 0, out, err }),
        );
      });
    const bad = await cli([path.join(tmp, 'ref.json')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/ref\.json:\/relationships\/0\/to: entity "no-such-entity"/);
    expect(bad.err).toMatch(/nothing was written/);
    const usage = await cli(['--frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/unknown option --frobnicate/);
    const dry = await cli(['--dry-run', path.join(tmp, 'edit.json'), path.join(tmp, 'good.json')]);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^seed: updated entities clearview-ai: .*aliases/m);
    expect(dry.out).toMatch(/^seed: created entities harmless-new-company$/m);
    expect(dry.out).toMatch(/^seed: removed: nothing/m);
    const again = await cli([]);
    expect(again.code).toBe(0);
    // Every element of the curated files, counted from the files themselves.
    const curated = fs
      .readdirSync(SEED_DIR)
      .filter((f) => f.endsWith('.json') && f !== 'schema.json')
      .map((f) => JSON.parse(fs.readFileSync(path.join(SEED_DIR, f), 'utf8')) as Record<string, unknown>)
      .reduce((n, data) => n + Object.values(data).filter(Array.isArray).reduce((m, list) => m + (list as unknown[]).length, 0), 0);
    expect(again.out).toContain(`nothing to change: all ${curated} element(s) unchanged`);

    // --check needs no database: it passes the curated data, and lists the problems of a bad file.
    const offline = { NEO4J_URI: 'bolt://127.0.0.1:1' };
    const cliOffline = (args: string[]) =>
      new Promise<{ code: number; err: string }>((resolve) => {
        execFile(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', path.join(config.rootDir, 'src/seed/cli.ts'), ...args],
          { cwd: config.rootDir, env: { ...process.env, ...offline } },
          (e, _out, err) => resolve({ code: (e as any)?.code ?? 0, err }),
        );
      });
    const clean = await cliOffline(['--check']);
    expect(clean).toEqual({ code: 0, err: expect.stringMatching(/seed --check: 6 file\(s\), 0 problem\(s\)/) });
    const cycle = write('cycle.json', {
      claims: ['a', 'b'].map((id, i) => ({
        id: `cycle-${id}`,
        text: 'A claim.',
        claimant: 'sander-dekker',
        subjects: ['clearview-ai'],
        proposition: 'dutch-police-used-clearview',
        polarity: 'AFFIRMS',
        kind: 'REPORT',
        basedOn: [`cycle-${i === 0 ? 'b' : 'a'}`],
        sources: [quoteSource],
      })),
    });
    const checked = await cliOffline(['--check', config.seedPath, cycle]);
    expect(checked.code).toBe(1);
    expect(checked.err).toContain(`${cycle}:/claims/0/basedOn: claims rest on each other in a cycle: cycle-a -> cycle-b -> cycle-a`);
  });

  it('stores the lines of evidence in bulk mode too', async () => {
    await conn.db.write('admin/wipe');
    const report = await seedPaths(conn.db, [config.seedPath], { ...defaultSeedOptions(config.rootDir), commitEvery: 100 });
    expect(report.problems).toEqual([]);
    // A corrected claim: the correction is stored in bulk mode too, and the claim counts no more.
    const [row] = await conn.db.read('claim/by-ids', { ids: ['dekker-no-real-time-facial-recognition-in-netherlands'] });
    expect(row!.claim).toMatchObject({ status: 'CORRECTED', support: 0, opposition: 1 });
    await reseed(conn.db, config);
  });

  /** The graph without the audit log, labels and property keys sorted: the order Neo4j lists them in follows the order of writing. */
  async function canonicalGraph(): Promise<{ nodes: unknown[]; rels: unknown[] }> {
    const [row] = await conn.db.read('admin/graph-digest', { withAudit: false });
    const sorted = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).sort(([a], [b]) => a.localeCompare(b)));
    return {
      nodes: row!.nodes.map(([labels, props]: [string[], Record<string, unknown>]) => [[...labels].sort(), sorted(props)]),
      rels: row!.rels.map(([from, type, to, props]: [string, string, string, Record<string, unknown>]) => [from, type, to, sorted(props)]),
    };
  }

  it('writes the same graph in bulk mode (created by label and type, pipelined, no comparison read on an empty store) as in one transaction', async () => {
    await conn.db.write('admin/wipe');
    const statements: string[] = [];
    const off = conn.db.onQuery((e) => statements.push(e.name));
    try {
      expect((await seedPaths(conn.db, [config.seedPath], { ...defaultSeedOptions(config.rootDir), commitEvery: 37 })).problems).toEqual([]);
    } finally {
      off();
    }
    const bulk = await canonicalGraph();
    // An empty store: nothing to compare with, so the comparison reads nothing; absent rows are created.
    expect(statements).not.toContain('entity/by-ids');
    expect(statements).not.toContain('relationship/by-keys');
    expect(statements).toContain('seed/create-entities');
    expect(statements).toContain('seed/create-relationships');
    expect(statements).not.toContain('seed/upsert-relationships');
    await conn.db.write('admin/wipe');
    expect((await seedPaths(conn.db, [config.seedPath], defaultSeedOptions(config.rootDir))).problems).toEqual([]);
    const oneTransaction = await canonicalGraph();
    expect(bulk.nodes.length).toBeGreaterThan(100);
    expect(bulk).toEqual(oneTransaction);
    await reseed(conn.db, config);
  });
});
