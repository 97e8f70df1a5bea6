/**
 * Claims as known on a day, through the API over the real Neo4j: a curator's correction and
 * supersession end the other claim's count from their own madeOn (status CORRECTED, SUPERSEDED),
 * `standing(asOf)` replays the lines as known on a day with what was excluded and why, a joint
 * claim is one line whose co-claimants made it too, and a correction without a day is refused
 * with the graph left as it was. Its claims sit on a proposition of their own, written in
 * beforeAll, so each test runs alone and in any order.
 */
import { gql, graphDigest, reseed, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';
const auth = { authorization: `Bearer ${CURATOR}` };
const DOC = 'ah-tk-20212022-105';
const QUOTE = 'Hoe verklaart u dat volgens nieuw onderzoek op basis van interne data van Clearview AI blijkt dat de Nationale Politie tussen de 51 en 100 keer gebruik heeft gemaakt van Clearview AI?';
const PROPOSITION = 'test-standing-proposition';

const UPSERT = `mutation Upsert($input: ClaimInput!) { upsertClaim(input: $input) { id status } }`;
const STANDING = `query S($id: ID!, $asOf: Date) {
  claim(id: $id) {
    status support opposition
    standing(asOf: $asOf) {
      asOf status support opposition
      lines { polarity reliability claims { id } sharedBasis { id } }
      excluded { claim { id } reason }
    }
  }
}`;

function claim(id: string, extra: Record<string, unknown>) {
  return {
    id,
    text: `Test claim ${id}.`,
    claimantId: 'kauthar-bouchallikh',
    subjectIds: ['dutch-national-police'],
    propositionId: PROPOSITION,
    propositionText: 'A proposition of the standing tests.',
    polarity: 'AFFIRMS',
    kind: 'ASSERTION',
    sources: [{ documentId: DOC, quote: QUOTE }],
    ...extra,
  };
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR}` });
  // said on 1 January, denied on 1 June, corrected on 13 December; the denial replaced on 1 February.
  for (const input of [
    claim('test-said', { madeOn: '2021-01-01' }),
    claim('test-denied', { polarity: 'DENIES', madeOn: '2021-06-01', claimantId: 'sander-dekker' }),
    claim('test-correction', { propositionId: 'test-standing-correction', propositionText: 'The earlier statement was not quite right.', madeOn: '2021-12-13', correctsIds: ['test-said'] }),
    claim('test-replacing', { polarity: 'DENIES', madeOn: '2022-02-01', claimantId: 'sander-dekker', supersedesIds: ['test-denied'] }),
    claim('test-joint', { propositionId: 'test-standing-joint', propositionText: 'A joint statement of the standing tests.', coClaimantIds: ['lisa-van-ginneken'] }),
  ]) {
    const res = await gql(t.url, UPSERT, { input }, auth);
    if (res.errors) throw new Error(`setting up ${input.id}: ${JSON.stringify(res.errors)}`);
  }
});
afterAll(async () => {
  if (t) await reseed(t.conn.db, t.config);
  await t?.close();
});

const brief = (s: any) => s && { status: s.status, support: s.support, opposition: s.opposition, excluded: s.excluded.map((x: any) => `${x.claim.id}:${x.reason}`) };

describe('a claim as known on a day', () => {
  it('stands alone before its contradiction, disputed from the day the contradiction is made', async () => {
    const before = await gql(t.url, STANDING, { id: 'test-said', asOf: '2021-05-31' });
    expect(before.errors).toBeUndefined();
    expect(brief(before.data.claim.standing)).toEqual({ status: 'UNCONTESTED', support: 1, opposition: 0, excluded: ['test-denied:NOT_YET_MADE', 'test-replacing:NOT_YET_MADE'] });
    const on = await gql(t.url, STANDING, { id: 'test-said', asOf: '2021-06-01' });
    expect(brief(on.data.claim.standing)).toEqual({ status: 'DISPUTED', support: 1, opposition: 1, excluded: ['test-replacing:NOT_YET_MADE'] });
    expect(on.data.claim.standing.lines.map((l: any) => [l.polarity, l.claims.map((c: any) => c.id)])).toEqual([
      ['AFFIRMS', ['test-said']],
      ['DENIES', ['test-denied']],
    ]);
  });

  it('is null on a day before the claim was made', async () => {
    const res = await gql(t.url, STANDING, { id: 'test-denied', asOf: '2021-05-31' });
    expect(res.errors).toBeUndefined();
    expect(res.data.claim.standing).toBeNull();
  });

  it('gives each line the best reliability among the documents its claims cite', async () => {
    const doc = (await gql(t.url, `{ entity(id: "${DOC}") { ... on Document { reliability } } }`)).data.entity.reliability;
    const res = await gql(t.url, STANDING, { id: 'test-said', asOf: '2021-06-01' });
    expect(res.data.claim.standing.lines.map((l: any) => l.reliability)).toEqual([doc, doc]);
  });
});

describe('a correction and a supersession', () => {
  it('end the corrected and the replaced claim\'s count from their own day, on either side', async () => {
    const replacedDay = await gql(t.url, STANDING, { id: 'test-said', asOf: '2022-02-01' });
    expect(brief(replacedDay.data.claim.standing)).toEqual({ status: 'CORRECTED', support: 0, opposition: 1, excluded: ['test-said:CORRECTED', 'test-denied:SUPERSEDED'] });
    const beforeCorrection = await gql(t.url, STANDING, { id: 'test-said', asOf: '2021-12-12' });
    expect(beforeCorrection.data.claim.standing.status).toBe('DISPUTED');
  });

  it('store CORRECTED and SUPERSEDED as today\'s status, and standing() without asOf agrees', async () => {
    for (const [id, status] of [['test-said', 'CORRECTED'], ['test-denied', 'SUPERSEDED'], ['test-replacing', 'UNCONTESTED']]) {
      const res = await gql(t.url, STANDING, { id });
      expect({ id, status: res.data.claim.status }).toEqual({ id, status });
      expect(res.data.claim.standing).toMatchObject({ asOf: null, status, support: res.data.claim.support, opposition: res.data.claim.opposition });
    }
  });

  it('link both ways, with the day of the replacement', async () => {
    const res = await gql(t.url, `{
      said: claim(id: "test-said") { correctedBy { id } supersededBy { id } }
      correction: claim(id: "test-correction") { corrects { id } }
      denied: claim(id: "test-denied") { supersededBy { id } supersededOn }
      replacing: claim(id: "test-replacing") { supersedes { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      said: { correctedBy: [{ id: 'test-correction' }], supersededBy: null },
      correction: { corrects: [{ id: 'test-said' }] },
      denied: { supersededBy: { id: 'test-replacing' }, supersededOn: '2022-02-01' },
      replacing: { supersedes: [{ id: 'test-denied' }] },
    });
  });

  it('leave no contradiction where no counted line stands on each side', async () => {
    const res = await gql(t.url, '{ contradictions(about: "dutch-national-police") { proposition { id } } }');
    expect(res.data.contradictions.map((c: any) => c.proposition.id)).not.toContain(PROPOSITION);
  });

  it('refuse a correction without the day it was made, naming the place, and leave the graph as it was', async () => {
    const before = await graphDigest(t.conn.db);
    const res = await gql(t.url, UPSERT, { input: claim('test-undated-correction', { propositionId: 'test-standing-correction', correctsIds: ['test-said'] }) }, auth);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/input\/madeOn: a claim that corrects another needs madeOn/);
    expect(await graphDigest(t.conn.db)).toEqual(before);
  });
});

describe('a joint claim', () => {
  it('is one claim, one line, made by each of its claimants', async () => {
    const res = await gql(t.url, `{
      claim(id: "test-joint") { coClaimants { id } support standing { lines { claims { id } } } }
      entity(id: "lisa-van-ginneken") { claimsMade(first: 500) { edges { node { id } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.claim).toEqual({ coClaimants: [{ id: 'lisa-van-ginneken' }], support: 1, standing: { lines: [{ claims: [{ id: 'test-joint' }] }] } });
    expect(res.data.entity.claimsMade.edges.map((e: any) => e.node.id)).toContain('test-joint');
  });
});
