/**
 * The evidence model through the API and the seeder, over the real Neo4j: curators' writes with
 * kinds and bases recompute the stored lines of evidence in their own transaction, a cycle is
 * refused naming it, and the effects of a decision come and go with its status under asOf.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSeedOptions, seedPaths } from '../../src/seed/seeder';
import { formatProblem } from '../../src/seed/validate';
import { gql, graphDigest, reseed, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';
const auth = { authorization: `Bearer ${CURATOR}` };
const DEKKER = 'dekker-not-implemented-operationally';
const SEARCHES = 'police-associated-accounts-searched-clearview';
const BUZZFEED = 'buzzfeed-dutch-police-used-clearview-51-to-100-times';
const ICO = 'ico-monetary-penalty-and-enforcement-notice-2022';
const KAMERVRAAG = 'Hoe verklaart u dat volgens nieuw onderzoek op basis van interne data van Clearview AI blijkt dat de Nationale Politie tussen de 51 en 100 keer gebruik heeft gemaakt van Clearview AI?';

let t: TestServer;
let tmp: string;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR}` });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
});
afterAll(async () => {
  if (t) await reseed(t.conn.db, t.config);
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const UPSERT = `mutation Upsert($input: ClaimInput!) {
  upsertClaim(input: $input) { id kind status support opposition basedOn { id } basedOnDocuments { id } sources { quote translation verified } }
}`;
const STANDING = `query Standing($id: ID!) { claim(id: $id) { status support opposition } }`;

function claimInput(id: string, extra: Record<string, unknown>) {
  return {
    id,
    text: `Test claim ${id}.`,
    claimantId: 'kauthar-bouchallikh',
    subjectIds: ['dutch-national-police'],
    propositionId: 'dutch-police-used-clearview',
    polarity: 'AFFIRMS',
    sources: [{ documentId: 'ah-tk-20212022-105', quote: KAMERVRAAG }],
    ...extra,
  };
}

/** The same claim as a seed file writes it. */
function claimInputSeed(id: string) {
  const c = claimInput(id, { kind: 'ASSERTION' }) as Record<string, any>;
  return {
    id: c.id,
    text: c.text,
    claimant: c.claimantId,
    subjects: c.subjectIds,
    proposition: c.propositionId,
    polarity: c.polarity,
    kind: c.kind,
    sources: c.sources.map((x: any) => ({ document: x.documentId, quote: x.quote })),
  };
}

describe('curated claims and the lines of evidence', () => {
  it('counts a report that relays BuzzFeed News as no new line: BuzzFeed stays one line', async () => {
    const res = await gql(t.url, UPSERT, { input: claimInput('test-relay-of-buzzfeed', { kind: 'REPORT', basedOnIds: [BUZZFEED], propositionId: SEARCHES }) }, auth);
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertClaim).toMatchObject({ kind: 'REPORT', status: 'UNCONTESTED', support: 1, opposition: 0, basedOn: [{ id: BUZZFEED }] });
    expect((await gql(t.url, STANDING, { id: BUZZFEED })).data.claim).toEqual({ status: 'UNCONTESTED', support: 1, opposition: 0 });
  });

  it('counts a claim on another document as a second, independent line, in the same write', async () => {
    const res = await gql(t.url, UPSERT, { input: claimInput('test-independent-line', { kind: 'ASSERTION', basedOnDocumentIds: ['ah-tk-20212022-105'], propositionId: SEARCHES }) }, auth);
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertClaim).toMatchObject({ status: 'CORROBORATED', support: 2, opposition: 0, basedOnDocuments: [{ id: 'ah-tk-20212022-105' }] });
    expect((await gql(t.url, STANDING, { id: BUZZFEED })).data.claim).toEqual({ status: 'CORROBORATED', support: 2, opposition: 0 });
    // The stored status is what the list filters on.
    const corroborated = await gql(t.url, '{ claims(status: CORROBORATED, about: "dutch-national-police", first: 100) { edges { node { id } } } }');
    expect(corroborated.data.claims.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([BUZZFEED, 'test-relay-of-buzzfeed', 'test-independent-line']));
  });

  it('refuses a claim that would rest on itself through another, naming the cycle, and leaves the graph as it was', async () => {
    const before = await graphDigest(t.conn.db);
    const buzzfeed = (await gql(t.url, `{ claim(id: "${BUZZFEED}") { text madeOn claimant { id } subjects { id } proposition { id } polarity sources { document { id } quote } } }`)).data.claim;
    const res = await gql(
      t.url,
      UPSERT,
      {
        input: {
          id: BUZZFEED,
          text: buzzfeed.text,
          claimantId: buzzfeed.claimant.id,
          subjectIds: buzzfeed.subjects.map((s: any) => s.id),
          propositionId: buzzfeed.proposition.id,
          polarity: buzzfeed.polarity,
          madeOn: buzzfeed.madeOn,
          kind: 'REPORT',
          basedOnIds: ['test-relay-of-buzzfeed'],
          sources: buzzfeed.sources.map((s: any) => ({ documentId: s.document.id, quote: s.quote })),
        },
      },
      auth,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(`cycle: ${BUZZFEED} -> test-relay-of-buzzfeed -> ${BUZZFEED}`);
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });

  it('refuses a question without a basis and a translation that is not in the held text', async () => {
    const question = await gql(t.url, UPSERT, { input: claimInput('test-question', { kind: 'QUESTION' }) }, auth);
    expect(question.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(question.errors?.[0]?.message).toMatch(/input\/basedOn: a QUESTION names what it rests on/);
    const translated = await gql(
      t.url,
      UPSERT,
      { input: claimInput('test-translated', { sources: [{ documentId: 'ah-tk-20212022-105', quote: KAMERVRAAG, translation: 'Words the register never wrote.' }] }) },
      auth,
    );
    expect(translated.errors?.[0]?.message).toMatch(/input\/sources\/0\/translation: translation is not verbatim in the text of "ah-tk-20212022-105"/);
  });

  it('stores a translation that the register holds, and calls the quote verified', async () => {
    const translation = 'How do you explain that new research based on internal Clearview AI data shows that the National Police used Clearview AI between 51 and 100 times?';
    const res = await gql(
      t.url,
      UPSERT,
      { input: claimInput('test-relay-of-buzzfeed', { kind: 'REPORT', basedOnIds: [BUZZFEED], propositionId: SEARCHES, sources: [{ documentId: 'ah-tk-20212022-105', quote: KAMERVRAAG, translation }] }) },
      auth,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertClaim.sources).toEqual([{ quote: KAMERVRAAG, translation, verified: true }]);
  });
});

describe('deleting an entity', () => {
  it('takes the lines of its claims with it, in the same transaction', async () => {
    await reseed(t.conn.db, t.config);
    const file = path.join(tmp, 'claimant.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        entities: [{ id: 'test-claimant', kind: 'PERSON', name: 'Test Claimant', sources: [{ document: 'ah-tk-20212022-105', quote: KAMERVRAAG }] }],
        claims: [{ ...claimInputSeed('test-claim-of-the-claimant'), claimant: 'test-claimant', basedOnDocuments: ['ah-tk-20212022-105'] }],
      }),
    );
    const report = await seedPaths(t.conn.db, [file], defaultSeedOptions(t.config.rootDir));
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect((await gql(t.url, STANDING, { id: DEKKER })).data.claim).toEqual({ status: 'DISPUTED', support: 1, opposition: 1 });

    const res = await gql(t.url, 'mutation { deleteEntity(id: "test-claimant") }', {}, auth);
    expect(res.data?.deleteEntity).toBe(true);
    expect((await gql(t.url, STANDING, { id: DEKKER })).data.claim).toEqual({ status: 'UNCONTESTED', support: 1, opposition: 0 });
  });
});

describe('the effects of a decision under asOf', () => {
  const EFFECT = `query Effect($asOf: Date) {
    entity(id: "${ICO}") { relationships(types: ["PROHIBITS"], asOf: $asOf) { totalCount } }
    subgraph(center: "${ICO}", depth: 1, includeClaims: false, asOf: $asOf) { edges { id } }
    path(from: "${ICO}", to: "clearview-ai", maxHops: 1, asOf: $asOf) { steps { type } }
  }`;

  it('holds the ICO notice\u2019s PROHIBITS while the notice is in force, and not after the tribunal overturned it nor while the appeal sent back suspends it', async () => {
    // The curated data holds the enforcement notice's PROHIBITS of Clearview AI (from the ICO notice).
    await reseed(t.conn.db, t.config);
    const on = async (asOf: string | null) => (await gql(t.url, EFFECT, { asOf })).data;
    const edge = `${ICO}:PROHIBITS:clearview-ai`;
    const before = await on('2022-05-17');
    const inForce = await on('2022-06-01');
    const overturned = await on('2024-01-01');
    const suspended = await on('2026-01-01');
    const always = await on(null);

    expect(inForce.entity.relationships.totalCount).toBe(1);
    expect(inForce.subgraph.edges.map((e: any) => e.id)).toContain(edge);
    for (const gone of [before, overturned, suspended]) {
      expect(gone.entity.relationships.totalCount).toBe(0);
      expect(gone.subgraph.edges.map((e: any) => e.id)).not.toContain(edge);
      expect(gone.path.steps.map((s: any) => s.type)).not.toContain('PROHIBITS');
    }
    // Without asOf, every relationship, whatever its dates.
    expect(always.entity.relationships.totalCount).toBe(1);
  });
});
