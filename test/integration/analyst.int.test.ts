/**
 * Analyst questions, asked over HTTP of a server over the curated seed. Each GraphQL document in
 * test/queries/ states its question in a leading comment; each test here runs one of them and
 * checks the answer the seed data (seed/*.json) gives, value by value.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NoDeprecatedCustomRule, parse, validate } from 'graphql';
import { gql, queryFile, startTestServer, TestServer } from '../support/helpers';
import { buildSchema } from '../../src/graphql/schema';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

/** Runs test/queries/<name>.graphql; fails on any GraphQL error; returns data. */
async function run(name: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await gql(server.url, queryFile(name), variables);
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
  expect(res.data).toBeDefined();
  return res.data;
}

const ids = (xs: { id: string }[]): string[] => xs.map((x) => x.id);
const sortedIds = (xs: { id: string }[]): string[] => ids(xs).sort();
const ARTICLE = 'article-cabinet-insists-police-never-used-clearview';
const ARTICLE_TITLE = 'Cabinet insists: police have never used Clearview AI software';

describe('the minister against BuzzFeed News', () => {
  it('shows the police-use dispute as one line of evidence against one, with both sides\u2019 sources', async () => {
    const data = await run('minister-vs-buzzfeed', {
      claimId: 'dekker-police-never-used-clearview',
      about: 'dutch-national-police',
    });

    const claim = data.claim;
    expect(claim).toMatchObject({
      id: 'dekker-police-never-used-clearview',
      kind: 'ASSERTION',
      polarity: 'DENIES',
      madeOn: '2021-09-28',
      status: 'DISPUTED',
      support: 1,
      opposition: 1,
      claimant: { id: 'sander-dekker', name: 'Sander Dekker', kind: 'PERSON' },
      proposition: { id: 'dutch-police-used-clearview', text: "The Dutch police used Clearview AI's facial recognition services." },
    });
    // The minister's side: the article, and the official record of his answers (Dutch, translated).
    expect(claim.sources).toContainEqual({
      document: { id: ARTICLE, name: ARTICLE_TITLE, url: null, primary: false },
      quote: 'The Dutch police have never used the facial recognition software of the American Clearview AI.',
      translation: null,
      verified: true,
    });
    expect(claim.sources).toContainEqual(
      expect.objectContaining({
        document: expect.objectContaining({ id: 'ah-tk-20212022-105', primary: true }),
        quote: 'Antwoord van Minister Dekker (Rechtsbescherming), mede namens de Minister van Justitie en Veiligheid (ontvangen 28 september 2021).',
        translation: 'Answer from Minister Dekker (Legal Protection), also on behalf of the Minister of Justice and Security (received 28 September 2021).',
        verified: true,
      }),
    );
    for (const s of claim.sources) expect(s.verified).toBe(true);
    expect(claim.corroboratedBy).toEqual([]);
    // His own caveats narrow the denial without denying it: the status stays one line against one.
    expect(sortedIds(claim.qualifiedBy)).toEqual(['dekker-impersonation-not-ruled-out', 'dekker-individual-officer-use-not-ruled-out']);

    // The other side is one report: the deputies' questions rest on it and assert nothing.
    expect(ids(claim.contradictedBy)).toEqual(['buzzfeed-dutch-police-used-clearview-51-to-100-times']);
    const buzzfeed = claim.contradictedBy[0];
    expect(buzzfeed).toMatchObject({
      kind: 'REPORT',
      polarity: 'AFFIRMS',
      status: 'DISPUTED',
      support: 1,
      opposition: 1,
      madeOn: '2021-08-25',
      claimant: { id: 'buzzfeed-news', name: 'BuzzFeed News', kind: 'MEDIA' },
    });
    expect(buzzfeed.text).toContain('between 51 and 100 times');
    expect(ids(buzzfeed.basedOnDocuments)).toEqual(['plawiuk-buzzfeed-2021-08-25']);
    expect(buzzfeed.sources).toContainEqual({
      document: { id: ARTICLE, name: ARTICLE_TITLE, url: null, primary: false },
      quote: 'In fact, leaked internal data showed that the Dutch police had used the company\u2019s services between 51 and 100 times.',
      translation: null,
      verified: true,
    });
    expect(buzzfeed.sources).toContainEqual(
      expect.objectContaining({
        document: expect.objectContaining({ id: 'ah-tk-20212022-105', primary: true }),
        quote: 'Hoe verklaart u dat volgens nieuw onderzoek op basis van interne data van Clearview AI blijkt dat de Nationale Politie tussen de 51 en 100 keer gebruik heeft gemaakt van Clearview AI?',
        translation:
          'How do you explain that new research based on internal Clearview AI data shows that the National Police used Clearview AI between 51 and 100 times?',
      }),
    );

    // Seen from the police: one dispute, one line each way; the questions are on the proposition
    // but in neither list.
    expect(data.contradictions).toHaveLength(1);
    const [used] = data.contradictions;
    expect(used).toMatchObject({ proposition: { id: 'dutch-police-used-clearview' }, affirmingLines: 1, denyingLines: 1 });
    expect(used.affirming).toEqual([{ id: 'buzzfeed-dutch-police-used-clearview-51-to-100-times', kind: 'REPORT', claimant: { id: 'buzzfeed-news', name: 'BuzzFeed News' } }]);
    expect(used.denying).toEqual([{ id: 'dekker-police-never-used-clearview', kind: 'ASSERTION', claimant: { id: 'sander-dekker', name: 'Sander Dekker' } }]);
    const questions = used.proposition.claims.filter((c: any) => c.kind === 'QUESTION');
    expect(sortedIds(questions)).toEqual(['kauthar-bouchallikh-questions-presuppose-police-use', 'lisa-van-ginneken-questions-presuppose-police-use']);
    for (const q of questions) expect(q.basedOn).toEqual([{ id: 'buzzfeed-dutch-police-used-clearview-51-to-100-times' }]);
  });
});

describe('the evidence model', () => {
  it('narrows Minister Dekker\u2019s real-time facial recognition claim by Grapperhaus\u2019s further answers, without disputing it', async () => {
    const data = await run('grapperhaus-qualifies-dekker', { id: 'dekker-no-real-time-facial-recognition-in-netherlands' });
    const claim = data.claim;
    expect(claim).toMatchObject({ kind: 'ASSERTION', status: 'UNCONTESTED', support: 1, opposition: 0, claimant: { id: 'sander-dekker' } });
    const by = new Map<string, any>(claim.qualifiedBy.map((q: any) => [q.id, q]));
    expect([...by.keys()].sort()).toEqual(['grapperhaus-broad-reading-not-entirely-correct', 'grapperhaus-narrows-real-time-statement']);
    const narrows = by.get('grapperhaus-narrows-real-time-statement');
    expect(narrows).toMatchObject({
      madeOn: '2021-10-13',
      claimant: { id: 'ferd-grapperhaus', name: 'Ferd Grapperhaus' },
      qualifies: [{ id: 'dekker-no-real-time-facial-recognition-in-netherlands' }],
    });
    expect(narrows.proposition.id).not.toBe('dekker-no-real-time-facial-recognition-in-netherlands');
    expect(narrows.sources.some((s: any) => s.document.id === 'ah-tk-20212022-472' && s.document.primary && s.verified)).toBe(true);
    expect(by.get('grapperhaus-broad-reading-not-entirely-correct')).toMatchObject({ madeOn: '2021-12-13', claimant: { id: 'ferd-grapperhaus' } });
  });

  it('ranks the ICO amount: GBP 7,552,800 preferred, the 7,552,880 typo deprecated with its reason, no dispute', async () => {
    const data = await run('ico-amount-ranked-values', { entity: 'ico-monetary-penalty-and-enforcement-notice-2022', property: 'amount' });
    expect(data.sourcedValues.map((v: any) => [v.property, v.value, v.rank])).toEqual([
      ['amount', 7552800, 'PREFERRED'],
      ['amount', 7552880, 'DEPRECATED'],
    ]);
    const [preferred, typo] = data.sourcedValues;
    expect(preferred.reason).toBeNull();
    expect(ids(preferred.sources.map((s: any) => s.document)).sort()).toEqual(['awo-ut-clearview', 'lawgazette-ico-mpn', 'techuk-cliffordchance-ico-final-decision']);
    for (const s of preferred.sources) expect(s.verified).toBe(true);
    expect(typo.reason).toMatch(/typo/);
    expect(typo.sources).toEqual([
      { document: { id: 'verified-facts-register', name: 'Verified facts beyond the article', primary: false }, quote: 'one article says GBP 7,552,880 (likely a typo)', verified: true },
    ]);
    expect(data.entity).toEqual({ amount: 7552800, currency: 'GBP', amountEur: null });
    // Every property of the decision, PREFERRED first within each.
    const all = await run('ico-amount-ranked-values', { entity: 'ico-monetary-penalty-and-enforcement-notice-2022' });
    expect(all.sourcedValues.filter((v: any) => v.property === 'amount').map((v: any) => v.rank)).toEqual(['PREFERRED', 'DEPRECATED']);
    // And no claim or contradiction is left of the typo.
    const { data: claims } = await gql(server.url, '{ contradictions { proposition { id } } claim(id: "unidentified-article-ico-fine-gbp-7552880") { id } }');
    expect(claims.claim).toBeNull();
    expect(claims.contradictions.map((c: any) => c.proposition.id).sort()).toEqual(['dutch-police-used-clearview', 'ico-has-jurisdiction-over-clearview-uk-processing']);
  });

  it('follows the ICO notice over time: in force on 2022-06-01, overturned on 2024-01-01, remitted today', async () => {
    const data = await run('ico-notice-status-over-time', { id: 'ico-monetary-penalty-and-enforcement-notice-2022' });
    const ico = data.entity;
    expect(ico).toMatchObject({ decidedOn: '2022-05-18', beforeIt: 'UNKNOWN', inForce: 'IN_FORCE', afterTribunal: 'OVERTURNED', today: 'REMITTED' });
    expect(ico.statusHistory.map((c: any) => [c.status, c.from, c.precision, c.by?.id ?? null])).toEqual([
      ['IN_FORCE', '2022-05-18', 'DAY', null],
      ['OVERTURNED', '2023-10-17', 'DAY', 'first-tier-tribunal-judgment-2023'],
      ['REMITTED', '2025-10-06', 'DAY', 'upper-tribunal-judgment-2025'],
    ]);
    expect(ico.statusHistory[1].by).toMatchObject({ reference: '[2023] UKFTT 00819 (GRC)', issuedBy: [{ id: 'first-tier-tribunal' }] });
    expect(ico.statusHistory[2].by).toMatchObject({ reference: '[2025] UKUT 319 (AAC)', issuedBy: [{ id: 'upper-tribunal' }] });
    for (const change of ico.statusHistory) {
      expect(change.sources.length).toBeGreaterThan(0);
      for (const s of change.sources) expect(s.verified).toBe(true);
    }
    expect(ico.statusHistory[2].sources.map((s: any) => s.document.id)).toContain('govuk-2025-ukut-319');
    // Its prohibition holds only while it is in force: not after the tribunal, nor since the remittal.
    expect(ico.prohibitsInForce.edges.map((e: any) => e.other.id)).toEqual(['clearview-ai']);
    expect(ico.prohibitsAfterTribunal.totalCount).toBe(0);
    expect(ico.prohibitsToday.totalCount).toBe(0);
  });

  it('gives every decision its measures, and its amount in euros where it has an amount and a stated rate', async () => {
    const data = await run('decision-measures-and-euros');
    const decisions = data.decisions;
    expect(decisions.length).toBeGreaterThanOrEqual(18);
    for (const d of decisions) expect({ id: d.id, measures: d.measures.length > 0 }).toEqual({ id: d.id, measures: true });
    const fines = Object.fromEntries(decisions.filter((d: any) => d.amount !== null).map((d: any) => [d.id, [d.amount, d.currency, d.amountEur, d.eurRate?.rate ?? null]]));
    expect(fines).toEqual({
      'ap-decision-clearview-2024': [30500000, 'EUR', 30500000, null],
      'cnil-sanction-san-2022-019': [20000000, 'EUR', 20000000, null],
      'cnil-penalty-payment-liquidation-2023': [5200000, 'EUR', 5200000, null],
      'hellenic-dpa-decision-35-2022': [20000000, 'EUR', 20000000, null],
      'garante-decision-clearview-2022': [20000000, 'EUR', 20000000, null],
      // No held document states a GBP rate: no euro figure is invented.
      'ico-monetary-penalty-and-enforcement-notice-2022': [7552800, 'GBP', null, null],
      // The IMY's own release states "approximately EUR 250,000".
      'imy-decision-swedish-police-clearview-2021': [2500000, 'SEK', 250000, 0.1],
    });
    const imy = decisions.find((d: any) => d.id === 'imy-decision-swedish-police-clearview-2021');
    expect(imy.eurRate).toMatchObject({ on: '2021-02-11', source: { document: { id: 'imy-2021-02-11-police-fine' }, verified: true } });
    expect(imy.measures).toContain('FINE');
    const cnil = decisions.find((d: any) => d.id === 'cnil-sanction-san-2022-019');
    expect(cnil).toMatchObject({ reference: 'SAN-2022-019', decidedOn: '2022-10-17', status: 'IN_FORCE' });
    expect(cnil.measures).toEqual(expect.arrayContaining(['FINE', 'PENALTY_PAYMENT']));
    expect(cnil.articlesBreached).toEqual(['GDPR Art. 6', 'GDPR Art. 12', 'GDPR Art. 15', 'GDPR Art. 17', 'GDPR Art. 31']);
    expect(decisions.find((d: any) => d.id === 'ico-monetary-penalty-and-enforcement-notice-2022')).toMatchObject({ status: 'REMITTED', publishedOn: '2022-05-23' });
  });
});

describe('complaints and regulators', () => {
  it('lists the complaints against Clearview AI with who filed them, with which regulator, in which country', async () => {
    const data = await run('complaints-with-regulators');
    const edges = data.entities.edges;
    expect(data.entities.totalCount).toBe(6);
    expect(edges).toHaveLength(6);

    const expected: Record<string, { by: string; with: string[]; country: string[]; decisions: string[] }> = {
      'privacy-international-complaint-ico': { by: 'privacy-international', with: ['ico'], country: ['united-kingdom'], decisions: [] },
      'privacy-international-complaint-cnil': { by: 'privacy-international', with: ['cnil'], country: ['france'], decisions: [] },
      'hermes-center-complaint-garante': { by: 'hermes-center', with: ['garante'], country: ['italy'], decisions: [] },
      'homo-digitalis-complaint-hellenic-dpa': {
        by: 'homo-digitalis',
        with: ['hellenic-dpa'],
        country: ['greece'],
        decisions: ['hellenic-dpa-decision-35-2022'],
      },
      'noyb-complaint-dsb': { by: 'noyb', with: ['dsb'], country: ['austria'], decisions: ['dsb-decision-clearview-2023'] },
      'aclu-v-clearview-lawsuit': { by: 'aclu', with: [], country: [], decisions: ['aclu-clearview-settlement-2022'] },
    };
    const actual: typeof expected = {};
    for (const { node } of edges) {
      expect(node.against).toEqual([{ id: 'clearview-ai', name: 'Clearview AI' }]);
      expect(node.filedBy).toHaveLength(1);
      expect(node.filedBy[0].kind).toBe('NGO');
      actual[node.id] = {
        by: node.filedBy[0].id,
        with: ids(node.filedWith),
        country: node.filedWith.flatMap((r: any) => ids(r.jurisdiction ?? [])),
        decisions: ids(node.decisions),
      };
    }
    expect(actual).toEqual(expected);

    // The five joint European complaints were filed on 27 May 2021; the undated US lawsuit sorts last.
    for (const { node } of edges.slice(0, 5)) expect(node.filedOn).toBe('2021-05-27');
    expect(edges[5].node).toMatchObject({ id: 'aclu-v-clearview-lawsuit', filedOn: null });

    const ico = edges.find((e: any) => e.node.id === 'privacy-international-complaint-ico').node;
    expect(ico.filedBy[0].name).toBe('Privacy International');
    expect(ico.filedWith).toEqual([
      { id: 'ico', name: "Information Commissioner's Office", kind: 'REGULATOR', jurisdiction: [{ id: 'united-kingdom', name: 'United Kingdom' }] },
    ]);
    const garante = edges.find((e: any) => e.node.id === 'hermes-center-complaint-garante').node;
    expect(garante.filedBy[0].name).toBe('Hermes Center for Transparency and Digital Human Rights');
    expect(garante.filedWith[0].name).toBe('Garante per la protezione dei dati personali');
    expect(garante.filedWith[0].jurisdiction).toEqual([{ id: 'italy', name: 'Italy' }]);
  });

  it('counts the complaints per country of the regulator they were filed with', async () => {
    const data = await run('complaints-per-country');
    const rows = data.complaintsPerCountry.map((r: any) => [r.country.id, r.country.name, r.country.kind, r.count]);
    expect(rows.sort()).toEqual([
      ['austria', 'Austria', 'COUNTRY', 1],
      ['france', 'France', 'COUNTRY', 1],
      ['greece', 'Greece', 'COUNTRY', 1],
      ['italy', 'Italy', 'COUNTRY', 1],
      ['united-kingdom', 'United Kingdom', 'COUNTRY', 1],
    ]);
  });

  it('dates the joint complaints 27 May 2021 and keeps noyb\u2019s page date of 26 May as a ranked value, not a dispute', async () => {
    const data = await run('complaint-filing-date-values', { entity: 'noyb-complaint-dsb' });
    expect(data.entity).toEqual({ id: 'noyb-complaint-dsb', date: '2021-05-27', filedOn: '2021-05-27' });
    expect(data.sourcedValues.map((v: any) => [v.value, v.rank])).toEqual([
      ['2021-05-27', 'PREFERRED'],
      ['2021-05-26', 'NORMAL'],
    ]);
    const [filed, page] = data.sourcedValues;
    expect(filed.sources.map((s: any) => s.document.id).sort()).toEqual(['gdprhub-bvwg-w108-11e', 'jusline-bvwg-2024-04-12-w108-5e', 'pi-clearview-europe-challenge']);
    expect(page.reason).toMatch(/noyb's page is dated 26 May 2021/);
    expect(page.sources).toEqual([
      expect.objectContaining({
        document: expect.objectContaining({ id: 'noyb-2021-05-26-complaints', primary: true }),
        quote: 'Today, noyb and other EU digital rights organisations filed legal complaints to stop online mass surveillance by facial recognition company Clearview.',
        verified: true,
      }),
    ]);
    // The old manufactured dispute is gone.
    expect(data.proposition).toBeNull();
  });

  it('keeps the DSB decision of 9 May 2023 (court record) with the EDPB\u2019s 10 May as a ranked value', async () => {
    const data = await run('ico-amount-ranked-values', { entity: 'dsb-decision-clearview-2023', property: 'decidedOn' });
    expect(data.sourcedValues.map((v: any) => [v.value, v.rank, v.sources.map((s: any) => s.document.id)])).toEqual([
      ['2023-05-09', 'PREFERRED', ['jusline-bvwg-2024-04-12-w108-5e']],
      ['2023-05-10', 'NORMAL', ['edpb-2023-05-12-austrian-sa']],
    ]);
    expect(data.sourcedValues[1].reason).toMatch(/EDPB/);
  });
});

describe('decisions and fines', () => {
  it('lists the fines with their amounts and currencies per regulator, newest first', async () => {
    const data = await run('fines-with-amounts');
    const decisions = data.decisions;
    expect(decisions).toHaveLength(18);

    // Newest first; every decision now has its date.
    const dates = decisions.map((d: any) => d.decidedOn);
    expect(dates).not.toContain(null);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(decisions[0]).toMatchObject({ id: 'upper-tribunal-judgment-2025', decidedOn: '2025-10-06' });
    expect(decisions[17]).toMatchObject({ id: 'opc-canada-findings-2021-001', decidedOn: '2021-02-02' });

    const fines = decisions
      .filter((d: any) => d.amount !== null)
      .map((d: any) => [d.id, d.amount, d.currency, ids(d.issuedBy).join(','), ids(d.against).join(',')]);
    expect(fines).toEqual([
      ['ap-decision-clearview-2024', 30500000, 'EUR', 'autoriteit-persoonsgegevens', 'clearview-ai'],
      ['cnil-penalty-payment-liquidation-2023', 5200000, 'EUR', 'cnil', 'clearview-ai'],
      ['cnil-sanction-san-2022-019', 20000000, 'EUR', 'cnil', 'clearview-ai'],
      ['hellenic-dpa-decision-35-2022', 20000000, 'EUR', 'hellenic-dpa', 'clearview-ai'],
      ['ico-monetary-penalty-and-enforcement-notice-2022', 7552800, 'GBP', 'ico', 'clearview-ai'],
      ['garante-decision-clearview-2022', 20000000, 'EUR', 'garante', 'clearview-ai'],
      ['imy-decision-swedish-police-clearview-2021', 2500000, 'SEK', 'imy', 'swedish-police-authority'],
    ]);

    const cnil = decisions.find((d: any) => d.id === 'cnil-sanction-san-2022-019');
    expect(cnil).toMatchObject({
      reference: 'SAN-2022-019',
      decidedOn: '2022-10-17',
      issuedBy: [{ id: 'cnil', name: "Commission nationale de l'informatique et des libertés", kind: 'REGULATOR' }],
    });
    const garante = decisions.find((d: any) => d.id === 'garante-decision-clearview-2022');
    expect(garante).toMatchObject({ reference: 'doc. web n. 9751362', decidedOn: '2022-02-10' });
    // The ACLU settlement has no issuer: no held text names the court that approved it.
    expect(decisions.find((d: any) => d.id === 'aclu-clearview-settlement-2022').issuedBy).toEqual([]);
  });

  it('lists only the CNIL\u2019s decisions when asked for one regulator', async () => {
    const data = await run('fines-with-amounts', { regulator: 'cnil' });
    expect(data.decisions.map((d: any) => [d.id, d.amount, d.currency])).toEqual([
      ['cnil-penalty-payment-liquidation-2023', 5200000, 'EUR'],
      ['cnil-sanction-san-2022-019', 20000000, 'EUR'],
      ['cnil-formal-notice-med-2021-134', null, null],
    ]);
    for (const d of data.decisions) expect(ids(d.issuedBy)).toEqual(['cnil']);
  });

  it('follows the ICO decision on appeal: First-tier Tribunal, then Upper Tribunal', async () => {
    const data = await run('ico-decision-appeal-chain', { id: 'ico-monetary-penalty-and-enforcement-notice-2022' });
    const ico = data.entity;
    expect(ico).toMatchObject({
      id: 'ico-monetary-penalty-and-enforcement-notice-2022',
      decidedOn: '2022-05-18',
      amount: 7552800,
      currency: 'GBP',
      issuedBy: [{ id: 'ico', name: "Information Commissioner's Office" }],
      appealOf: null,
    });
    expect(ico.appeals).toHaveLength(1);
    const ftt = ico.appeals[0];
    expect(ftt).toMatchObject({
      id: 'first-tier-tribunal-judgment-2023',
      decidedOn: '2023-10-17',
      reference: '[2023] UKFTT 00819 (GRC)',
      issuedBy: [{ id: 'first-tier-tribunal', name: 'First-tier Tribunal', kind: 'COURT' }],
      appealOf: { id: 'ico-monetary-penalty-and-enforcement-notice-2022' },
    });
    expect(ftt.appeals).toEqual([
      {
        id: 'upper-tribunal-judgment-2025',
        decidedOn: '2025-10-06',
        reference: '[2025] UKUT 319 (AAC)',
        issuedBy: [{ id: 'upper-tribunal', name: 'Upper Tribunal', kind: 'COURT' }],
        appealOf: { id: 'first-tier-tribunal-judgment-2023' },
        appeals: [],
      },
    ]);
  });

  it('shows that the First-tier Tribunal denies and the Upper Tribunal affirms the ICO\u2019s jurisdiction', async () => {
    const data = await run('does-the-ico-have-jurisdiction');
    expect(data.proposition.text).toBe("The ICO has jurisdiction over Clearview AI's processing of UK residents' data.");
    expect(data.proposition.claims).toEqual([
      {
        id: 'ftt-ico-lacks-jurisdiction',
        polarity: 'DENIES',
        status: 'DISPUTED',
        madeOn: '2023-10-17',
        claimant: { id: 'first-tier-tribunal', name: 'First-tier Tribunal', kind: 'COURT' },
      },
      {
        id: 'upper-tribunal-allows-ico-appeal',
        polarity: 'AFFIRMS',
        status: 'DISPUTED',
        madeOn: '2025-10-06',
        claimant: { id: 'upper-tribunal', name: 'Upper Tribunal', kind: 'COURT' },
      },
    ]);
  });

  it('lists the UK decisions in date order', async () => {
    const data = await run('decisions-by-country-and-period', { country: 'united-kingdom' });
    expect(data.entities.totalCount).toBe(4);
    expect(data.entities.edges.map((e: any) => [e.node.id, e.node.date])).toEqual([
      ['ico-provisional-notice-2021', '2021-11-29'],
      ['ico-monetary-penalty-and-enforcement-notice-2022', '2022-05-18'],
      ['first-tier-tribunal-judgment-2023', '2023-10-17'],
      ['upper-tribunal-judgment-2025', '2025-10-06'],
    ]);
  });

  it('finds the one Dutch decision: the Autoriteit Persoonsgegevens fine of EUR 30.5 million', async () => {
    const data = await run('decisions-by-country-and-period', { country: 'the-netherlands' });
    expect(data.entities.totalCount).toBe(1);
    expect(data.entities.edges.map((e: any) => e.node)).toEqual([
      {
        id: 'ap-decision-clearview-2024',
        name: 'Autoriteit Persoonsgegevens decision against Clearview AI',
        date: '2024-05-16',
        amount: 30500000,
        currency: 'EUR',
      },
    ]);
  });

  it('lists the decisions taken in 2022', async () => {
    const data = await run('decisions-by-country-and-period', { from: '2022-01-01', to: '2022-12-31' });
    expect(data.entities.totalCount).toBe(5);
    expect(data.entities.edges.map((e: any) => [e.node.id, e.node.date, e.node.amount])).toEqual([
      ['garante-decision-clearview-2022', '2022-02-10', 20000000],
      ['aclu-clearview-settlement-2022', '2022-05-09', null],
      ['ico-monetary-penalty-and-enforcement-notice-2022', '2022-05-18', 7552800],
      ['hellenic-dpa-decision-35-2022', '2022-07-13', 20000000],
      ['cnil-sanction-san-2022-019', '2022-10-17', 20000000],
    ]);
  });
});

describe('paths', () => {
  it('connects Sander Dekker to CATCH in four steps, ending with the police\u2019s use of it, each step with a verified quote', async () => {
    const data = await run('path-with-sources', { from: 'sander-dekker', to: 'catch' });
    const p = data.path;
    // Since the INVESTIGATED edge is gone (its quote said only that he "made inquiries"), the
    // shortest chain runs through the documents: his answer cites BuzzFeed's report on the police.
    expect(p.length).toBe(4);
    expect(p.nodes[0]).toEqual({ id: 'sander-dekker', name: 'Sander Dekker', kind: 'PERSON' });
    expect(p.nodes[3]).toEqual({ id: 'dutch-national-police', name: 'Dutch National Police', kind: 'POLICE' });
    expect(p.nodes[4]).toEqual({ id: 'catch', name: 'CATCH', kind: 'PRODUCT' });
    for (const step of p.steps) {
      expect(step.sources.length).toBeGreaterThan(0);
      expect(step.sources.some((s: any) => typeof s.quote === 'string' && s.quote.split(/\s+/).length >= 5)).toBe(true);
    }
    expect(p.steps[3]).toMatchObject({ from: 'dutch-national-police', type: 'USES', direction: 'OUT', to: 'catch' });
    expect(p.steps[3].sources).toContainEqual({
      document: { id: ARTICLE, name: ARTICLE_TITLE },
      quote: 'The application that the police use for this is Capture.',
    });
  });

  it('walks the same path backwards with the steps pointing IN', async () => {
    const data = await run('path-with-sources', { from: 'catch', to: 'sander-dekker' });
    expect(data.path.length).toBe(4);
    expect(ids(data.path.nodes)[0]).toBe('catch');
    expect(ids(data.path.nodes)[4]).toBe('sander-dekker');
    expect(data.path.steps[0]).toMatchObject({ from: 'catch', type: 'USES', direction: 'IN', to: 'dutch-national-police' });
  });

  it('finds no path from Sander Dekker to CATCH within one hop', async () => {
    const data = await run('path-with-sources', { from: 'sander-dekker', to: 'catch', maxHops: 1 });
    expect(data.path).toBeNull();
  });
});

describe('as of a date', () => {
  it('shows Sander Dekker as Minister for Legal Protection on 2021-09-28, the day his answers reached the House', async () => {
    const data = await run('as-of', { id: 'sander-dekker', asOf: '2021-09-28' });
    const p = data.entity;
    expect(p.name).toBe('Sander Dekker');
    expect(p.offices).toHaveLength(1);
    expect(p.offices[0]).toMatchObject({
      id: 'sander-dekker:HOLDS_OFFICE:minister-for-legal-protection',
      type: 'HOLDS_OFFICE',
      validFrom: '2017-10-26',
      validTo: '2022-01-10',
      to: { id: 'minister-for-legal-protection', name: 'Minister for Legal Protection', kind: 'GOVERNMENT' },
    });
    expect(p.offices[0].sources).toContainEqual({ document: { id: 'verified-facts-register' }, quote: 'in office 26 Oct 2017 to 10 Jan 2022' });
    expect(p.memberships.map((m: any) => m.to.id).sort()).toEqual(['rutte-iii-cabinet', 'vvd']);
    expect(p.relationships.totalCount).toBe(1);
    expect(p.relationships.edges[0]).toEqual({
      other: { id: 'minister-for-legal-protection' },
      node: { id: 'sander-dekker:HOLDS_OFFICE:minister-for-legal-protection' },
    });
  });

  it('shows that Sander Dekker no longer held the office on 2022-06-01', async () => {
    const data = await run('as-of', { id: 'sander-dekker', asOf: '2022-06-01' });
    const p = data.entity;
    expect(p.offices).toEqual([]);
    expect(p.relationships).toEqual({ totalCount: 0, edges: [] });
    // His party membership has no end date, so it still holds; the cabinet membership does not.
    expect(p.memberships.map((m: any) => m.to.id)).toEqual(['vvd']);
  });

  it('counts the first and the last day of his term as in office, and the days around it as not', async () => {
    const inOffice = async (asOf: string) => (await run('as-of', { id: 'sander-dekker', asOf })).entity.offices.length;
    expect(await inOffice('2017-10-25')).toBe(0);
    expect(await inOffice('2017-10-26')).toBe(1);
    expect(await inOffice('2022-01-10')).toBe(1);
    expect(await inOffice('2022-01-11')).toBe(0);
  });
});

describe('claims', () => {
  it('lists what Sander Dekker claimed in his answers: one disputed, and his relay of the police\u2019s denial no longer counts as corroboration', async () => {
    const data = await run('what-did-sander-dekker-claim', { id: 'sander-dekker' });
    const conn = data.entity.claimsMade;
    expect(conn.totalCount).toBe(17);
    expect(conn.pageInfo.hasNextPage).toBe(false);
    const claims = conn.edges.map((e: any) => e.node);
    expect(claims).toHaveLength(17);
    // All on one day, so ordered by id.
    for (const c of claims) expect(c.madeOn).toBe('2021-09-28');
    expect(ids(claims)).toEqual([...ids(claims)].sort());

    const byStatus = (s: string) => ids(claims.filter((c: any) => c.status === s)).sort();
    expect(byStatus('DISPUTED')).toEqual(['dekker-police-never-used-clearview']);
    expect(byStatus('CORROBORATED')).toEqual([]);
    expect(byStatus('UNCONTESTED')).toHaveLength(16);
    expect(ids(claims.filter((c: any) => c.polarity === 'AFFIRMS')).sort()).toEqual([
      'dekker-buzzfeed-log-files-predate-february-2020',
      'dekker-clearview-use-violates-fundamental-rights',
      'dekker-police-policy-prohibits-operational-facial-recognition',
    ]);

    // He relays what the police told him: his claim rests on theirs, so the two are one line.
    const buy = claims.find((c: any) => c.id === 'dekker-police-do-not-buy-clearview-services');
    expect(buy.proposition.id).toBe('dutch-police-purchased-from-clearview');
    expect(buy.status).toBe('UNCONTESTED');
    expect(buy.corroboratedBy).toEqual([{ id: 'police-deny-purchasing-from-clearview', claimant: { id: 'dutch-national-police' } }]);
    const never = claims.find((c: any) => c.id === 'dekker-police-never-used-clearview');
    expect(never).toMatchObject({ polarity: 'DENIES', proposition: { id: 'dutch-police-used-clearview' } });
  });

  const DISPUTED_IN_ORDER = [
    'buzzfeed-dutch-police-used-clearview-51-to-100-times',
    'kauthar-bouchallikh-questions-presuppose-police-use',
    'lisa-van-ginneken-questions-presuppose-police-use',
    'dekker-police-never-used-clearview',
    'ftt-ico-lacks-jurisdiction',
    'upper-tribunal-allows-ico-appeal',
  ];

  it('pages through the 6 disputed claims, oldest first, five at a time: two disputes, the questions following their lines', async () => {
    const first = await run('disputed-claims-paged', { first: 5 });
    expect(first.claims.totalCount).toBe(6);
    expect(first.claims.pageInfo.hasNextPage).toBe(true);
    expect(first.claims.edges.map((e: any) => e.node.id)).toEqual(DISPUTED_IN_ORDER.slice(0, 5));
    expect(first.claims.pageInfo.endCursor).toBe(first.claims.edges[4].cursor);

    const second = await run('disputed-claims-paged', { first: 5, after: first.claims.pageInfo.endCursor });
    expect(second.claims.totalCount).toBe(6);
    expect(second.claims.edges.map((e: any) => e.node.id)).toEqual(DISPUTED_IN_ORDER.slice(5));
    expect(second.claims.pageInfo.hasNextPage).toBe(false);
    for (const e of [...first.claims.edges, ...second.claims.edges]) expect(e.node.status).toBe('DISPUTED');

    const all = await run('disputed-claims-paged', { first: 6 });
    expect(all.claims.pageInfo).toEqual({ hasNextPage: false, endCursor: all.claims.edges[5].cursor });
    const byId = new Map<string, any>(all.claims.edges.map((e: any) => [e.node.id, e.node]));
    expect(byId.get('ftt-ico-lacks-jurisdiction')).toMatchObject({ madeOn: '2023-10-17', polarity: 'DENIES', proposition: { id: 'ico-has-jurisdiction-over-clearview-uk-processing' } });
    // None of the manufactured disputes is left: the typo, the page date, the DSB day.
    for (const gone of ['unidentified-article-ico-fine-gbp-7552880', 'noyb-page-dates-complaints-26-may-2021', 'edpb-dsb-decision-10-may-2023']) expect(byId.has(gone)).toBe(false);
  });
});

describe('search', () => {
  const cases: [string, string, string, string, string][] = [
    // question, text, expected id, expected name, matched alias
    ['finds CATCH when searching for the name the article uses, "Capture"', 'Capture', 'catch', 'CATCH', 'Capture'],
    ['finds GroenLinks when searching for its English name, "Green Left"', 'Green Left', 'groenlinks', 'GroenLinks', 'Green Left'],
    ['finds the House of Representatives when searching for its Dutch name, "Tweede Kamer"', 'Tweede Kamer', 'house-of-representatives', 'House of Representatives', 'Tweede Kamer'],
  ];
  it.each(cases)('%s', async (_question, text, id, name, matched) => {
    const data = await run('search-by-other-name', { text });
    expect(data.search.length).toBeGreaterThan(0);
    expect(data.search[0]).toMatchObject({ matched, entity: { id, name } });
    expect(data.search[0].entity.aliases).toContain(matched);
  });

  it('finds Clearview AI despite a typo ("Clearviw"), best match first', async () => {
    const data = await run('search-by-other-name', { text: 'Clearviw' });
    expect(data.search[0].entity).toMatchObject({ id: 'clearview-ai', name: 'Clearview AI', kind: 'COMPANY' });
    const scores = data.search.map((h: any) => h.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(data.search.length).toBeLessThanOrEqual(10);
  });

  it('finds only people when searching "Dekker" among persons', async () => {
    const data = await run('search-by-other-name', { text: 'Dekker', kinds: ['PERSON'], first: 5 });
    expect(data.search[0]).toMatchObject({ matched: 'Dekker', entity: { id: 'sander-dekker', name: 'Sander Dekker', kind: 'PERSON' } });
    for (const h of data.search) expect(h.entity.kind).toBe('PERSON');
  });
});

describe('what the graph holds', () => {
  it('counts the entities of each kind, most first', async () => {
    const data = await run('entity-counts-per-kind');
    const counts = Object.fromEntries(data.entityCounts.map((k: any) => [k.kind, k.count]));
    expect(counts).toEqual({
      DOCUMENT: 64,
      DECISION: 18,
      REGULATOR: 13,
      COUNTRY: 10,
      MEDIA: 10,
      PERSON: 7,
      COMPLAINT: 6,
      EVENT: 6,
      LAW: 5,
      NGO: 5,
      COURT: 4,
      GOVERNMENT: 4,
      POLITICAL_PARTY: 4,
      POLICE: 3,
      PRODUCT: 2,
      COMPANY: 1,
      LEGISLATURE: 1,
      POLICY: 1,
    });
    const ordered = data.entityCounts.map((k: any) => k.count);
    expect(ordered).toEqual([...ordered].sort((a: number, b: number) => b - a));
    expect(data.entityCounts[0]).toEqual({ kind: 'DOCUMENT', count: 64 });
    expect(data.entities.totalCount).toBe(164);
  });

  it('draws the neighbourhood of Clearview AI with its claims, untruncated', async () => {
    const data = await run('subgraph-around-clearview', { center: 'clearview-ai', depth: 1, limit: 200, includeClaims: true });
    const g = data.subgraph;
    expect(g.truncated).toBe(false);
    expect(g.nodes[0]).toEqual({ id: 'clearview-ai', label: 'Clearview AI', kind: 'COMPANY', distance: 0, status: null });

    const entities = g.nodes.filter((n: any) => n.kind !== 'CLAIM');
    const claims = g.nodes.filter((n: any) => n.kind === 'CLAIM');
    expect(sortedIds(entities)).toEqual(
      [
        'clearview-ai',
        'aclu-clearview-settlement-2022',
        'aclu-v-clearview-lawsuit',
        'ap-decision-clearview-2024',
        'article-cabinet-insists-police-never-used-clearview',
        'cai-quebec',
        'clearview-ai-facial-recognition-software',
        'cnil-formal-notice-med-2021-134',
        'cnil-penalty-payment-liquidation-2023',
        'cnil-sanction-san-2022-019',
        'dsb-decision-clearview-2023',
        'garante-decision-clearview-2022',
        'hellenic-dpa-decision-35-2022',
        'hermes-center-complaint-garante',
        'hoan-ton-that',
        'homo-digitalis-complaint-hellenic-dpa',
        'ico-monetary-penalty-and-enforcement-notice-2022',
        'ico-provisional-notice-2021',
        'nextinpact-2022-10-70209',
        'noyb-complaint-dsb',
        'oaic-determination-2021-aicmr-54',
        'oipc-alberta',
        'oipc-british-columbia',
        'opc-canada',
        'opc-canada-findings-2021-001',
        'plawiuk-buzzfeed-2021-08-25',
        'privacy-international-complaint-cnil',
        'privacy-international-complaint-ico',
        'richard-schwartz',
        'the-decoder-587',
        'united-states',
        'wikipedia-clearview-ai-rev-937536806',
      ].sort(),
    );
    for (const n of entities.slice(1)) expect(n.distance).toBe(1);
    for (const n of entities) expect(n.status).toBeNull();
    expect(new Set(g.nodes.map((n: any) => n.kind))).toEqual(
      new Set(['COMPANY', 'PRODUCT', 'REGULATOR', 'PERSON', 'COUNTRY', 'COMPLAINT', 'DECISION', 'DOCUMENT', 'CLAIM']),
    );
    // Claims about or made by the entities in view.
    expect(claims).toHaveLength(62);
    for (const c of claims) expect(['UNCONTESTED', 'CORROBORATED', 'DISPUTED']).toContain(c.status);
    expect(claims.find((c: any) => c.id === 'dekker-police-never-used-clearview')).toEqual({
      id: 'dekker-police-never-used-clearview',
      label: "Minister Dekker: the Dutch police have never used Clearview AI's facial recognition software.",
      kind: 'CLAIM',
      distance: 1,
      status: 'DISPUTED',
    });
    expect(claims.find((c: any) => c.id === 'clearview-database-mostly-public-sources')).toMatchObject({ status: 'UNCONTESTED' });

    const nodeIds = new Set(ids(g.nodes));
    for (const e of g.edges) {
      expect(nodeIds.has(e.source)).toBe(true);
      expect(nodeIds.has(e.target)).toBe(true);
    }
    const edgeKeys = g.edges.map((e: any) => `${e.source} ${e.type} ${e.target}`);
    expect(edgeKeys).toContain('clearview-ai DEVELOPS clearview-ai-facial-recognition-software');
    expect(edgeKeys).toContain('hoan-ton-that FOUNDED clearview-ai');
    expect(edgeKeys).toContain('garante-decision-clearview-2022 AGAINST clearview-ai');
    expect(edgeKeys).toContain('dekker-police-never-used-clearview ABOUT clearview-ai');
    expect(edgeKeys).toContain('clearview-ai MADE clearview-database-mostly-public-sources');
    const contradicts = g.edges
      .filter((e: any) => e.type === 'CONTRADICTS')
      .map((e: any) => [e.source, e.target].sort().join(' '));
    expect(contradicts).toContain(['buzzfeed-dutch-police-used-clearview-51-to-100-times', 'dekker-police-never-used-clearview'].sort().join(' '));
    // Questions contradict nothing; they rest on what prompted them, and qualifications are drawn too.
    expect(contradicts.some((c: string) => c.includes('questions-presuppose'))).toBe(false);
    expect(edgeKeys).toContain('lisa-van-ginneken-questions-presuppose-police-use BASED_ON buzzfeed-dutch-police-used-clearview-51-to-100-times');
    expect(edgeKeys).toContain('dekker-individual-officer-use-not-ruled-out QUALIFIES dekker-police-never-used-clearview');
    expect(new Set(g.edges.map((e: any) => e.id)).size).toBe(g.edges.length);
  });

  it('says the neighbourhood of Clearview AI is truncated when limited to 10 nodes', async () => {
    const data = await run('subgraph-around-clearview', { center: 'clearview-ai', depth: 1, limit: 10, includeClaims: true });
    const g = data.subgraph;
    expect(g.truncated).toBe(true);
    expect(g.nodes).toHaveLength(10);
    expect(g.nodes[0].id).toBe('clearview-ai');
    // Entities are kept before claims, and there are 32 of them.
    expect(g.nodes.filter((n: any) => n.kind === 'CLAIM')).toEqual([]);
  });

  it('leaves claims out of the neighbourhood of Clearview AI when asked to', async () => {
    const data = await run('subgraph-around-clearview', { center: 'clearview-ai', includeClaims: false });
    const g = data.subgraph;
    expect(g.truncated).toBe(false);
    expect(g.nodes).toHaveLength(32);
    expect(g.nodes.some((n: any) => n.kind === 'CLAIM')).toBe(false);
    expect(g.edges.some((e: any) => ['MADE', 'ABOUT', 'CONTRADICTS', 'BASED_ON', 'QUALIFIES'].includes(e.type))).toBe(false);
  });
});

describe('the Dutch police', () => {
  it('shows that the Dutch police use CATCH (called "Capture" in the article), not Clearview', async () => {
    const data = await run('which-tool-do-the-dutch-police-use');
    const police = data.entity;
    expect(police.name).toBe('Dutch National Police');
    expect(police.uses).toHaveLength(1);
    expect(police.uses[0]).toMatchObject({ id: 'catch', name: 'CATCH', kind: 'PRODUCT' });
    expect(police.uses[0].aliases).toEqual(expect.arrayContaining(['Capture', 'Centrale Automatische TeChnologie voor Herkenning van personen']));
    expect(police.uses[0].properties).toEqual({
      inUseSince: 'end 2016',
      databaseSize: '2.2 million images of 1.3 million people (2019-2021)',
    });
    expect(police.relationships.totalCount).toBe(1);
    const edge = police.relationships.edges[0];
    const uses = { direction: edge.direction, other: edge.other, ...edge.node };
    expect(uses).toMatchObject({
      id: 'dutch-national-police:USES:catch',
      type: 'USES',
      direction: 'OUT',
      other: { id: 'catch' },
      properties: { since: 'end 2016' },
    });
    expect(uses.sources).toContainEqual({ document: { id: ARTICLE }, quote: 'The application that the police use for this is Capture.' });
  });

  it('shows that the police policy line prohibits the Clearview AI software and was adopted by the police', async () => {
    const data = await run('what-the-police-policy-prohibits');
    const policy = data.entity;
    expect(policy).toMatchObject({ name: 'Dutch police internal policy line on facial recognition', kind: 'POLICY' });
    expect(policy.prohibits).toEqual([
      { id: 'clearview-ai-facial-recognition-software', name: 'Clearview AI facial recognition software', kind: 'PRODUCT' },
    ]);
    // Ordered by type: ADOPTED before PROHIBITS.
    expect(policy.relationships.totalCount).toBe(2);
    const [adopted, prohibits] = policy.relationships.edges.map((e: any) => ({ direction: e.direction, other: e.other, ...e.node }));
    expect(adopted).toMatchObject({ type: 'ADOPTED', direction: 'IN', other: { id: 'dutch-national-police', name: 'Dutch National Police' } });
    expect(prohibits).toMatchObject({
      type: 'PROHIBITS',
      direction: 'OUT',
      other: { id: 'clearview-ai-facial-recognition-software' },
      properties: {
        scope: 'use of facial recognition technology in operational processes, unless the Ethics and Digitization portfolio holders advise positively',
      },
    });
    expect(prohibits.sources).toContainEqual({
      document: { id: ARTICLE },
      quote: 'An internal policy prohibits agents from using this application in their daily work.',
    });
    expect(policy.claimsAbout.totalCount).toBe(2);
    expect(policy.claimsAbout.edges.map((e: any) => [e.node.id, e.node.polarity, e.node.claimant.id])).toEqual([
      ['dekker-no-approved-use-other-than-catch', 'DENIES', 'sander-dekker'],
      ['dekker-police-policy-prohibits-operational-facial-recognition', 'AFFIRMS', 'sander-dekker'],
    ]);
  });

  it('names the two deputies who asked the written questions, their parties, and what prompted and answered them', async () => {
    const data = await run('who-asked-the-written-questions');
    const q = data.entity;
    expect(q.date).toBe('2021-08-27');
    expect(q.askedBy.totalCount).toBe(2);
    const askers = q.askedBy.edges.map((e: any) => e.other);
    const parties = Object.fromEntries(
      askers.map((p: any) => [p.name, p.memberships.filter((m: any) => m.to.kind === 'POLITICAL_PARTY').map((m: any) => m.to.name)]),
    );
    expect(parties).toEqual({ 'Lisa van Ginneken': ['D66'], 'Kauthar Bouchallikh': ['GroenLinks'] });
    for (const p of askers) expect(p.memberships.map((m: any) => m.to.id)).toContain('house-of-representatives');
    expect(q.askedBy.edges[0].node.sources.map((s: any) => s.quote)).toContain(
      'That\u2019s what outgoing Minister of Legal Protection Sander Dekker writes an answer to written questions by Lisa van Ginneken (D66) and Kauthar Bouchallikh (Green left).',
    );
    expect(q.addressedTo.edges.map((e: any) => e.other.id).sort()).toEqual(['minister-for-legal-protection', 'sander-dekker']);
    const around = q.prompts.edges.map((e: any) => [e.direction, e.other.id, e.other.date]).sort();
    expect(around).toEqual([
      ['IN', 'dekker-answers-on-clearview', '2021-09-28'],
      ['OUT', 'buzzfeed-clearview-trials-publication', '2021-08-25'],
    ]);
  });
});

describe('slicing the graph: filters, sorting and grouped totals', () => {
  it('totals the fines per country in euros, most first, counting the ICO\u2019s GBP fine without summing it', async () => {
    const data = await run('fines-per-country-in-euros');
    expect(data.decisionStats.map((g: any) => [g.key, g.label, g.count, g.sumEur, g.maxEur])).toEqual([
      ['the-netherlands', 'the Netherlands', 1, 30500000, 30500000],
      ['france', 'France', 1, 20000000, 20000000],
      ['greece', 'Greece', 1, 20000000, 20000000],
      ['italy', 'Italy', 1, 20000000, 20000000],
      ['sweden', 'Sweden', 1, 250000, 250000],
      // No held document states a GBP rate: no euro figure, so no sum rather than 0.
      ['united-kingdom', 'United Kingdom', 1, null, null],
    ]);
  });

  it('lists the seven decisions that ordered deletion, oldest first, with who issued them', async () => {
    const data = await run('decisions-that-ordered-deletion');
    expect(data.entities.totalCount).toBe(7);
    expect(data.entities.edges.map((e: any) => [e.node.id, e.node.date, e.node.issuedBy.map((i: any) => i.id)])).toEqual([
      ['oaic-determination-2021-aicmr-54', '2021-10-14', ['oaic']],
      ['cnil-formal-notice-med-2021-134', '2021-11-26', ['cnil']],
      ['garante-decision-clearview-2022', '2022-02-10', ['garante']],
      ['ico-monetary-penalty-and-enforcement-notice-2022', '2022-05-18', ['ico']],
      ['hellenic-dpa-decision-35-2022', '2022-07-13', ['hellenic-dpa']],
      ['cnil-sanction-san-2022-019', '2022-10-17', ['cnil']],
      ['dsb-decision-clearview-2023', '2023-05-09', ['dsb']],
    ]);
    for (const e of data.entities.edges) expect(e.node.measures).toContain('ORDER_TO_DELETE');
  });

  it('finds one disputed claim of the minister: the police never used Clearview, against BuzzFeed News', async () => {
    const data = await run('the-ministers-disputed-claims');
    expect(data.claims.totalCount).toBe(1);
    expect(data.claims.edges[0].node).toEqual({
      id: 'dekker-police-never-used-clearview',
      madeOn: '2021-09-28',
      status: 'DISPUTED',
      support: 1,
      opposition: 1,
      contradictedBy: [{ id: 'buzzfeed-dutch-police-used-clearview-51-to-100-times', claimant: { id: 'buzzfeed-news' } }],
    });
  });

  it('names the regulators whose decisions never fined: the DSB, the OAIC and the OPC', async () => {
    const data = await run('regulators-that-decided-without-a-fine');
    const regulators = data.entities.edges.map((e: any) => e.node);
    expect(ids(regulators)).toEqual(['autoriteit-persoonsgegevens', 'cnil', 'dsb', 'garante', 'hellenic-dpa', 'ico', 'imy', 'oaic', 'opc-canada']);
    for (const r of regulators) expect(r.decisions.length).toBeGreaterThan(0);
    const neverFined = regulators.filter((r: any) => r.decisions.every((d: any) => !d.measures.includes('FINE')));
    expect(ids(neverFined)).toEqual(['dsb', 'oaic', 'opc-canada']);
  });

  it('finds the three complaints no decision responds to yet, with the regulator each was filed with', async () => {
    const data = await run('complaints-without-a-decision');
    expect(data.entities.totalCount).toBe(3);
    expect(data.entities.edges.map((e: any) => [e.node.id, e.node.date, ids(e.node.filedWith)])).toEqual([
      ['hermes-center-complaint-garante', '2021-05-27', ['garante']],
      ['privacy-international-complaint-cnil', '2021-05-27', ['cnil']],
      ['privacy-international-complaint-ico', '2021-05-27', ['ico']],
    ]);
  });

  it('lists the 17 claims of September 2021 in date order: all the minister\u2019s answers of the 28th', async () => {
    const data = await run('claims-of-september-2021');
    expect(data.claims.totalCount).toBe(17);
    const claims = data.claims.edges.map((e: any) => e.node);
    for (const c of claims) expect(c).toMatchObject({ madeOn: '2021-09-28', claimant: { id: 'sander-dekker' } });
    // Equal dates: by id.
    expect(ids(claims)).toEqual(ids(claims).sort());
    expect(ids(claims)).toContain('dekker-police-never-used-clearview');
    expect(data.claims.pageInfo.hasNextPage).toBe(false);
  });

  it('ranks the entities by relationships: Clearview AI first with 38', async () => {
    const data = await run('entities-with-most-relationships');
    expect(data.entities.edges.map((e: any) => [e.node.id, e.node.kind, e.node.relationships.totalCount])).toEqual([
      ['clearview-ai', 'COMPANY', 38],
      ['ico-monetary-penalty-and-enforcement-notice-2022', 'DECISION', 12],
      ['written-questions-on-police-use-of-clearview', 'EVENT', 11],
      // Equal degree: by name.
      ['ah-tk-20212022-105', 'DOCUMENT', 10],
      ['article-cabinet-insists-police-never-used-clearview', 'DOCUMENT', 10],
    ]);
  });

  it('ranks the amounts of a million euros or more, largest first, equal ones oldest first', async () => {
    const data = await run('largest-fines-in-euros');
    expect(data.entities.edges.map((e: any) => [e.node.id, e.node.amountEur])).toEqual([
      ['ap-decision-clearview-2024', 30500000],
      ['garante-decision-clearview-2022', 20000000],
      ['hellenic-dpa-decision-35-2022', 20000000],
      ['cnil-sanction-san-2022-019', 20000000],
      ['cnil-penalty-payment-liquidation-2023', 5200000],
    ]);
  });

  it('counts the decisions per status on a date: on 2024-01-01 ten in force, the ICO\u2019s overturned', async () => {
    const data = await run('decisions-per-status-on-a-date', { asOf: '2024-01-01' });
    expect(data.decisionStats).toEqual([
      // Garante, Hellenic DPA, CNIL (20 M each), the CNIL's liquidation (5.2 M), the IMY (250,000).
      { key: 'IN_FORCE', count: 10, sumEur: 65450000 },
      // Decisions not yet made (the AP's, 2024), or without a recorded status.
      { key: 'UNKNOWN', count: 7, sumEur: 30500000 },
      { key: 'OVERTURNED', count: 1, sumEur: null },
    ]);
    const earlier = await run('decisions-per-status-on-a-date', { asOf: '2022-06-01' });
    expect(earlier.decisionStats.find((g: any) => g.key === 'IN_FORCE')).toEqual({ key: 'IN_FORCE', count: 5, sumEur: 20250000 });
  });

  it('counts the minister\u2019s claims per status: sixteen uncontested, one disputed', async () => {
    const data = await run('the-ministers-claims-per-status');
    expect(data.claimStats).toEqual([
      { key: 'UNCONTESTED', label: 'UNCONTESTED', count: 16 },
      { key: 'DISPUTED', label: 'DISPUTED', count: 1 },
    ]);
  });
});

describe('the query documents', () => {
  const dir = path.join(__dirname, '..', 'queries');
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => f.slice(0, -'.graphql'.length));

  it('holds at least 14 analyst questions, each stated in a leading # comment', () => {
    expect(names.length).toBeGreaterThanOrEqual(14);
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const first = queryFile(name).split('\n')[0];
      expect(first).toMatch(/^# \S/);
    }
  });

  it('uses no deprecated field: they are examples for analysts to copy', () => {
    const schema = buildSchema(path.join(__dirname, '..', '..', 'schema'));
    const deprecated = names.flatMap((name) => validate(schema, parse(queryFile(name)), [NoDeprecatedCustomRule]).map((e) => `${name}: ${e.message}`));
    expect(deprecated).toEqual([]);
  });

  it('uses every .graphql file in test/queries/ in some test', () => {
    const source = fs.readFileSync(__filename, 'utf8');
    const used = new Set([...source.matchAll(/run\(\s*'([a-z0-9-]+)'/g)].map((m) => m[1]));
    const unused = names.filter((n) => !used.has(n));
    expect(unused).toEqual([]);
    // And no test names a document that does not exist.
    expect([...used].filter((n) => !names.includes(n))).toEqual([]);
  });
});
