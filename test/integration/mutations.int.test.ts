/**
 * Issue 12 items 5 and 7 over real HTTP and the real Neo4j: every mutation with its auth, its
 * validation (errors naming the argument path, the graph left as it was), its audit entry and its
 * effect on the graph; the outcome of each upsert (extensions.outcomes) and the ifVersion
 * precondition; the relationship kinds table enforced on writes.
 */
import { gql, graphDigest, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdef';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const curator = bearer(CURATOR);

const ENTITY = `mutation E($input: EntityInput!, $v: String) { upsertEntity(input: $input, ifVersion: $v) { id name description version } }`;
const RELATIONSHIP = `mutation R($input: RelationshipInput!, $v: String) { upsertRelationship(input: $input, ifVersion: $v) {
  id type version validFrom validTo from { id } to { id } sources { document { id } quote } } }`;
const CLAIM = `mutation C($input: ClaimInput!, $v: String) { upsertClaim(input: $input, ifVersion: $v) {
  id text polarity version claimant { id } subjects { id } proposition { id text } } }`;
const DELETE = 'mutation D($id: ID!) { deleteEntity(id: $id) }';

const src = [{ documentId: 'mut-doc', quote: 'a passage of five words' }];
const doc = { id: 'mut-doc', kind: 'DOCUMENT', name: 'Mutation test document', primary: false, reliability: 'LOW', url: 'https://example.org/mut-doc', sources: [] };
const company = { id: 'mut-company', kind: 'COMPANY', name: 'Mutation Co', sources: src };
const product = { id: 'mut-product', kind: 'PRODUCT', name: 'Mutation Product', sources: src };
const develops = { from: 'mut-company', type: 'DEVELOPS', to: 'mut-product', validFrom: '2020-01-01', sources: src };
const claim = {
  id: 'mut-claim',
  text: 'Mutation Co develops Mutation Product.',
  claimantId: 'mut-company',
  subjectIds: ['mut-product'],
  propositionId: 'mut-proposition',
  propositionText: 'Mutation Co develops Mutation Product.',
  polarity: 'AFFIRMS',
  sources: src,
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR},rob:reader:${READER}` });
});
afterAll(async () => {
  await t?.close();
});

const lastAudit = async (id: string) =>
  (await gql(t.url, 'query A($id: ID) { auditLog(entityId: $id, first: 1) { totalCount edges { node { actor operation entityIds changes { area id before after } } } } }', { id }, curator)).data.auditLog;

type Given = 'doc' | 'company' | 'product' | 'develops' | 'claim';

/**
 * What a test builds on, written only where it is missing, so that each test also runs alone
 * (`-t`) and does not lean on the tests before it; in a whole run they wrote it already, and
 * nothing is rewritten (a rewrite would undo what they changed).
 */
async function given(...what: Given[]): Promise<void> {
  const exists = (
    await gql(
      t.url,
      `{ doc: entity(id: "mut-doc") { id } company: entity(id: "mut-company") { id } product: entity(id: "mut-product") { id }
         claim: claim(id: "mut-claim") { id } rel: entity(id: "mut-company") { relationships(types: ["DEVELOPS"]) { totalCount } } }`,
    )
  ).data;
  const missing: Record<Given, boolean> = {
    doc: !exists.doc,
    company: !exists.company,
    product: !exists.product,
    develops: !exists.rel || exists.rel.relationships.totalCount === 0,
    claim: !exists.claim,
  };
  const write: Record<Given, () => Promise<unknown>> = {
    doc: () => gql(t.url, ENTITY, { input: doc }, curator),
    company: () => gql(t.url, ENTITY, { input: company }, curator),
    product: () => gql(t.url, ENTITY, { input: product }, curator),
    develops: () => gql(t.url, RELATIONSHIP, { input: develops }, curator),
    claim: () => gql(t.url, CLAIM, { input: claim }, curator),
  };
  for (const w of ['doc', 'company', 'product', 'develops', 'claim'] as const) {
    if (!what.includes(w) || !missing[w]) continue;
    const res = (await write[w]()) as { errors?: unknown[] };
    expect(res.errors).toBeUndefined();
  }
}

/** Runs a write that must be refused, and proves the graph did not change. */
async function refused(query: string, variables: Record<string, unknown>, headers: Record<string, string> = curator) {
  const before = await graphDigest(t.conn.db);
  const res = await gql(t.url, query, variables, headers);
  expect(res.data ?? null).toBeNull();
  expect(await graphDigest(t.conn.db)).toEqual(before);
  return res.errors![0]!;
}

describe('every mutation needs a curator', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['upsertEntity', ENTITY, { input: company }],
    ['upsertRelationship', RELATIONSHIP, { input: develops }],
    ['upsertClaim', CLAIM, { input: claim }],
    ['deleteEntity', DELETE, { id: 'catch' }],
  ];
  it.each(cases)('%s: UNAUTHENTICATED without a token, FORBIDDEN with a reader token, and nothing changes', async (_name, query, variables) => {
    expect((await refused(query, variables, {})).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await refused(query, variables, bearer(READER))).extensions?.code).toBe('FORBIDDEN');
  });
});

describe('upsertEntity', () => {
  it('refuses an identifier another stored entity carries in that scheme, keeps identifiers and labels an input leaves out, and finds the entity by them', async () => {
    const quote = 'Délibération de la formation restreinte n° SAN-2022-019 du 17 octobre 2022 concernant la société CLEARVIEW AI';
    const sources = [{ documentId: 'regmind-cnil-san-2022-019', quote }];
    const copy = { id: 'mut-sanction-copy', kind: 'DECISION', name: 'A second record of the CNIL sanction', sources };
    const taken = await refused(ENTITY, { input: { ...copy, identifiers: [{ scheme: 'CASE_NUMBER', value: 'san-2022-019', sources }] } });
    expect(taken.extensions?.code).toBe('BAD_USER_INPUT');
    expect(taken.message).toContain('CASE_NUMBER "san-2022-019" is already used by entity "cnil-sanction-san-2022-019" in the database');
    const withOther = { ...copy, identifiers: [{ scheme: 'OTHER', value: 'SAN-2022-019', sources }], labels: [{ language: 'fr', name: 'Délibération de la formation restreinte', sources }] };
    expect((await gql(t.url, ENTITY, { input: withOther }, curator)).errors).toBeUndefined();
    expect((await gql(t.url, ENTITY, { input: { ...copy, description: 'Kept identifiers.' } }, curator)).errors).toBeUndefined();
    const read = await gql(t.url, '{ entityByIdentifier(scheme: OTHER, value: "SAN-2022-019") { id description identifiers { scheme value } labels { language name } } }');
    expect(read.data.entityByIdentifier).toEqual({
      id: 'mut-sanction-copy',
      description: 'Kept identifiers.',
      identifiers: [{ scheme: 'OTHER', value: 'SAN-2022-019' }],
      labels: [{ language: 'fr', name: 'Délibération de la formation restreinte' }],
    });
    expect((await gql(t.url, DELETE, { id: 'mut-sanction-copy' }, curator)).errors).toBeUndefined();
  });

  it('refuses a new document without primary, reliability or a url (no placeholder documents), naming the input, and creates one that has them', async () => {
    const bare = await refused(ENTITY, { input: { id: 'mut-doc-bare', kind: 'DOCUMENT', name: 'A bare document', sources: [] } });
    expect(bare.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bare.message).toMatch(/^input.*primary/);
    expect(bare.message).toMatch(/input.*reliability/);
    const res = await gql(
      t.url,
      ENTITY,
      { input: { id: 'mut-doc-full', kind: 'DOCUMENT', name: 'A document', primary: true, reliability: 'HIGH', reliabilityNote: 'the authority\'s own record', url: 'https://example.org/full', sources: [] } },
      curator,
    );
    expect(res.errors).toBeUndefined();
    const read = await gql(t.url, '{ entity(id: "mut-doc-full") { ... on Document { url primary heldText reliability reliabilityNote } } }');
    expect(read.data.entity).toEqual({ url: 'https://example.org/full', primary: true, heldText: false, reliability: 'HIGH', reliabilityNote: 'the authority\'s own record' });
  });

  it('creates, then says UNCHANGED for the same input (no audit entry), then UPDATED; the version follows the stored entity', async () => {
    expect((await gql(t.url, ENTITY, { input: doc }, curator)).extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertEntity: 'CREATED' } });
    const created = await gql(t.url, ENTITY, { input: company }, curator);
    expect(created.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertEntity: 'CREATED' } });
    expect(created.data.upsertEntity).toMatchObject({ id: 'mut-company', name: 'Mutation Co', description: null });
    const audit = await lastAudit('mut-company');
    expect(audit.edges[0].node).toMatchObject({ actor: 'ada', operation: 'upsertEntity', changes: [{ area: 'entities', id: 'mut-company', before: null }] });

    const again = await gql(t.url, ENTITY, { input: company }, curator);
    expect(again.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertEntity: 'UNCHANGED' } });
    expect(again.data.upsertEntity.version).toBe(created.data.upsertEntity.version);
    expect((await lastAudit('mut-company')).totalCount).toBe(audit.totalCount);

    const updated = await gql(t.url, ENTITY, { input: { ...company, description: 'Makes things.' } }, curator);
    expect(updated.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertEntity: 'UPDATED' } });
    expect(updated.data.upsertEntity.version).not.toBe(created.data.upsertEntity.version);
    const read = await gql(t.url, '{ entity(id: "mut-company") { description version } }');
    expect(read.data.entity).toEqual({ description: 'Makes things.', version: updated.data.upsertEntity.version });
    expect((await lastAudit('mut-company')).edges[0].node.changes[0].before).toMatchObject({ name: 'Mutation Co' });
  });

  it('names each outcome by its response key when one operation writes twice', async () => {
    await given('doc', 'company');
    // The company as the test before leaves it (a no-op in a whole run): its second write is then UNCHANGED.
    expect((await gql(t.url, ENTITY, { input: { ...company, description: 'Makes things.' } }, curator)).errors).toBeUndefined();
    const res = await gql(
      t.url,
      `mutation($a: EntityInput!, $b: EntityInput!) { first: upsertEntity(input: $a) { id } second: upsertEntity(input: $b) { id } }`,
      { a: product, b: { ...company, description: 'Makes things.' } },
      curator,
    );
    expect(res.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { first: 'CREATED', second: 'UNCHANGED' } });
  });

  it('refuses with CONFLICT an update given a version that is no longer stored, and writes with the current one', async () => {
    await given('doc', 'company');
    const { version } = (await gql(t.url, '{ entity(id: "mut-company") { version } }')).data.entity;
    await gql(t.url, ENTITY, { input: { ...company, description: 'Changed by another curator.' } }, curator);
    const error = await refused(ENTITY, { input: { ...company, description: 'My edit.' }, v: version }, curator);
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', argument: 'ifVersion' });
    expect(error.message).toContain(`entities mut-company has changed since version ${version}`);
    const current = (await gql(t.url, '{ entity(id: "mut-company") { version } }')).data.entity.version;
    const ok = await gql(t.url, ENTITY, { input: { ...company, description: 'My edit.' }, v: current }, curator);
    expect(ok.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertEntity: 'UPDATED' } });
  });

  it('refuses with CONFLICT a version given for an entity that does not exist', async () => {
    const error = await refused(ENTITY, { input: { ...company, id: 'mut-never-created' }, v: '0123456789abcdef' });
    expect(error.extensions?.code).toBe('CONFLICT');
  });

  it('refuses a source without a quote, naming input/sources, and an unknown document, naming input/sources/0/document', async () => {
    const noQuote = await refused(ENTITY, { input: { ...company, sources: [{ documentId: 'mut-doc' }] } });
    expect(noQuote.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'input/sources/0', message: 'missing required property "quote"' }] });
    const unknown = await refused(ENTITY, { input: { ...company, sources: [{ documentId: 'mut-no-such-doc', quote: 'q' }] } });
    expect(unknown.message).toContain('input/sources/0/document: document "mut-no-such-doc" is neither in the input nor in the database');
  });
});

describe('upsertRelationship', () => {
  it('creates a relationship that both ends then read, with the same from, to and id from each end', async () => {
    await given('doc', 'company', 'product');
    const res = await gql(t.url, RELATIONSHIP, { input: develops }, curator);
    expect(res.errors).toBeUndefined();
    expect(res.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertRelationship: 'CREATED' } });
    expect(res.data.upsertRelationship).toMatchObject({
      id: 'mut-company:DEVELOPS:mut-product',
      type: 'DEVELOPS',
      validFrom: '2020-01-01',
      validTo: null,
      from: { id: 'mut-company' },
      to: { id: 'mut-product' },
      sources: [{ document: { id: 'mut-doc' }, quote: 'a passage of five words' }],
    });
    const ends = await gql(
      t.url,
      `{ a: entity(id: "mut-company") { relationships { edges { direction other { id } node { id from { id } to { id } } } } }
         b: entity(id: "mut-product") { relationships { edges { direction other { id } node { id from { id } to { id } } } } } }`,
    );
    const rel = { id: 'mut-company:DEVELOPS:mut-product', from: { id: 'mut-company' }, to: { id: 'mut-product' } };
    expect(ends.data.a.relationships.edges).toEqual([{ direction: 'OUT', other: { id: 'mut-product' }, node: rel }]);
    expect(ends.data.b.relationships.edges).toEqual([{ direction: 'IN', other: { id: 'mut-company' }, node: rel }]);
    const audit = (await lastAudit('mut-product')).edges[0].node;
    expect(audit).toMatchObject({ operation: 'upsertRelationship', entityIds: ['mut-company', 'mut-product'], changes: [{ area: 'relationships', id: rel.id, before: null }] });
  });

  it('says UNCHANGED for the same input and UPDATED for new dates; a stale ifVersion is a CONFLICT', async () => {
    await given('doc', 'company', 'product', 'develops');
    const same = await gql(t.url, RELATIONSHIP, { input: develops }, curator);
    expect(same.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertRelationship: 'UNCHANGED' } });
    const old = same.data.upsertRelationship.version;
    const dated = await gql(t.url, RELATIONSHIP, { input: { ...develops, validTo: '2024-12-31' }, v: old }, curator);
    expect(dated.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertRelationship: 'UPDATED' } });
    expect(dated.data.upsertRelationship.validTo).toBe('2024-12-31');
    expect((await refused(RELATIONSHIP, { input: develops, v: old })).extensions?.code).toBe('CONFLICT');
  });

  it('refuses a pair of kinds its type does not join (PRODUCT USES COUNTRY), naming the end', async () => {
    const error = await refused(RELATIONSHIP, { input: { from: 'catch', type: 'USES', to: 'the-netherlands', sources: src } });
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'input/from', message: 'USES joins POLICE or GOVERNMENT -> PRODUCT, not PRODUCT -> COUNTRY' }],
    });
    const to = await refused(RELATIONSHIP, { input: { from: 'dutch-national-police', type: 'USES', to: 'the-netherlands', sources: src } });
    expect(to.message).toBe('input/to: USES joins POLICE or GOVERNMENT -> PRODUCT, not POLICE -> COUNTRY');
  });

  it('refuses an unknown type, an unknown end and validTo before validFrom, each at its path', async () => {
    expect((await refused(RELATIONSHIP, { input: { ...develops, type: 'LIKES' } })).message).toMatch(/^input\/type: must be one of FILED_BY, .*USES/);
    expect((await refused(RELATIONSHIP, { input: { ...develops, to: 'mut-nobody' } })).message).toContain('input/to: entity "mut-nobody" is neither in the input nor in the database');
    expect((await refused(RELATIONSHIP, { input: { ...develops, validTo: '2019-01-01' } })).message).toContain('input/validTo: is before validFrom 2020-01-01');
  });
});

describe('upsertClaim', () => {
  it('creates a claim with its new proposition, read back with claimant, subjects and proposition, and audited', async () => {
    await given('doc', 'company', 'product');
    const res = await gql(t.url, CLAIM, { input: claim }, curator);
    expect(res.errors).toBeUndefined();
    expect(res.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertClaim: 'CREATED' } });
    expect(res.data.upsertClaim).toMatchObject({
      id: 'mut-claim',
      polarity: 'AFFIRMS',
      claimant: { id: 'mut-company' },
      subjects: [{ id: 'mut-product' }],
      proposition: { id: 'mut-proposition', text: 'Mutation Co develops Mutation Product.' },
    });
    const about = await gql(t.url, '{ entity(id: "mut-product") { claimsAbout { edges { node { id status } } } } }');
    expect(about.data.entity.claimsAbout.edges).toEqual([{ node: { id: 'mut-claim', status: 'UNCONTESTED' } }]);
    const audit = (await lastAudit('mut-claim')).edges[0].node;
    expect(audit.operation).toBe('upsertClaim');
    expect(audit.changes.map((c: any) => [c.area, c.id, c.before])).toEqual(
      expect.arrayContaining([
        ['claims', 'mut-claim', null],
        ['propositions', 'mut-proposition', null],
      ]),
    );
  });

  it('says UNCHANGED, then UPDATED for a new text; a stale ifVersion is a CONFLICT', async () => {
    await given('doc', 'company', 'product', 'claim');
    const same = await gql(t.url, CLAIM, { input: claim }, curator);
    expect(same.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertClaim: 'UNCHANGED' } });
    const old = same.data.upsertClaim.version;
    const edited = await gql(t.url, CLAIM, { input: { ...claim, text: 'Edited.' }, v: old }, curator);
    expect(edited.extensions).toEqual({ bookmarks: [expect.any(String)], outcomes: { upsertClaim: 'UPDATED' } });
    expect((await refused(CLAIM, { input: claim, v: old })).extensions?.code).toBe('CONFLICT');
    expect((await gql(t.url, '{ claim(id: "mut-claim") { text } }')).data.claim.text).toBe('Edited.');
  });

  it('refuses an unknown claimant and a new proposition without its text, each at its path', async () => {
    await given('doc', 'company', 'product');
    expect((await refused(CLAIM, { input: { ...claim, claimantId: 'mut-nobody' } })).message).toContain('input/claimant: claimant "mut-nobody" is neither in the input nor in the database');
    const { propositionText: _p, ...noText } = claim;
    expect((await refused(CLAIM, { input: { ...noText, id: 'mut-claim-2', propositionId: 'mut-new-proposition' } })).message).toContain(
      'input/proposition: proposition "mut-new-proposition" is neither in the input nor in the database',
    );
  });
});

describe('deleteEntity', () => {
  it('removes the entity, its relationships and the claims it made, and records them', async () => {
    await given('doc', 'company', 'product', 'develops', 'claim');
    // mut-company is cited by nothing; its relationship and its claim go with it.
    const res = await gql(t.url, DELETE, { id: 'mut-company' }, curator);
    expect(res).toMatchObject({ data: { deleteEntity: true } });
    const read = await gql(t.url, '{ entity(id: "mut-company") { id } claim(id: "mut-claim") { id } p: entity(id: "mut-product") { relationships { totalCount } claimsAbout { totalCount } } }');
    expect(read.data).toEqual({ entity: null, claim: null, p: { relationships: { totalCount: 0 }, claimsAbout: { totalCount: 0 } } });
    const audit = (await lastAudit('mut-company')).edges[0].node;
    expect(audit.changes.map((c: any) => [c.area, c.id, c.after])).toEqual([
      ['entities', 'mut-company', null],
      ['relationships', 'mut-company:DEVELOPS:mut-product', null],
      ['claims', 'mut-claim', null],
    ]);
  });
});
