/**
 * The seed areas run backwards, over the real Neo4j: the seed-format export (src/seed/export.ts)
 * gives seed/ back byte for byte, follows a curator's edits exactly, and seeds back into the same
 * graph; a backup restores into the same graph, and a bad backup changes nothing. The commands
 * (`npm run export`, `backup`, `restore`) are run as a user runs them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { exportSeedFiles, seedFileText } from '../../src/seed/export';
import { backupText, readBackup, restore, StoreNotEmpty } from '../../src/seed/backup';
import { manifestOf } from '../../src/seed/manifest';
import { defaultSeedOptions, seedParsed } from '../../src/seed/seeder';
import { formatProblem, SeedFile } from '../../src/seed/validate';
import { gql, graphDigest, reseed, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';
const bearer = { authorization: `Bearer ${CURATOR}` };

let t: TestServer;
let tmp: string;
beforeAll(async () => {
  // Deletes and whole-graph reads on a shared, loaded machine: more than the default 10 s budget.
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR}`, QUERY_TIMEOUT_MS: '60000' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frr-export-'));
});
afterAll(async () => {
  await reseed(t.conn.db, t.config);
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** seed/'s files (as the seeder reads the folder: by name), with their text. */
function seedFolder(): { file: string; text: string }[] {
  return fs
    .readdirSync(t.config.seedPath)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .sort()
    .map((file) => ({ file, text: fs.readFileSync(path.join(t.config.seedPath, file), 'utf8') }));
}

const parsed = (files: { file: string; text: string }[]): SeedFile[] => files.map((f) => ({ file: f.file, data: JSON.parse(f.text) }));

async function seedInto(files: SeedFile[]): Promise<void> {
  await t.conn.db.write('admin/wipe');
  const report = await seedParsed(t.conn.db, files, defaultSeedOptions(t.config.rootDir));
  if (report.problems.length > 0) throw new Error(report.problems.map(formatProblem).join('\n'));
}

/** Runs one of the package's commands (src/seed/backup.ts) against the test Neo4j. */
function command(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', path.join(t.config.rootDir, 'src/seed/backup.ts'), ...args],
      { cwd: t.config.rootDir, env: { ...process.env } },
      (e, out, err) => resolve({ code: (e as any)?.code ?? 0, out, err }),
    );
  });
}

describe('the seed-format export', () => {
  it('of a freshly seeded store reproduces seed/ byte for byte, file for file, in order', async () => {
    await reseed(t.conn.db, t.config);
    const exported = await exportSeedFiles(t.conn.db);
    expect(exported.map((f) => f.file)).toEqual(seedFolder().map((f) => f.file));
    for (const [i, f] of exported.entries()) expect({ file: f.file, text: f.text }).toEqual(seedFolder()[i]);
  });

  it('after a curator updates one entity and deletes another through GraphQL, differs from seed/ by exactly those edits', async () => {
    await reseed(t.conn.db, t.config);
    const seed = Object.fromEntries(seedFolder().map((f) => [f.file, JSON.parse(f.text)]));
    // A decision: what EntityInput cannot say (its date, its decision record) is kept from the store.
    const edit = seed['entities.json'].entities.find((e: any) => e.id === 'aat-decision-2023-aata-1069');
    const edited = await gql(
      t.url,
      'mutation E($input: EntityInput!) { upsertEntity(input: $input) { id } }',
      {
        input: {
          id: edit.id,
          kind: edit.kind,
          name: edit.name,
          aliases: edit.aliases,
          description: 'Edited by a curator.',
          sources: edit.sources.map((s: any) => ({ documentId: s.document, quote: s.quote, translation: s.translation })),
        },
      },
      bearer,
    );
    expect(edited.errors).toBeUndefined();
    const deleted = await gql(t.url, 'mutation D($id: ID!) { deleteEntity(id: $id) }', { id: 'vince-fernandez' }, bearer);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data).toEqual({ deleteEntity: true });

    // The same edits applied to seed/'s data by hand: the description, the entity and its one relationship.
    edit.description = 'Edited by a curator.';
    const entities = seed['entities.json'].entities.filter((e: any) => e.id !== 'vince-fernandez');
    const relationships = seed['relationships.json'].relationships.filter((r: any) => r.from !== 'vince-fernandez' && r.to !== 'vince-fernandez');
    expect(seed['relationships.json'].relationships.length - relationships.length).toBe(1);
    const expected = seedFolder().map(({ file, text }) =>
      file === 'entities.json' ? { file, text: seedFileText('entities', entities) } : file === 'relationships.json' ? { file, text: seedFileText('relationships', relationships) } : { file, text },
    );
    expect(await exportSeedFiles(t.conn.db)).toEqual(expected);
  });

  it('seeded into an empty store gives the same graph (digest of the data)', async () => {
    await reseed(t.conn.db, t.config);
    // A curator's edit first, so the export is not simply seed/ again.
    await gql(t.url, 'mutation D($id: ID!) { deleteEntity(id: $id) }', { id: 'vince-fernandez' }, bearer);
    const before = await graphDigest(t.conn.db, false);
    const exported = await exportSeedFiles(t.conn.db);
    await seedInto(parsed(exported));
    expect(await graphDigest(t.conn.db, false)).toEqual(before);
    expect(before.nodes).toBeGreaterThan(250);
  });
});

describe('backup and restore', () => {
  it('restores a backup into an empty store as the same graph', async () => {
    await reseed(t.conn.db, t.config);
    const before = await graphDigest(t.conn.db, false);
    const file = path.join(tmp, 'backup.json');
    fs.writeFileSync(file, await backupText(t.conn.db, t.config));
    await t.conn.db.write('admin/wipe');
    expect((await graphDigest(t.conn.db, false)).nodes).toBe(0);
    // An empty store is no graph to route readers to: the load balancer takes the replica out.
    const empty = await fetch(`${t.base}/readyz`);
    expect([empty.status, await empty.json()]).toEqual([503, { status: 'empty', database: 'up', reason: expect.stringMatching(/^the store holds no entity/) }]);
    const files = readBackup(file);
    if (typeof files === 'string') throw new Error(files);
    const report = await restore(t.conn.db, t.config, files);
    expect(report.problems).toEqual([]);
    expect(await graphDigest(t.conn.db, false)).toEqual(before);
    expect((await fetch(`${t.base}/readyz`)).status).toBe(200);
  });

  it('refuses a backup whose data is broken, naming the place, and leaves the store as it was', async () => {
    await reseed(t.conn.db, t.config);
    const backup = JSON.parse(await backupText(t.conn.db, t.config));
    const claims = backup.files.find((f: any) => f.file === 'claims.json');
    claims.text = claims.text.replace('"claimant": "sander-dekker"', '"claimant": "no-such-entity"');
    // Broken when written, so its manifest is consistent: the seeder's checks are what refuse it.
    backup.manifest = manifestOf(backup.files);
    const file = path.join(tmp, 'broken.json');
    fs.writeFileSync(file, JSON.stringify(backup));
    const before = await graphDigest(t.conn.db);
    const files = readBackup(file);
    if (typeof files === 'string') throw new Error(files);
    const report = await restore(t.conn.db, t.config, files, 'restore', { replace: true });
    expect(report.problems.map(formatProblem).join('\n')).toMatch(/broken\.json#claims\.json:\/claims\/\d+\/claimant: claimant "no-such-entity" is neither in the input nor in the database/);
    expect(report.written).toBe(false);
    expect(await graphDigest(t.conn.db)).toEqual(before);
    expect(readBackup(path.join(tmp, 'nothing-here.json'))).toMatch(/nothing-here\.json: not a readable JSON file/);
    fs.writeFileSync(path.join(tmp, 'other.json'), '{"format":"something else"}');
    expect(readBackup(path.join(tmp, 'other.json'))).toMatch(/other\.json:\/format: not a backup of this project/);
  });

  describe('a restore that cannot destroy by accident', () => {
    /** A backup of the curated graph, as an object to damage. */
    const backupObject = async () => JSON.parse(await backupText(t.conn.db, t.config));
    const write = (name: string, backup: unknown) => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, typeof backup === 'string' ? backup : JSON.stringify(backup));
      return file;
    };

    it('carries a manifest: the elements of each file and a digest of them', async () => {
      await reseed(t.conn.db, t.config);
      const backup = await backupObject();
      expect(backup.version).toBe(2);
      expect(backup.manifest.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      const [counts] = await t.conn.db.read('admin/counts');
      const m = backup.manifest.counts;
      expect(Object.keys(m).sort()).toEqual(['claims', 'documents', 'entities', 'merges', 'propositions', 'relationships']);
      expect([m.documents + m.entities, m.claims, m.propositions]).toEqual([counts!.entities, counts!.claims, counts!.propositions]);
    });

    it.each([
      ['a backup that holds nothing (the issue\'s probe)', () => ({ format: 'frr-graph seed backup', version: 1, createdAt: '2026-12-07T00:00:00Z', files: [] }), /:\/version: a version 1 backup has no manifest/],
      ['one without a manifest', (b: any) => ({ ...b, manifest: undefined }), /:\/manifest: missing or malformed/],
      ['one with no files', (b: any) => ({ ...b, files: [] }), /:\/files: incomplete, claims\.json, documents\.json, entities\.json, propositions\.json, relationships\.json missing/],
      ['one with a file missing', (b: any) => ({ ...b, files: b.files.filter((f: any) => f.file !== 'relationships.json') }), /:\/files: incomplete, relationships\.json missing/],
      [
        'one cut short (a claim fewer than its manifest says)',
        (b: any) => {
          const claims = b.files.find((f: any) => f.file === 'claims.json');
          const data = JSON.parse(claims.text);
          data.claims.pop();
          claims.text = `${JSON.stringify(data, null, 2)}\n`;
          return b;
        },
        /:\/manifest\/counts\/claims: says \d+, the file holds \d+: the backup is not the one its manifest describes/,
      ],
      [
        'one edited after it was written (same counts)',
        (b: any) => {
          const entities = b.files.find((f: any) => f.file === 'entities.json');
          entities.text = entities.text.replace('"Clearview AI"', '"Clearview AI (edited)"');
          return b;
        },
        /:\/manifest\/digest: the files do not match the digest/,
      ],
    ])('refuses %s before touching the store', async (_what, damage, why) => {
      await reseed(t.conn.db, t.config);
      const before = await graphDigest(t.conn.db);
      const file = write('damaged.json', damage(await backupObject()));
      expect(readBackup(file)).toMatch(why);
      // The command as a user runs it, once (each run starts a process).
      if (_what.includes('probe')) expect(await command(['restore', '--replace', file])).toMatchObject({ code: 1, err: expect.stringMatching(/nothing was changed\n$/) });
      expect(await graphDigest(t.conn.db)).toEqual(before);
    }, 120_000);

    it('refuses to restore over a store that holds data without --replace, leaving it byte for byte as it was', async () => {
      // A complete, consistent backup of an empty store: the store it would replace is not empty.
      await t.conn.db.write('admin/wipe');
      const empty = write('empty-store.json', await backupText(t.conn.db, t.config));
      await reseed(t.conn.db, t.config);
      const before = await graphDigest(t.conn.db);
      const files = readBackup(empty);
      if (typeof files === 'string') throw new Error(files);
      await expect(restore(t.conn.db, t.config, files)).rejects.toThrow(StoreNotEmpty);
      const refused = await command(['restore', empty]);
      expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/^restore: the store holds \d+ entities, \d+ relationships, \d+ claims, \d+ propositions; a restore would replace them all: pass --replace to do so; nothing was changed\n$/) });
      expect(await graphDigest(t.conn.db)).toEqual(before);
      expect(before.nodes).toBeGreaterThan(250);
    }, 120_000);

    it('restores over a store that holds data with --replace, as the graph backed up', async () => {
      await reseed(t.conn.db, t.config);
      const curated = await graphDigest(t.conn.db, false);
      const file = write('curated.json', await backupText(t.conn.db, t.config));
      await gql(t.url, 'mutation D($id: ID!) { deleteEntity(id: $id) }', { id: 'vince-fernandez' }, bearer);
      expect(await graphDigest(t.conn.db, false)).not.toEqual(curated);
      expect(await command(['restore', '--replace', file])).toMatchObject({ code: 0 });
      expect(await graphDigest(t.conn.db, false)).toEqual(curated);
    }, 120_000);
  });

  it('runs as npm run export, backup and restore: the export is seed/, the backup restores, usage errors exit 2', async () => {
    await reseed(t.conn.db, t.config);
    const before = await graphDigest(t.conn.db, false);
    const out = path.join(tmp, 'exported');
    const exported = await command(['export', '--out', out]);
    expect(exported).toMatchObject({ code: 0 });
    for (const { file, text } of seedFolder()) expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(text);
    const file = path.join(tmp, 'cli-backup.json');
    expect(await command(['backup', '--out', file])).toMatchObject({ code: 0, out: expect.stringMatching(/backup: wrote/) });
    await t.conn.db.write('admin/wipe');
    expect(await command(['restore', file])).toMatchObject({ code: 0, out: expect.stringMatching(/restore: the store now holds the 955 element\(s\)/) });
    expect(await graphDigest(t.conn.db, false)).toEqual(before);
    expect(await command(['backup'])).toMatchObject({ code: 2, err: expect.stringMatching(/usage: npm run backup -- --out FILE/) });
    expect(await command(['restore', path.join(tmp, 'nothing-here.json')])).toMatchObject({ code: 1, err: expect.stringMatching(/nothing was changed/) });
  }, 300_000);
});
