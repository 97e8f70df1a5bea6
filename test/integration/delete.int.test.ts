/**
 * Issue 12 item 1 over real HTTP and the real Neo4j: deleteEntity keeps the graph whole. Each
 * kind of reference that cypher/entity/references.cypher knows is set up on its own and refuses
 * the delete with CONFLICT, naming what refers, and leaves the graph exactly as it was; what goes
 * with the entity (its relationships, the claims it made or that are only about it) does not
 * refuse it.
 */
import { defaultSeedOptions, seedParsed } from '../../src/seed/seeder';
import { formatProblem, SeedFile } from '../../src/seed/validate';
import { gql, graphDigest, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';
const bearer = { authorization: `Bearer ${CURATOR}` };
const DELETE = 'mutation Delete($id: ID!) { deleteEntity(id: $id) }';
const base = [{ document: 'del-base', quote: 'a quote of five words' }];
const src = (doc: string) => [...base, { document: doc, quote: 'cited' }];

/** One small graph holding one reference of every kind, each to its own target. */
const fixture: SeedFile['data'] = {
  documents: [
    { id: 'del-base', name: 'Base document', sources: [] },
    { id: 'del-doc-entity', name: 'Cited by an entity', sources: [] },
    { id: 'del-doc-rel', name: 'Cited by a relationship', sources: [] },
    { id: 'del-doc-claim', name: 'Cited by a claim', sources: [] },
    { id: 'del-doc-published', name: 'Has a publisher', publisher: 'del-publisher', sources: [] },
    { id: 'del-doc-own', name: 'Cited only by what goes with it', sources: [{ document: 'del-doc-own', quote: 'itself, a quote of five words' }] },
    { id: 'del-doc-many', name: 'Cited by 25 entities', sources: [] },
    { id: 'del-doc-basis', name: 'A claim rests on it', sources: [] },
    { id: 'del-doc-status', name: 'Source of a status change', sources: [] },
    { id: 'del-doc-rate', name: 'Source of a euro rate', sources: [] },
    { id: 'del-doc-value', name: 'Source of a ranked value', sources: [] },
  ].map((d) => ({ ...d, primary: false, reliability: 'LOW', url: `https://example.org/${d.id}` })) as any,
  entities: [
    { id: 'del-publisher', kind: 'MEDIA', name: 'Publisher', sources: base },
    { id: 'del-company', kind: 'COMPANY', name: 'Company', sources: src('del-doc-entity') },
    { id: 'del-product', kind: 'PRODUCT', name: 'Product', sources: base },
    { id: 'del-subject', kind: 'PRODUCT', name: 'Second subject', sources: base },
    { id: 'del-person', kind: 'PERSON', name: 'Claimant', sources: base },
    { id: 'del-speaker', kind: 'PERSON', name: 'Claimant who is deleted', sources: base },
    { id: 'del-reporter', kind: 'PERSON', name: 'Claimant who relays', sources: base },
    { id: 'del-teller', kind: 'PERSON', name: 'Claimant whom another claim relays', sources: base },
    { id: 'del-judgment', kind: 'DECISION', name: 'Judgment that overturned a decision', sources: base },
    {
      id: 'del-decision',
      kind: 'DECISION',
      name: 'Decision with a record',
      sources: base,
      decision: {
        amount: 100,
        currency: 'SEK',
        eurRate: { rate: 0.1, on: '2021-01-01', source: { document: 'del-doc-rate', quote: 'about ten euros' } },
        measures: ['FINE'],
        statusHistory: [
          { status: 'IN_FORCE', from: '2021-01-01', sources: [{ document: 'del-doc-status', quote: 'in force' }] },
          { status: 'OVERTURNED', from: '2022-01-01', by: 'del-judgment', sources: base },
        ],
      },
      values: [{ property: 'amount', value: 100, rank: 'PREFERRED', sources: [{ document: 'del-doc-value', quote: 'one hundred' }] }],
    },
    ...Array.from({ length: 25 }, (_, i) => ({ id: `del-citer-${String(i).padStart(2, '0')}`, kind: 'COMPANY', name: `Citer ${i}`, sources: src('del-doc-many') })),
  ],
  relationships: [
    { from: 'del-company', type: 'DEVELOPS', to: 'del-product', sources: src('del-doc-rel') },
    { from: 'del-publisher', type: 'PUBLISHED', to: 'del-doc-own', sources: [{ document: 'del-doc-own', quote: 'itself, a quote of five words' }] },
  ],
  propositions: [{ id: 'del-proposition', text: 'Something holds.' }],
  claims: [
    { id: 'del-claim-cites', text: 'Cites a document.', claimant: 'del-person', subjects: ['del-company'], proposition: 'del-proposition', polarity: 'AFFIRMS', sources: src('del-doc-claim') },
    { id: 'del-claim-two', text: 'About two.', claimant: 'del-person', subjects: ['del-company', 'del-subject'], proposition: 'del-proposition', polarity: 'AFFIRMS', sources: base },
    { id: 'del-claim-own', text: 'Only about the document.', claimant: 'del-person', subjects: ['del-doc-own'], proposition: 'del-proposition', polarity: 'AFFIRMS', sources: [{ document: 'del-doc-own', quote: 'itself, a quote of five words' }] },
    { id: 'del-claim-on-doc', text: 'Rests on a document.', kind: 'REPORT', basedOnDocuments: ['del-doc-basis'], claimant: 'del-reporter', subjects: ['del-company'], proposition: 'del-proposition', polarity: 'AFFIRMS', sources: base },
    { id: 'del-claim-told', text: 'Made by one who is deleted, relayed by another.', claimant: 'del-teller', subjects: ['del-company'], proposition: 'del-proposition', polarity: 'AFFIRMS', sources: base },
    { id: 'del-claim-relays', text: 'Relays a claim.', kind: 'REPORT', basedOn: ['del-claim-told'], claimant: 'del-reporter', subjects: ['del-company'], proposition: 'del-proposition', polarity: 'AFFIRMS', sources: base },
    { id: 'del-claim-spoken', text: 'Made by the deleted one.', claimant: 'del-speaker', subjects: ['del-company'], proposition: 'del-proposition', polarity: 'DENIES', sources: base },
  ],
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR}` });
  const report = await seedParsed(t.conn.db, [{ file: 'fixture', data: fixture }], defaultSeedOptions(t.config.rootDir));
  if (report.problems.length > 0) throw new Error(report.problems.map(formatProblem).join('\n'));
});
afterAll(async () => {
  await t?.close();
});

describe('deleteEntity refuses while something that stays refers to the entity', () => {
  it.each([
    ['cited as a source by another entity', 'del-doc-entity', [{ area: 'entities', id: 'del-company', field: 'sources' }]],
    ['cited as a source by a relationship between others', 'del-doc-rel', [{ area: 'relationships', id: 'del-company:DEVELOPS:del-product', field: 'sources' }]],
    ['cited as a source by a claim', 'del-doc-claim', [{ area: 'claims', id: 'del-claim-cites', field: 'sources' }]],
    ['the publisher of a document', 'del-publisher', [{ area: 'entities', id: 'del-doc-published', field: 'publisher' }]],
    ['a subject of a claim about others too', 'del-subject', [{ area: 'claims', id: 'del-claim-two', field: 'subjects' }]],
    ['a document a claim rests on', 'del-doc-basis', [{ area: 'claims', id: 'del-claim-on-doc', field: 'basedOnDocuments' }]],
    ['the claimant of a claim that another claim rests on', 'del-teller', [{ area: 'claims', id: 'del-claim-relays', field: 'basedOn' }]],
    ['the judgment that changed a decision\'s status', 'del-judgment', [{ area: 'entities', id: 'del-decision', field: 'decision/statusHistory/by' }]],
    ['the source of a decision\'s status change', 'del-doc-status', [{ area: 'entities', id: 'del-decision', field: 'decision/statusHistory/sources' }]],
    ['the source of a decision\'s euro rate', 'del-doc-rate', [{ area: 'entities', id: 'del-decision', field: 'decision/eurRate/source' }]],
    ['the source of a ranked value', 'del-doc-value', [{ area: 'entities', id: 'del-decision', field: 'values/sources' }]],
  ])('%s: CONFLICT naming the referring element, and nothing changes', async (_what, id, references) => {
    const before = await graphDigest(t.conn.db);
    const res = await gql(t.url, DELETE, { id }, bearer);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', references, referenceCount: 1 });
    expect(res.errors?.[0]?.message).toContain(`${references[0]!.area} ${references[0]!.id} (${references[0]!.field})`);
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });

  it('names the first 20 referring elements and counts them all', async () => {
    const before = await graphDigest(t.conn.db);
    const res = await gql(t.url, DELETE, { id: 'del-doc-many' }, bearer);
    const ext = res.errors?.[0]?.extensions as { code: string; references: { id: string }[]; referenceCount: number };
    expect(ext.code).toBe('CONFLICT');
    expect(ext.referenceCount).toBe(25);
    expect(ext.references.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `del-citer-${String(i).padStart(2, '0')}`));
    expect(res.errors?.[0]?.message).toMatch(/25 elements: .* and 5 more; nothing was deleted/);
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });

  it('refuses the delete of the issue (a document the seed cites) and the graph still reads', async () => {
    const res = await gql(t.url, DELETE, { id: 'tweakers-2019-07-155332-catch' }, bearer);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toContain('entities catch (sources)');
    const read = await gql(t.url, '{ entity(id: "catch") { sources { document { name } } } }');
    expect(read.errors).toBeUndefined();
    expect(read.data.entity.sources.length).toBeGreaterThan(0);
  });
});

describe('deleteEntity removes what goes with the entity', () => {
  it('deletes a document cited only by its own relationships and by claims only about it, and every read stays whole', async () => {
    const res = await gql(t.url, DELETE, { id: 'del-doc-own' }, bearer);
    expect(res).toMatchObject({ data: { deleteEntity: true } });
    const read = await gql(
      t.url,
      `{ publisher: entity(id: "del-publisher") { relationships { edges { node { id } } } }
         gone: entity(id: "del-doc-own") { id } claim(id: "del-claim-own") { id }
         person: entity(id: "del-person") { claimsMade { edges { node { id sources { document { id } } } } } } }`,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.publisher.relationships.edges).toEqual([]);
    expect(read.data.gone).toBeNull();
    expect(read.data.claim).toBeNull();
    expect(read.data.person.claimsMade.edges.map((e: any) => e.node.id).sort()).toEqual(['del-claim-cites', 'del-claim-two']);
  });

  it('deletes a claimant with the claims it made; the audit entry lists them', async () => {
    const res = await gql(t.url, DELETE, { id: 'del-speaker' }, bearer);
    expect(res).toMatchObject({ data: { deleteEntity: true } });
    const read = await gql(t.url, '{ claim(id: "del-claim-spoken") { id } auditLog(entityId: "del-claim-spoken", first: 1) { edges { node { operation actor changes { area id after } } } } }', {}, bearer);
    expect(read.data.claim).toBeNull();
    const entry = read.data.auditLog.edges[0].node;
    expect(entry).toMatchObject({ operation: 'deleteEntity', actor: 'ada' });
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { area: 'entities', id: 'del-speaker', after: null },
        { area: 'claims', id: 'del-claim-spoken', after: null },
      ]),
    );
  });

  it('answers false for an id that does not exist, and changes nothing', async () => {
    const before = await graphDigest(t.conn.db);
    expect(await gql(t.url, DELETE, { id: 'del-no-such-entity' }, bearer)).toMatchObject({ data: { deleteEntity: false } });
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });
});
