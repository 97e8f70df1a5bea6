/**
 * Issue 27 item 3 over real HTTP and the real Neo4j: mergeEntities moves what names the merged
 * entity to the one that stays, in one transaction, re-scores, audits, and keeps the old id
 * answering (entity, node, /entities redirect, JSON-LD sameAs, the seed-layout export); refusals
 * name the argument or the claimant and proposition and leave the graph exactly as it was. Seed
 * files declare merges too ({from, into, reason}), validated and applied by the seeder.
 */
import { exportSeedFiles } from '../../src/seed/export';
import { defaultSeedOptions, seedParsed } from '../../src/seed/seeder';
import { formatProblem, SeedFile } from '../../src/seed/validate';
import { gql, graphDigest, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdef';
const curator = { authorization: `Bearer ${CURATOR}` };
const MERGE = 'mutation ($from: ID!, $into: ID!, $reason: String!) { mergeEntities(from: $from, into: $into, reason: $reason) { id name formerIds identifiers { value } labels { language name } } }';
const base = [{ document: 'mrg-base', quote: 'a quote of five words or more' }];
const HELD = 'sources/register-eu-enforcement.md';

const fixture: SeedFile['data'] = {
  documents: [
    ...['mrg-base', 'mrg-report-a', 'mrg-report-b'].map((id) => ({ id, name: `Document ${id}`, primary: false, reliability: 'LOW', url: `https://example.org/${id}`, sources: [] })),
    // Two documents held as sections of one register (its texts are curated ones).
    ...[
      ['mrg-held-a', 'ai-regulation-joint-opinion'],
      ['mrg-held-b', 'aiopenmind-garante-trento'],
    ].map(([id, textSection]) => ({ id, name: `Document ${id}`, primary: false, reliability: 'LOW', textFile: HELD, textSection, sources: [] })),
  ] as any,
  entities: [
    { id: 'mrg-jane', kind: 'PERSON', name: 'Jane Doe', sources: base },
    {
      id: 'mrg-j-doe',
      kind: 'PERSON',
      name: 'J. Doe',
      sources: [{ document: 'mrg-report-a', quote: 'J. Doe, register JD-42' }],
      identifiers: [{ scheme: 'OTHER', value: 'JD-42', sources: [{ document: 'mrg-report-a', quote: 'J. Doe, register JD-42' }] }],
      labels: [{ language: 'nl', name: 'J. Doe', sources: [{ document: 'mrg-report-a', quote: 'J. Doe, register JD-42' }] }],
    },
    { id: 'mrg-party', kind: 'POLITICAL_PARTY', name: 'A party', sources: base },
    { id: 'mrg-org', kind: 'COMPANY', name: 'Org', sources: base },
    { id: 'mrg-org-dup', kind: 'COMPANY', name: 'Org B.V.', sources: base },
    { id: 'mrg-bob', kind: 'PERSON', name: 'Bob', sources: base },
    { id: 'mrg-x1', kind: 'PERSON', name: 'X', sources: base },
    { id: 'mrg-x2', kind: 'PERSON', name: 'X.', sources: base },
  ],
  relationships: [
    { from: 'mrg-j-doe', type: 'MEMBER_OF', to: 'mrg-party', sources: base },
    { from: 'mrg-org-dup', type: 'LOCATED_IN', to: 'the-netherlands', sources: base },
  ],
  propositions: [
    { id: 'mrg-p-said', text: 'Org did something.' },
    { id: 'mrg-p-both', text: 'X holds.' },
    { id: 'mrg-p-lines', text: 'Org did something else.' },
  ],
  claims: [
    { id: 'mrg-c-doe', text: 'J. Doe says Org did it.', claimant: 'mrg-j-doe', subjects: ['mrg-org'], proposition: 'mrg-p-said', polarity: 'AFFIRMS', sources: base },
    { id: 'mrg-c-x1', text: 'X says yes.', claimant: 'mrg-x1', subjects: ['mrg-org'], proposition: 'mrg-p-both', polarity: 'AFFIRMS', sources: base },
    { id: 'mrg-c-x2', text: 'X. says no.', claimant: 'mrg-x2', subjects: ['mrg-org'], proposition: 'mrg-p-both', polarity: 'DENIES', sources: base },
    // Two reports resting on two documents: two lines, until the documents turn out to be one.
    { id: 'mrg-c-a', text: 'Bob reports it.', kind: 'REPORT', basedOnDocuments: ['mrg-report-a'], claimant: 'mrg-bob', subjects: ['mrg-org'], proposition: 'mrg-p-lines', polarity: 'AFFIRMS', sources: base },
    { id: 'mrg-c-held', text: 'Bob says so, as a held text quotes.', claimant: 'mrg-bob', subjects: ['mrg-org'], proposition: 'mrg-p-said', polarity: 'AFFIRMS', sources: [{ document: 'mrg-held-b', quote: 'Il Comune è ora obbligato a pagare una sanzione di 50.000 euro' }] },
    { id: 'mrg-c-b', text: 'Jane reports it.', kind: 'REPORT', basedOnDocuments: ['mrg-report-b'], claimant: 'mrg-jane', subjects: ['mrg-org'], proposition: 'mrg-p-lines', polarity: 'AFFIRMS', sources: base },
  ],
};

let t: TestServer;
let since: string;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR},rita:reader:${READER}`, QUERY_TIMEOUT_MS: '60000' });
  const report = await seedParsed(t.conn.db, [{ file: 'fixture', data: fixture }], defaultSeedOptions(t.config.rootDir));
  if (report.problems.length > 0) throw new Error(report.problems.map(formatProblem).join('\n'));
  since = new Date().toISOString();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const merge = (from: string, into: string, headers: Record<string, string> = curator, reason = 'the same person') => gql(t.url, MERGE, { from, into, reason }, headers);

describe('mergeEntities refuses, naming why, and changes nothing', () => {
  it('needs a curator token', async () => {
    const before = await graphDigest(t.conn.db);
    expect((await merge('mrg-j-doe', 'mrg-jane', {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await merge('mrg-j-doe', 'mrg-jane', { authorization: `Bearer ${READER}` })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });

  it.each([
    ['into itself', 'mrg-jane', 'mrg-jane', 'into', /into: is "mrg-jane" itself/],
    ['into a missing id', 'mrg-j-doe', 'mrg-nobody', 'into', /into: no entity has id "mrg-nobody"/],
    ['a missing id', 'mrg-nobody', 'mrg-jane', 'from', /from: no entity has id "mrg-nobody"/],
    ['into another kind', 'mrg-org', 'mrg-jane', 'into', /"mrg-org" is a COMPANY and "mrg-jane" a PERSON/],
  ])('%s: BAD_USER_INPUT naming the argument', async (_what, from, into, argument, message) => {
    const before = await graphDigest(t.conn.db);
    const res = await merge(from, into);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });

  it('a claimant on both sides of one proposition: CONFLICT naming the claimant, the proposition and the claims', async () => {
    const before = await graphDigest(t.conn.db);
    const res = await merge('mrg-x2', 'mrg-x1');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', claimant: 'mrg-x1', proposition: 'mrg-p-both', claims: ['mrg-c-x2', 'mrg-c-x1'] });
    expect(res.errors?.[0]?.message).toContain('two claims of claimant "mrg-x1" (X) on both sides of proposition "mrg-p-both"');
    expect(await graphDigest(t.conn.db)).toEqual(before);
    expect((await gql(t.url, '{ entity(id: "mrg-x2") { id } }')).data.entity.id).toBe('mrg-x2');
  });
});

describe('a merge', () => {
  let merged: any;
  beforeAll(async () => {
    const res = await merge('mrg-j-doe', 'mrg-jane');
    expect(res.errors).toBeUndefined();
    merged = res.data.mergeEntities;
  }, 120_000);

  it('answers the entity that stays, with the former id, identifiers and labels of the other', () => {
    expect(merged).toEqual({
      id: 'mrg-jane',
      name: 'Jane Doe',
      formerIds: ['mrg-j-doe'],
      identifiers: [{ value: 'JD-42' }],
      labels: [{ language: 'nl', name: 'J. Doe' }],
    });
  });

  it('moves the relationship and the claim', async () => {
    const res = await gql(
      t.url,
      `{ entity(id: "mrg-jane") { relationships(types: ["MEMBER_OF"]) { edges { node { id from { id } to { id } sources { quote } } } } }
         claim(id: "mrg-c-doe") { claimant { id } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.entity.relationships.edges.map((e: any) => e.node)).toEqual([
      { id: 'mrg-jane:MEMBER_OF:mrg-party', from: { id: 'mrg-jane' }, to: { id: 'mrg-party' }, sources: [{ quote: base[0]!.quote }] },
    ]);
    expect(res.data.claim.claimant.id).toBe('mrg-jane');
  });

  it('entity(id:) and node(id:) answer the former id with the merged entity', async () => {
    const res = await gql(t.url, '{ entity(id: "mrg-j-doe") { id formerIds } node(id: "mrg-j-doe") { id ... on Person { name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ entity: { id: 'mrg-jane', formerIds: ['mrg-j-doe'] }, node: { id: 'mrg-jane', name: 'Jane Doe' } });
    // With a selection the planner answers in one statement (src/graphql/plan.ts) too.
    const planned = await gql(t.url, '{ entity(id: "mrg-j-doe") { id relationships(types: ["MEMBER_OF"]) { edges { other { id } } } } }');
    expect(planned.data.entity).toEqual({ id: 'mrg-jane', relationships: { edges: [{ other: { id: 'mrg-party' } }] } });
  });

  it('/entities/<former id> redirects (301) to the merged entity, whose JSON-LD lists the former id as sameAs', async () => {
    const res = await fetch(`${t.base}/entities/mrg-j-doe`, { headers: { accept: 'application/ld+json' }, redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/entities/mrg-jane');
    const ld = (await (await fetch(`${t.base}/entities/mrg-jane`, { headers: { accept: 'application/ld+json' } })).json()) as any;
    const node = (ld['@graph'] ?? [ld]).find((n: any) => n.identifier === 'mrg-jane');
    expect(node.sameAs).toEqual([`${t.config.publicUrl}/entities/mrg-j-doe`]);
  });

  it('/reconcile extends a cell reconciled before the merge with the merged entity', async () => {
    const query = { ids: ['mrg-j-doe'], properties: [{ id: 'identifier' }, { id: 'label' }] };
    const res = await fetch(`${t.base}/reconcile?extend=${encodeURIComponent(JSON.stringify(query))}`);
    expect(((await res.json()) as any).rows['mrg-j-doe']).toEqual({ identifier: [{ str: 'JD-42' }], label: [{ str: 'J. Doe' }] });
  });

  it('the change feed carries the merge, with both ids', async () => {
    const res = await gql(t.url, 'query ($since: String!) { changes(since: $since) { edges { node { operation entityIds changes { area id } } } } }', { since });
    expect(res.errors).toBeUndefined();
    const entry = res.data.changes.edges.map((e: any) => e.node).find((n: any) => n.operation === 'mergeEntities');
    expect(entry.entityIds).toEqual(expect.arrayContaining(['mrg-j-doe', 'mrg-jane', 'mrg-c-doe']));
    expect(entry.changes).toEqual(expect.arrayContaining([{ area: 'merges', id: 'mrg-j-doe' }, { area: 'entities', id: 'mrg-j-doe' }, { area: 'claims', id: 'mrg-c-doe' }]));
  });

  it('the former id stays taken: an entity of that id is refused, and a second merge of it too', async () => {
    const res = await gql(t.url, 'mutation ($input: EntityInput!) { upsertEntity(input: $input) { id } }', { input: { id: 'mrg-j-doe', kind: 'PERSON', name: 'J. Doe', sources: [{ documentId: 'mrg-base', quote: base[0]!.quote }] } }, curator);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('"mrg-j-doe" was merged into "mrg-jane"');
    const again = await merge('mrg-j-doe', 'mrg-jane');
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    expect(again.errors?.[0]?.message).toContain('already merged into "mrg-jane"');
  });

  it('the seed-layout export carries the merge, and seeding the export changes nothing', async () => {
    const files = await exportSeedFiles(t.conn.db);
    const merges = JSON.parse(files.find((f) => f.file === 'merges.json')!.text).merges;
    expect(merges).toEqual([{ from: 'mrg-j-doe', into: 'mrg-jane', reason: 'the same person' }]);
    const entities = JSON.parse(files.find((f) => f.file === 'entities.json')!.text).entities;
    expect(entities.map((e: any) => e.id)).not.toContain('mrg-j-doe');
    const report = await seedParsed(
      t.conn.db,
      files.map((f) => ({ file: f.file, data: JSON.parse(f.text) })),
      { ...defaultSeedOptions(t.config.rootDir), dryRun: true },
    );
    expect(report.problems.map(formatProblem)).toEqual([]);
    for (const [area, c] of Object.entries(report.counts)) expect([area, c.created + c.updated]).toEqual([area, 0]);
  });
});

describe('a merge of two documents found to be one', () => {
  const STANDING = '{ claim(id: "mrg-c-a") { status support } }';
  it('re-scores: two reports resting on them were two lines and are one', async () => {
    expect((await gql(t.url, STANDING)).data.claim).toEqual({ status: 'CORROBORATED', support: 2 });
    const res = await merge('mrg-report-b', 'mrg-report-a', curator, 'the same report filed twice');
    expect(res.errors).toBeUndefined();
    expect((await gql(t.url, STANDING)).data.claim).toEqual({ status: 'UNCONTESTED', support: 1 });
    // The merge's entry in the change feed (and so its subscription event) names the claim whose
    // status it changed without touching it.
    const feed = await gql(t.url, 'query ($since: String!) { changes(since: $since, last: 1) { edges { node { operation standingChanges { claim { id } before after } } } } }', { since }, curator);
    expect(feed.data.changes.edges.map((e: any) => e.node)).toEqual([
      { operation: 'mergeEntities', standingChanges: expect.arrayContaining([{ claim: { id: 'mrg-c-a' }, before: 'CORROBORATED', after: 'UNCONTESTED' }]) },
    ]);
    const b = await gql(t.url, '{ claim(id: "mrg-c-b") { basedOnDocuments { id } } }');
    expect(b.data.claim.basedOnDocuments).toEqual([{ id: 'mrg-report-a' }]);
  });

  it('keeps the held texts of both: the quotes that cited either still check against it', async () => {
    const res = await merge('mrg-held-b', 'mrg-held-a', curator, 'one document held twice');
    expect(res.errors).toBeUndefined();
    const files = await exportSeedFiles(t.conn.db);
    const held = JSON.parse(files.find((f) => f.file === 'documents.json')!.text).documents.find((d: any) => d.id === 'mrg-held-a');
    expect([held.textFile, held.textSection, held.alsoHeldIn]).toEqual([HELD, 'ai-regulation-joint-opinion', [{ textFile: HELD, textSection: 'aiopenmind-garante-trento' }]]);
    const report = await seedParsed(t.conn.db, files.map((f) => ({ file: f.file, data: JSON.parse(f.text) })), { ...defaultSeedOptions(t.config.rootDir), dryRun: true });
    expect(report.problems.map(formatProblem)).toEqual([]);
  });
});

describe('seed files declare merges', () => {
  const seed = (data: SeedFile['data']) => seedParsed(t.conn.db, [{ file: 'merges.json', data }], defaultSeedOptions(t.config.rootDir));

  it('refuses a bad merge naming file and JSON pointer, and writes nothing', async () => {
    const before = await graphDigest(t.conn.db);
    const report = await seed({
      merges: [
        { from: 'mrg-org-dup', into: 'mrg-nobody', reason: 'typo' },
        { from: 'mrg-bob', into: 'mrg-bob', reason: 'itself' },
        { from: 'mrg-x', into: 'mrg-org-dup', reason: 'chained' },
      ],
      entities: [{ id: 'mrg-x', kind: 'COMPANY', name: 'X', sources: base }],
    });
    expect(report.problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        'merges.json:/merges/0/into: entity "mrg-nobody" is neither in the input nor in the database',
        'merges.json:/merges/1/into: an entity is not merged into itself',
        expect.stringMatching(/^merges\.json:\/merges\/2\/into: "mrg-org-dup" is itself merged away/),
        expect.stringMatching(/^merges\.json:\/merges\/2\/from: "mrg-x" is still an entity \(a COMPANY\)/),
      ]),
    );
    expect(report.written).toBe(false);
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });

  it('applies a merge the database has not seen, moving what the old id had', async () => {
    const report = await seed({ merges: [{ from: 'mrg-org-dup', into: 'mrg-org', reason: 'the same company' }] });
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.written).toBe(true);
    const res = await gql(t.url, '{ entity(id: "mrg-org-dup") { id formerIds relationships(types: ["LOCATED_IN"]) { edges { other { id } } } } }');
    expect(res.data.entity).toEqual({ id: 'mrg-org', formerIds: ['mrg-org-dup'], relationships: { edges: [{ other: { id: 'the-netherlands' } }] } });
    const again = await seed({ merges: [{ from: 'mrg-org-dup', into: 'mrg-org', reason: 'the same company' }] });
    expect([again.problems, again.written, again.counts.merges]).toEqual([[], false, { created: 0, updated: 0, unchanged: 1 }]);
  });
});
