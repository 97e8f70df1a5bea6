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
/** Issue 28's decisions beyond Clearview AI's own case: asked about in their own questions below. */
const ISSUE_28_DECISIONS = new Set([
  'aepd-ps-00120-2021-mercadona', 'ap-barcelona-mercadona-2021', 'art-bunnings-2026-arta-130', 'bridges-divisional-court-2019',
  'bridges-ewca-civ-1058', 'clearview-class-settlement-2025', 'cnil-opinion-paca-high-schools-2019', 'coc-dio21006-clearview',
  'datatilsynet-2022-51-0375-broendby', 'datatilsynet-broendby-authorisation-2019', 'facebook-bipa-settlement-2021',
  'finnish-ombudsman-reprimand-police-clearview-2021', 'ftc-rite-aid-2023', 'garante-opinion-127-2021-sari', 'garante-trento-2024',
  'ico-facewatch-no-further-action-2023', 'ico-serco-enforcement-notices-2024', 'imy-skelleftea-di-2019-2221', 'oaic-7-eleven-2021-aicmr-50',
  'oaic-bunnings-2024-aicmr-230', 'opc-special-report-rcmp-clearview-2021', 'stockholm-administrative-court-of-appeal-5888-20',
  'stockholm-administrative-court-skelleftea-2020', 'swedish-supreme-administrative-court-skelleftea-leave-refused', 'ta-marseille-1901249',
  'texas-meta-settlement-2024', 'hmbbfdi-clearview-information-order-2020', 'hmbbfdi-clearview-deletion-request-2021',
  'lfdi-pimeyes-fine-proceedings-2022', 'ap-letter-supermarkets-2020', 'ap-formal-warning-jumbo-2020',
  'ap-legal-framework-facial-recognition-2024', 'edpb-edps-joint-opinion-5-2021',
]);
const ARTICLE_TITLE = 'Cabinet insists: police have never used Clearview AI software';

describe('the minister against BuzzFeed News', () => {
  it('splits the police-use question on primary words: the minister denies operational use, BuzzFeed reports searches by police-associated accounts, and no line stands against another', async () => {
    const data = await run('minister-vs-buzzfeed', {
      claimId: 'dekker-not-implemented-operationally',
      about: 'dutch-national-police',
    });

    const claim = data.claim;
    expect(claim).toMatchObject({
      id: 'dekker-not-implemented-operationally',
      kind: 'ASSERTION',
      polarity: 'DENIES',
      madeOn: '2021-09-28',
      status: 'UNCONTESTED',
      support: 1,
      opposition: 0,
      claimant: { id: 'sander-dekker', name: 'Sander Dekker', kind: 'PERSON' },
      proposition: { id: 'dutch-police-used-clearview' },
    });
    expect(claim.proposition.text).toMatch(/^The Dutch police, as an organisation, used Clearview AI/);
    // The minister's side: his letter as Tweakers and Security.NL quote it, and the official record of his answers.
    expect(claim.sources).toContainEqual(
      expect.objectContaining({
        document: expect.objectContaining({ id: 'tweakers-187478-dekker', primary: false }),
        quote: expect.stringContaining("dat het systeem operationeel is ingezet"),
        verified: true,
      }),
    );
    expect(claim.sources).toContainEqual(
      expect.objectContaining({
        document: expect.objectContaining({ id: 'ah-tk-20212022-105', primary: true }),
        quote: 'Antwoord van Minister Dekker (Rechtsbescherming), mede namens de Minister van Justitie en Veiligheid (ontvangen 28 september 2021).',
        verified: true,
      }),
    );
    for (const s of claim.sources) expect(s.verified).toBe(true);
    // "Never used" is the article's wording, a report resting on his letter: same side, one line.
    expect(ids(claim.corroboratedBy)).toEqual(['article-police-never-used-clearview']);
    expect(ids(claim.contradictedBy)).toEqual([]);
    expect(sortedIds(claim.qualifiedBy)).toEqual(['dekker-individual-officer-use-not-ruled-out']);

    // BuzzFeed's report is on what its data shows: searches recorded under a police-associated requester.
    const bf = (await run('minister-vs-buzzfeed', { claimId: 'buzzfeed-dutch-police-used-clearview-51-to-100-times', about: 'dutch-national-police' })).claim;
    expect(bf).toMatchObject({
      kind: 'REPORT',
      polarity: 'AFFIRMS',
      status: 'UNCONTESTED',
      support: 1,
      opposition: 0,
      madeOn: '2021-08-25',
      claimant: { id: 'buzzfeed-news', name: 'BuzzFeed News', kind: 'MEDIA' },
      proposition: { id: 'police-associated-accounts-searched-clearview' },
    });
    expect(bf.text).toContain('between 51 and 100 times');
    expect(bf.sources).toContainEqual(
      expect.objectContaining({
        document: expect.objectContaining({ id: 'ah-tk-20212022-105', primary: true }),
        quote: expect.stringContaining('bevragingen zijn geregistreerd met als aanvrager iemand die geassocieerd wordt met het'),
        verified: true,
      }),
    );
    expect(bf.sources).toContainEqual({
      document: { id: ARTICLE, name: ARTICLE_TITLE, url: null, primary: false },
      quote: 'In fact, leaked internal data showed that the Dutch police had used the company\u2019s services between 51 and 100 times.',
      translation: null,
      verified: true,
    });
    expect(bf.contradictedBy).toEqual([]);

    // Seen from the police: no proposition has a counted line on each side; the deputies'
    // questions sit on the operational proposition, resting on BuzzFeed's report.
    expect(data.contradictions).toEqual([]);
    const questions = await gql(server.url, '{ proposition(id: "dutch-police-used-clearview") { claims { id kind basedOn { id } } } }');
    const asked = questions.data.proposition.claims.filter((c: any) => c.kind === 'QUESTION');
    expect(sortedIds(asked)).toEqual(['kauthar-bouchallikh-questions-presuppose-police-use', 'lisa-van-ginneken-questions-presuppose-police-use']);
    for (const q of asked) expect(q.basedOn).toEqual([{ id: 'buzzfeed-dutch-police-used-clearview-51-to-100-times' }]);
  });
});

describe('the evidence model', () => {
  it('narrows Minister Dekker\u2019s real-time facial recognition claim by Grapperhaus\u2019s further answer, then counts it no more from his correction of 13 December 2021', async () => {
    const data = await run('grapperhaus-qualifies-dekker', { id: 'dekker-no-real-time-facial-recognition-in-netherlands' });
    const claim = data.claim;
    // Corrected for the office he spoke for ("niet helemaal juist", nr. 1053): it no longer counts, and
    // Grapperhaus's own statement that real-time identification does take place stands alone.
    expect(claim).toMatchObject({ kind: 'ASSERTION', status: 'CORRECTED', support: 0, opposition: 1, claimant: { id: 'sander-dekker' } });
    expect(claim.correctedBy).toEqual([{ id: 'grapperhaus-broad-reading-not-entirely-correct', madeOn: '2021-12-13', claimant: { id: 'ferd-grapperhaus' } }]);
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
    // As known on the day of the further answer, before the correction, the claim still stood.
    const before = await gql(server.url, '{ claim(id: "dekker-no-real-time-facial-recognition-in-netherlands") { standing(asOf: "2021-12-12") { status support opposition } } }');
    expect(before.data.claim.standing).toEqual({ status: 'UNCONTESTED', support: 1, opposition: 0 });
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
    // The police-use question is split on primary words, and the First-tier Tribunal's holding was
    // superseded by the Upper Tribunal's; what is disputed in Clearview AI's own case today is its own
    // denial of the GDPR's reach and of the ICO's jurisdiction (issue 28, law-policy fact 20). The
    // other disputes are issue 28's, beyond that case (every-dispute-with-its-lines).
    expect(claims.contradictions.map((c: any) => c.proposition.id).sort()).toEqual([
      'belgian-federal-police-searched-clearview-78-times',
      'clearview-subject-to-gdpr',
      'ico-found-facewatch-fully-compliant',
      'ico-has-jurisdiction-over-clearview-uk-processing',
      'rcmp-contravened-privacy-act-with-clearview',
    ]);
  });

  it('follows the ICO notice over time: in force on 2022-06-01, overturned on 2024-01-01, suspended today pending the appeal sent back', async () => {
    const data = await run('ico-notice-status-over-time', { id: 'ico-monetary-penalty-and-enforcement-notice-2022' });
    const ico = data.entity;
    expect(ico).toMatchObject({ decidedOn: '2022-05-18', beforeIt: 'UNKNOWN', inForce: 'IN_FORCE', afterTribunal: 'OVERTURNED', today: 'SUSPENDED' });
    expect(ico.statusHistory.map((c: any) => [c.status, c.from, c.precision, c.by?.id ?? null])).toEqual([
      ['IN_FORCE', '2022-05-18', 'DAY', null],
      ['OVERTURNED', '2023-10-17', 'DAY', 'first-tier-tribunal-judgment-2023'],
      ['SUSPENDED', '2025-10-06', 'DAY', 'upper-tribunal-judgment-2025'],
    ]);
    expect(ico.statusHistory[1].by).toMatchObject({ reference: '[2023] UKFTT 00819 (GRC)', issuedBy: [{ id: 'first-tier-tribunal' }] });
    expect(ico.statusHistory[2].by).toMatchObject({ reference: '[2025] UKUT 319 (AAC)', issuedBy: [{ id: 'upper-tribunal' }] });
    for (const change of ico.statusHistory) {
      expect(change.sources.length).toBeGreaterThan(0);
      for (const s of change.sources) expect(s.verified).toBe(true);
    }
    // Suspended by statute while Clearview's appeal, sent back, is pending (DPA 2018 s.150(7)).
    expect(ico.statusHistory[2].sources.map((s: any) => s.document.id)).toEqual(expect.arrayContaining(['uk-dpa2018-s150-enacted', 'govuk-2025-ukut-319']));
    // Its prohibition holds only while it is in force: not after the tribunal, nor while suspended.
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
      // Issue 28: no held text states a rate for SEK in 2019 or for USD: no euro figure.
      'imy-skelleftea-di-2019-2221': [200000, 'SEK', null, null],
      'aepd-ps-00120-2021-mercadona': [2520000, 'EUR', 2520000, null],
      'garante-trento-2024': [50000, 'EUR', 50000, null],
      'facebook-bipa-settlement-2021': [650000000, 'USD', null, null],
      'texas-meta-settlement-2024': [1400000000, 'USD', null, null],
      'clearview-class-settlement-2025': [51750000, 'USD', null, null],
    });
    const imy = decisions.find((d: any) => d.id === 'imy-decision-swedish-police-clearview-2021');
    expect(imy.eurRate).toMatchObject({ on: '2021-02-11', source: { document: { id: 'imy-2021-02-11-police-fine' }, verified: true } });
    expect(imy.measures).toContain('FINE');
    const cnil = decisions.find((d: any) => d.id === 'cnil-sanction-san-2022-019');
    expect(cnil).toMatchObject({ reference: 'SAN-2022-019', decidedOn: '2022-10-17', status: 'IN_FORCE' });
    expect(cnil.measures).toEqual(expect.arrayContaining(['FINE', 'PENALTY_PAYMENT']));
    expect(cnil.articlesBreached).toEqual(['GDPR Art. 6', 'GDPR Art. 12', 'GDPR Art. 15', 'GDPR Art. 17', 'GDPR Art. 31']);
    expect(decisions.find((d: any) => d.id === 'ico-monetary-penalty-and-enforcement-notice-2022')).toMatchObject({ status: 'SUSPENDED', publishedOn: '2022-05-23' });
  });
});

describe('complaints and regulators', () => {
  it('lists the complaints against Clearview AI with who filed them, with which regulator, in which country', async () => {
    const data = await run('complaints-with-regulators');
    const edges = data.entities.edges;
    // Issue 28 adds Matthias Marx's complaint to the Hamburg Commissioner (undated).
    expect(data.entities.totalCount).toBe(7);
    expect(edges).toHaveLength(7);

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
      // No held text names the Hamburg Commissioner's country in a quote.
      'marx-complaint-hmbbfdi-clearview': { by: 'matthias-marx', with: ['hmbbfdi'], country: [], decisions: ['hmbbfdi-clearview-deletion-request-2021', 'hmbbfdi-clearview-information-order-2020'] },
    };
    const actual: typeof expected = {};
    for (const { node } of edges) {
      expect(node.against).toEqual([{ id: 'clearview-ai', name: 'Clearview AI' }]);
      expect(node.filedBy).toHaveLength(1);
      expect(node.filedBy[0].kind).toBe(node.id === 'marx-complaint-hmbbfdi-clearview' ? 'PERSON' : 'NGO');
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
    expect(edges[6].node).toMatchObject({ id: 'marx-complaint-hmbbfdi-clearview', filedOn: null });

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
      // Issue 28: Big Brother Watch's complaint to the ICO (the PACA application went to a court
      // whose country no held text states).
      ['united-kingdom', 'United Kingdom', 'COUNTRY', 2],
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
    expect(data.decisions).toHaveLength(18 + ISSUE_28_DECISIONS.size);
    const decisions = data.decisions.filter((d: any) => !ISSUE_28_DECISIONS.has(d.id));
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
      // Issue 28: the opinion on the PACA high schools, known only by the day it was made public.
      ['cnil-opinion-paca-high-schools-2019', null, null],
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

  it('shows that Clearview AI and the First-tier Tribunal denied the ICO\u2019s jurisdiction and the Upper Tribunal\u2019s holding superseded the tribunal\u2019s, leaving Clearview\u2019s denial against it', async () => {
    const data = await run('does-the-ico-have-jurisdiction');
    expect(data.proposition.text).toBe("The ICO has jurisdiction over Clearview AI's processing of UK residents' data.");
    expect(data.proposition.claims).toEqual([
      // Issue 28 (law-policy fact 20): Clearview's own statement, within days of the fine.
      {
        id: 'clearview-not-subject-to-ico-jurisdiction',
        polarity: 'DENIES',
        status: 'DISPUTED',
        madeOn: '2022-06-01',
        claimant: { id: 'clearview-ai', name: 'Clearview AI', kind: 'COMPANY' },
      },
      {
        id: 'ftt-ico-lacks-jurisdiction',
        polarity: 'DENIES',
        status: 'SUPERSEDED',
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
    // Between the two judgments the First-tier Tribunal's holding stood with Clearview's own denial: two lines, none against.
    const between = await gql(server.url, '{ claim(id: "ftt-ico-lacks-jurisdiction") { supersededOn standing(asOf: "2024-01-01") { status support opposition } } }');
    expect(between.data.claim).toEqual({ supersededOn: '2025-10-06', standing: { status: 'CORROBORATED', support: 2, opposition: 0 } });
  });

  it('lists the UK decisions in date order', async () => {
    const data = await run('decisions-by-country-and-period', { country: 'united-kingdom' });
    // Issue 28 adds the ICO's notices to Serco and its closing of the Facewatch investigation (March
    // 2023, no day held: undated, last). The Court of Appeal in Bridges has no held country.
    expect(data.entities.totalCount).toBe(6);
    expect(data.entities.edges.map((e: any) => [e.node.id, e.node.date])).toEqual([
      ['ico-provisional-notice-2021', '2021-11-29'],
      ['ico-monetary-penalty-and-enforcement-notice-2022', '2022-05-18'],
      ['first-tier-tribunal-judgment-2023', '2023-10-17'],
      ['ico-serco-enforcement-notices-2024', '2024-02-19'],
      ['upper-tribunal-judgment-2025', '2025-10-06'],
      ['ico-facewatch-no-further-action-2023', null],
    ]);
  });

  it('finds the one dated Dutch decision: the Autoriteit Persoonsgegevens fine of EUR 30.5 million (and issue 28\u2019s three undated ones on supermarkets)', async () => {
    const data = await run('decisions-by-country-and-period', { country: 'the-netherlands' });
    expect(data.entities.totalCount).toBe(4);
    expect(data.entities.edges[0].node).toEqual({
      id: 'ap-decision-clearview-2024',
      name: 'Autoriteit Persoonsgegevens decision against Clearview AI',
      date: '2024-05-16',
      amount: 30500000,
      currency: 'EUR',
    });
    // The letter to the supermarkets (June 2020), the warning to Jumbo (December 2020) and the legal
    // framework (May 2024): no day held.
    expect(data.entities.edges.slice(1).map((e: any) => [e.node.id, e.node.date]).sort()).toEqual([
      ['ap-formal-warning-jumbo-2020', null],
      ['ap-legal-framework-facial-recognition-2024', null],
      ['ap-letter-supermarkets-2020', null],
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
  it('lists what Sander Dekker claimed: his March 2020 answer and those of September 2021, none disputed, one corrected, and his relay of the police\u2019s denial no longer counts as corroboration', async () => {
    const data = await run('what-did-sander-dekker-claim', { id: 'sander-dekker' });
    const conn = data.entity.claimsMade;
    expect(conn.totalCount).toBe(18);
    expect(conn.pageInfo.hasNextPage).toBe(false);
    const claims = conn.edges.map((e: any) => e.node);
    expect(claims).toHaveLength(18);
    // His March 2020 answer (held as he confirmed it in 2021), then the answers of 28 September 2021.
    const days = claims.map((c: any) => c.madeOn);
    expect(days.filter((d: string) => d === '2021-09-28')).toHaveLength(17);
    expect(claims.find((c: any) => c.madeOn !== '2021-09-28')).toMatchObject({ id: 'dekker-2020-no-dutch-investigative-services-work-with-clearview', madeOn: '2020-03-31' });

    const byStatus = (s: string) => ids(claims.filter((c: any) => c.status === s)).sort();
    expect(byStatus('DISPUTED')).toEqual([]);
    expect(byStatus('CORRECTED')).toEqual(['dekker-no-real-time-facial-recognition-in-netherlands']);
    expect(byStatus('CORROBORATED')).toEqual([]);
    expect(byStatus('UNCONTESTED')).toHaveLength(17);
    expect(ids(claims.filter((c: any) => c.polarity === 'AFFIRMS')).sort()).toEqual([
      'dekker-buzzfeed-log-files-predate-february-2020',
      'dekker-clearview-use-violates-fundamental-rights',
      'dekker-police-policy-prohibits-operational-facial-recognition',
    ]);

    // He relays what the police told him: his claim rests on theirs, so the two are one line.
    const buy = claims.find((c: any) => c.id === 'dekker-police-do-not-buy-clearview-services');
    expect(buy.proposition.id).toBe('dutch-police-purchased-from-clearview');
    expect(buy.status).toBe('UNCONTESTED');
    expect(buy.corroboratedBy).toEqual([
      { id: 'grapperhaus-2020-police-not-approached-no-products', claimant: { id: 'ferd-grapperhaus' } },
      { id: 'police-deny-purchasing-from-clearview', claimant: { id: 'dutch-national-police' } },
    ]);
    // "Never used" is not his: his held words deny operational use, and the article's wording rests on them.
    expect(claims.some((c: any) => /never used/i.test(c.text))).toBe(false);
    const operational = claims.find((c: any) => c.id === 'dekker-not-implemented-operationally');
    expect(operational).toMatchObject({ polarity: 'DENIES', proposition: { id: 'dutch-police-used-clearview' }, status: 'UNCONTESTED' });
    expect(operational.corroboratedBy).toEqual([{ id: 'article-police-never-used-clearview', claimant: { id: 'article-cabinet-insists-police-never-used-clearview' } }]);
  });

  it('pages through the claims of a status, oldest first, one at a time: Clearview AI\u2019s denials of jurisdiction disputed, two corroborated there, one corrected, one superseded', async () => {
    // The disputes are issue 28's: Clearview's denials of the GDPR's reach (against the Hamburg
    // authority) and of the ICO's jurisdiction (against the Upper Tribunal), the RCMP, Facewatch and
    // the Belgian count (undated last).
    const disputed = await run('claims-of-a-status-paged', { status: 'DISPUTED', first: 5 });
    expect(disputed.claims.totalCount).toBe(12);
    expect(disputed.claims.pageInfo.hasNextPage).toBe(true);
    expect(disputed.claims.edges.map((e: any) => [e.node.id, e.node.madeOn])).toEqual([
      ['hmbbfdi-gdpr-applies-to-clearview', '2020-08-19'],
      ['opc-rcmp-contravened-privacy-act', '2021-06-10'],
      ['clearview-not-subject-to-gdpr', '2022-03-09'],
      ['clearview-not-subject-to-ico-jurisdiction', '2022-06-01'],
      ['policeprofessional-ico-found-facewatch-fully-compliant', '2023-04-18'],
    ]);

    // The joint complaints' ground and the DSB's finding: two sources, not five claimants; then
    // issue 28's two undated lines that the Belgian police's use was unlawful (the COC, the minister).
    const first = await run('claims-of-a-status-paged', { status: 'CORROBORATED', first: 1 });
    expect(first.claims.totalCount).toBe(4);
    expect(first.claims.pageInfo.hasNextPage).toBe(true);
    expect(first.claims.edges.map((e: any) => e.node.id)).toEqual(['complainants-clearview-violates-european-privacy-law']);
    expect(first.claims.pageInfo.endCursor).toBe(first.claims.edges[0].cursor);
    const second = await run('claims-of-a-status-paged', { status: 'CORROBORATED', first: 1, after: first.claims.pageInfo.endCursor });
    expect(second.claims.edges.map((e: any) => e.node.id)).toEqual(['dsb-clearview-breached-gdpr']);
    expect(second.claims.pageInfo.hasNextPage).toBe(true);
    for (const e of [...first.claims.edges, ...second.claims.edges]) expect(e.node).toMatchObject({ status: 'CORROBORATED', polarity: 'AFFIRMS', proposition: { id: 'clearview-violates-european-data-protection-law' } });

    const corrected = await run('claims-of-a-status-paged', { status: 'CORRECTED', first: 5 });
    expect(corrected.claims.edges.map((e: any) => [e.node.id, e.node.madeOn])).toEqual([['dekker-no-real-time-facial-recognition-in-netherlands', '2021-09-28']]);
    const superseded = await run('claims-of-a-status-paged', { status: 'SUPERSEDED', first: 5 });
    expect(superseded.claims.edges.map((e: any) => [e.node.id, e.node.madeOn])).toEqual([
      ['ftt-ico-lacks-jurisdiction', '2023-10-17'],
      // Issue 28: the Commissioner's APP 3.3 finding on Bunnings, set aside by the Tribunal.
      ['oaic-bunnings-breached-app-3', '2024-10-29'],
    ]);
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
    // Issue 28 adds 156 documents from its two registers and 112 entities (12 practices among them).
    expect(counts).toEqual({
      DOCUMENT: 230,
      DECISION: 51,
      REGULATOR: 21,
      COUNTRY: 14,
      COURT: 14,
      LAW: 14,
      COMPANY: 13,
      MEDIA: 11,
      PRACTICE: 12,
      PERSON: 10,
      COMPLAINT: 9,
      GOVERNMENT: 10,
      EVENT: 8,
      NGO: 8,
      POLICE: 8,
      POLITICAL_PARTY: 4,
      PRODUCT: 4,
      LEGISLATURE: 1,
      POLICY: 2,
    });
    const ordered = data.entityCounts.map((k: any) => k.count);
    expect(ordered).toEqual([...ordered].sort((a: number, b: number) => b - a));
    expect(data.entityCounts[0]).toEqual({ kind: 'DOCUMENT', count: 230 });
    expect(data.entities.totalCount).toBe(444);
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
        // Issue 28: the US class settlement against Clearview AI, the Hamburg Commissioner's two
        // steps on Matthias Marx's complaint.
        'clearview-class-settlement-2025',
        'hmbbfdi-clearview-deletion-request-2021',
        'hmbbfdi-clearview-information-order-2020',
        'marx-complaint-hmbbfdi-clearview',
        'cnil-formal-notice-med-2021-134',
        'cnil-penalty-payment-liquidation-2023',
        'cnil-sanction-san-2022-019',
        'dsb-decision-clearview-2023',
        'eu-digwatch-2021-complaints',
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
    // Claims about or made by the entities in view; issue 28 adds the five on the Belgian police's
    // Clearview use (about Clearview AI) and the two on the RCMP's (the OPC's and the RCMP's); its
    // second round eight about Clearview AI (its denials of jurisdiction and the Hamburg authority's
    // answer, its 20, 30 and 40 billion, the OPC's 3 billion, its not going back to Europe).
    expect(claims).toHaveLength(67);
    for (const c of claims) expect(['UNCONTESTED', 'CORROBORATED', 'DISPUTED', 'CORRECTED', 'SUPERSEDED']).toContain(c.status);
    expect(claims.find((c: any) => c.id === 'article-police-never-used-clearview')).toMatchObject({ kind: 'CLAIM', distance: 1, status: 'UNCONTESTED' });
    expect(claims.find((c: any) => c.id === 'ftt-ico-lacks-jurisdiction')).toMatchObject({ status: 'SUPERSEDED' });
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
    expect(edgeKeys).toContain('article-police-never-used-clearview ABOUT clearview-ai');
    expect(edgeKeys).toContain('clearview-ai MADE clearview-database-mostly-public-sources');
    const contradicts = g.edges
      .filter((e: any) => e.type === 'CONTRADICTS')
      .map((e: any) => [e.source, e.target].sort().join(' '));
    expect(contradicts).not.toContain(['buzzfeed-dutch-police-used-clearview-51-to-100-times', 'article-police-never-used-clearview'].sort().join(' '));
    // Questions contradict nothing; they rest on what prompted them, and qualifications are drawn too.
    expect(contradicts.some((c: string) => c.includes('questions-presuppose'))).toBe(false);
    expect(edgeKeys).toContain('lisa-van-ginneken-questions-presuppose-police-use BASED_ON buzzfeed-dutch-police-used-clearview-51-to-100-times');
    expect(edgeKeys).toContain('article-police-never-used-clearview BASED_ON dekker-not-implemented-operationally');
    expect(new Set(g.edges.map((e: any) => e.id)).size).toBe(g.edges.length);
  });

  it('says the neighbourhood of Clearview AI is truncated when limited to 10 nodes', async () => {
    const data = await run('subgraph-around-clearview', { center: 'clearview-ai', depth: 1, limit: 10, includeClaims: true });
    const g = data.subgraph;
    expect(g.truncated).toBe(true);
    expect(g.nodes).toHaveLength(10);
    expect(g.nodes[0].id).toBe('clearview-ai');
    // Entities are kept before claims, and there are 37 of them.
    expect(g.nodes.filter((n: any) => n.kind === 'CLAIM')).toEqual([]);
  });

  it('leaves claims out of the neighbourhood of Clearview AI when asked to', async () => {
    const data = await run('subgraph-around-clearview', { center: 'clearview-ai', includeClaims: false });
    const g = data.subgraph;
    expect(g.truncated).toBe(false);
    expect(g.nodes).toHaveLength(37);
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
      // Issue 28: the Garante's EUR 50,000 on Trento.
      ['italy', 'Italy', 2, 20050000, 20000000],
      ['france', 'France', 1, 20000000, 20000000],
      ['greece', 'Greece', 1, 20000000, 20000000],
      // Issue 28: the AEPD's fine on Mercadona.
      ['spain', 'Spain', 1, 2520000, 2520000],
      // Issue 28: Skellefteå's SEK 200,000 counts, without a euro figure (no held rate for 2019).
      ['sweden', 'Sweden', 2, 250000, 250000],
      // No held document states a GBP rate: no euro figure, so no sum rather than 0.
      ['united-kingdom', 'United Kingdom', 1, null, null],
    ]);
  });

  it('lists the twelve decisions that ordered deletion, oldest first, with who issued them', async () => {
    const data = await run('decisions-that-ordered-deletion');
    expect(data.entities.totalCount).toBe(12);
    expect(data.entities.edges.map((e: any) => [e.node.id, e.node.date, e.node.issuedBy.map((i: any) => i.id)])).toEqual([
      // Issue 28: Facebook's face templates, 7-Eleven's faceprints.
      ['facebook-bipa-settlement-2021', '2021-02-26', ['us-district-court-nd-california']],
      ['oaic-7-eleven-2021-aicmr-50', '2021-09-29', ['oaic']],
      ['oaic-determination-2021-aicmr-54', '2021-10-14', ['oaic']],
      ['cnil-formal-notice-med-2021-134', '2021-11-26', ['cnil']],
      ['garante-decision-clearview-2022', '2022-02-10', ['garante']],
      ['ico-monetary-penalty-and-enforcement-notice-2022', '2022-05-18', ['ico']],
      ['hellenic-dpa-decision-35-2022', '2022-07-13', ['hellenic-dpa']],
      ['cnil-sanction-san-2022-019', '2022-10-17', ['cnil']],
      ['dsb-decision-clearview-2023', '2023-05-09', ['dsb']],
      // Issue 28: Trento's data, Serco's biometric data, Bunnings's.
      ['garante-trento-2024', '2024-01-11', ['garante']],
      ['ico-serco-enforcement-notices-2024', '2024-02-19', ['ico']],
      ['oaic-bunnings-2024-aicmr-230', '2024-10-29', ['oaic']],
    ]);
    for (const e of data.entities.edges) expect(e.node.measures).toContain('ORDER_TO_DELETE');
  });

  it('finds no disputed claim of the minister, and one corrected: real-time facial recognition, by Grapperhaus', async () => {
    const data = await run('the-ministers-disputed-claims');
    expect(data.claims.totalCount).toBe(1);
    expect(data.claims.edges[0].node).toEqual({
      id: 'dekker-no-real-time-facial-recognition-in-netherlands',
      madeOn: '2021-09-28',
      status: 'CORRECTED',
      support: 0,
      opposition: 1,
      contradictedBy: [{ id: 'grapperhaus-real-time-identification-takes-place', claimant: { id: 'ferd-grapperhaus' } }],
      correctedBy: [{ id: 'grapperhaus-broad-reading-not-entirely-correct', madeOn: '2021-12-13', claimant: { id: 'ferd-grapperhaus' } }],
    });
  });

  it('names the regulators whose decisions never fined: the DSB, the OAIC, the OPC and eight of issue 28\u2019s authorities', async () => {
    const data = await run('regulators-that-decided-without-a-fine');
    const regulators = data.entities.edges.map((e: any) => e.node);
    // By name; issue 28 adds the AEPD, the LfDI Baden-Württemberg, the COC, Datatilsynet, the FTC,
    // the Hamburg Commissioner and the Finnish Ombudsman; its second round the EDPB and the EDPS
    // (their Joint Opinion 5/2021).
    expect(ids(regulators)).toEqual([
      'aepd', 'autoriteit-persoonsgegevens', 'lfdi-baden-wuerttemberg', 'cnil', 'coc-belgium', 'datatilsynet', 'dsb', 'edpb', 'edps', 'ftc', 'garante', 'hmbbfdi',
      'hellenic-dpa', 'ico', 'imy', 'oaic', 'finnish-data-protection-ombudsman', 'opc-canada',
    ]);
    for (const r of regulators) expect(r.decisions.length).toBeGreaterThan(0);
    const neverFined = regulators.filter((r: any) => r.decisions.every((d: any) => !d.measures.includes('FINE')));
    // A finding, a reprimand, authorisations, a proposed order, an opinion: no fine.
    expect(ids(neverFined)).toEqual(['lfdi-baden-wuerttemberg', 'coc-belgium', 'datatilsynet', 'dsb', 'edpb', 'edps', 'ftc', 'hmbbfdi', 'oaic', 'finnish-data-protection-ombudsman', 'opc-canada']);
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
    expect(ids(claims)).toContain('dekker-not-implemented-operationally');
    expect(data.claims.pageInfo.hasNextPage).toBe(false);
  });

  it('ranks the entities by relationships: Clearview AI first with 43', async () => {
    const data = await run('entities-with-most-relationships');
    expect(data.entities.edges.map((e: any) => [e.node.id, e.node.kind, e.node.relationships.totalCount])).toEqual([
      // Issue 28: the class settlement, Marx's complaint and the Hamburg Commissioner's two steps
      // are AGAINST Clearview AI; the GDPR is applied by more decisions and restricts biometric
      // identification.
      ['clearview-ai', 'COMPANY', 43],
      ['gdpr', 'LAW', 15],
      ['ico-monetary-penalty-and-enforcement-notice-2022', 'DECISION', 12],
      // Issue 28: eleven decisions and complaints judged shops' facial recognition (the AP's 2024
      // legal framework the eleventh).
      ['facial-recognition-in-shops', 'PRACTICE', 11],
      // Equal degree with the written questions (10): by name.
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
      // Issue 28: the AEPD's fine on Mercadona after the 20% reduction.
      ['aepd-ps-00120-2021-mercadona', 2520000],
    ]);
  });

  it('counts the decisions per status on a date: on 2024-01-01 fourteen in force, the ICO\u2019s overturned', async () => {
    const data = await run('decisions-per-status-on-a-date', { asOf: '2024-01-01' });
    expect(data.decisionStats).toEqual([
      // Garante, Hellenic DPA, CNIL (20 M each), the CNIL's liquidation (5.2 M), the IMY (250,000);
      // the ACLU settlement (approved May 2022) has no amount.
      // Issue 28 adds Skellefteå's fine (SEK, no euro figure), Mercadona's (2.52 M) and the Finnish
      // reprimand.
      { key: 'IN_FORCE', count: 14, sumEur: 67970000 },
      // Decisions not yet made (the AP's and Trento's, 2024; Serco's notices), or without a
      // recorded status (27 of issue 28's, its second round's AP framework and Joint Opinion among them).
      { key: 'UNKNOWN', count: 35, sumEur: 30550000 },
      // The ICO's notice, and the Divisional Court's order in Bridges (overturned on 11 Aug 2020).
      { key: 'OVERTURNED', count: 2, sumEur: null },
    ]);
    const earlier = await run('decisions-per-status-on-a-date', { asOf: '2022-06-01' });
    expect(earlier.decisionStats.find((g: any) => g.key === 'IN_FORCE')).toEqual({ key: 'IN_FORCE', count: 9, sumEur: 22770000 });
  });

  it('counts the minister\u2019s claims per status: seventeen uncontested, one corrected', async () => {
    const data = await run('the-ministers-claims-per-status');
    expect(data.claimStats).toEqual([
      { key: 'UNCONTESTED', label: 'UNCONTESTED', count: 17 },
      { key: 'CORRECTED', label: 'CORRECTED', count: 1 },
    ]);
  });
});

describe('the field beyond Clearview AI (issue 28: the two registers of enforcement, law and policy)', () => {
  it('totals the facial-recognition fines per country in euros, and lists each fine with its currency: two have no euro amount', async () => {
    const data = await run('facial-recognition-fines-per-country');
    expect(data.decisionStats.map((g: any) => [g.key, g.count, g.sumEur])).toEqual([
      ['the-netherlands', 1, 30500000],
      ['italy', 2, 20050000],
      ['france', 1, 20000000],
      ['greece', 1, 20000000],
      ['spain', 1, 2520000],
      ['sweden', 2, 250000],
      ['united-kingdom', 1, null],
    ]);
    expect(data.entities.totalCount).toBe(9);
    expect(
      data.entities.edges.map(({ node: d }: any) => [d.id, d.decidedOn, d.amount, d.currency, d.amountEur, d.issuedBy.flatMap((i: any) => ids(i.jurisdiction ?? []))]),
    ).toEqual([
      // Datainspektionen (now IMY) on Skellefteå's school board: SEK, and no held text states a 2019 rate.
      ['imy-skelleftea-di-2019-2221', '2019-08-20', 200000, 'SEK', null, ['sweden']],
      ['imy-decision-swedish-police-clearview-2021', '2021-02-11', 2500000, 'SEK', 250000, ['sweden']],
      ['garante-decision-clearview-2022', '2022-02-10', 20000000, 'EUR', 20000000, ['italy']],
      // GBP, no held rate.
      ['ico-monetary-penalty-and-enforcement-notice-2022', '2022-05-18', 7552800, 'GBP', null, ['united-kingdom']],
      ['hellenic-dpa-decision-35-2022', '2022-07-13', 20000000, 'EUR', 20000000, ['greece']],
      ['cnil-sanction-san-2022-019', '2022-10-17', 20000000, 'EUR', 20000000, ['france']],
      ['garante-trento-2024', '2024-01-11', 50000, 'EUR', 50000, ['italy']],
      ['ap-decision-clearview-2024', '2024-05-16', 30500000, 'EUR', 30500000, ['the-netherlands']],
      // Mercadona: the day of the resolution is unresolved (23 or 27 July 2021), so it sorts last.
      ['aepd-ps-00120-2021-mercadona', null, 2520000, 'EUR', 2520000, ['spain']],
    ]);
    const mercadona = data.entities.edges.find((e: any) => e.node.id === 'aepd-ps-00120-2021-mercadona').node;
    expect(ids(mercadona.against)).toEqual(['mercadona']);
    // The slipped amounts stay ranked values, not disputes.
    const { data: values } = await gql(server.url, '{ sourcedValues(entity: "aepd-ps-00120-2021-mercadona", property: "amount") { value rank } }');
    expect(values.sourcedValues).toEqual([
      { value: 2520000, rank: 'PREFERRED' },
      { value: 2250000, rank: 'DEPRECATED' },
      { value: 170000, rank: 'DEPRECATED' },
    ]);
  });

  it('finds the decisions about facial recognition in schools: Skellefteå with its appeal, the CNIL and the Marseille court on the PACA high schools', async () => {
    const data = await run('decisions-about-schools');
    expect(data.entity).toMatchObject({ id: 'facial-recognition-in-schools', kind: 'PRACTICE' });
    const byId = Object.fromEntries(data.entity.relationships.edges.map((e: any) => [e.other.id, e.other]));
    expect(data.entity.relationships.totalCount).toBe(4);
    expect(Object.keys(byId).sort()).toEqual(['cnil-opinion-paca-high-schools-2019', 'imy-skelleftea-di-2019-2221', 'lqdn-application-paca-deliberation-18-893', 'ta-marseille-1901249']);
    expect(byId['imy-skelleftea-di-2019-2221']).toMatchObject({
      decidedOn: '2019-08-20', reference: 'DI-2019-2221', amount: 200000, currency: 'SEK',
      measures: ['FINE', 'FINDING_OF_BREACH', 'OTHER'], issuedBy: [{ id: 'imy' }], against: [{ id: 'skelleftea-upper-secondary-school-board' }],
      appeals: [{ id: 'stockholm-administrative-court-skelleftea-2020', decidedOn: '2020-08-14', properties: { outcome: 'appeal dismissed' } }],
    });
    // A simple (non-binding) opinion, known by the day it was made public.
    expect(byId['cnil-opinion-paca-high-schools-2019']).toMatchObject({
      decidedOn: null, publishedOn: '2019-10-29', measures: ['OTHER'], properties: { binding: false, outcome: 'unfavourable opinion' },
      issuedBy: [{ id: 'cnil' }], against: [{ id: 'paca-regional-council' }],
    });
    expect(byId['ta-marseille-1901249']).toMatchObject({
      decidedOn: '2020-02-27', reference: '1901249', measures: ['JUDGMENT'], issuedBy: [{ id: 'tribunal-administratif-de-marseille' }], against: [{ id: 'paca-regional-council' }],
    });
    // The joint application of four applicants (two of them in the graph): one complaint.
    expect(byId['lqdn-application-paca-deliberation-18-893']).toMatchObject({ kind: 'COMPLAINT', filedOn: '2019-02-14', filedWith: [{ id: 'tribunal-administratif-de-marseille' }] });
    expect(sortedIds(byId['lqdn-application-paca-deliberation-18-893'].filedBy)).toEqual(['la-quadrature-du-net', 'ligue-des-droits-de-l-homme']);
  });

  it('says what the AI Act bans and since when: Art. 5(1)(e) and (h) from 2 February 2025, and nothing the day before', async () => {
    const on = await run('what-the-ai-act-bans', { day: '2025-02-02' });
    expect(on.entity).toMatchObject({ id: 'ai-act', aliases: ['AI Act'], date: '2024-06-13' });
    const bans = on.entity.bans.edges.map((e: any) => [e.other.id, e.other.kind, e.node.properties.provision, e.node.validFrom]).sort();
    expect(bans).toEqual([
      ['real-time-remote-biometric-identification-for-law-enforcement', 'PRACTICE', 'Art. 5(1)(h)', '2025-02-02'],
      ['untargeted-scraping-of-facial-images', 'PRACTICE', 'Art. 5(1)(e)', '2025-02-02'],
    ]);
    // Every ban cites the article's text (a law firm's copy: EUR-Lex is not held) and Art. 113's date.
    for (const e of on.entity.bans.edges) {
      expect(e.node.sources.map((s: any) => s.quote)).toContain('Chapters I and II shall apply from 2 February 2025;');
      for (const s of e.node.sources) expect(s.document.reliability).toBe('MEDIUM');
    }
    expect(on.entity.bannedBeforeFebruary2025.totalCount).toBe(0);
    expect(on.scraping.onTheDay.edges.map((e: any) => [e.node.type, e.other.id, e.node.properties.provision])).toEqual([['PROHIBITS', 'ai-act', 'Art. 5(1)(e)']]);
    const before = await run('what-the-ai-act-bans', { day: '2025-01-31' });
    expect(before.scraping.onTheDay.edges).toEqual([]);
  });

  it('names the police forces that used Clearview AI and what each authority found', async () => {
    const data = await run('police-forces-that-used-clearview');
    expect(data.clearview.relationships.edges.map((e: any) => [e.other.id, e.other.kind]).sort()).toEqual([
      ['belgian-federal-police', 'POLICE'],
      ['finnish-national-bureau-of-investigation', 'POLICE'],
      ['rcmp', 'POLICE'],
      ['swedish-police-authority', 'POLICE'],
    ]);
    const findings = data.findings.relationships.edges
      .map((e: any) => [e.other.id, e.other.decidedOn, e.other.reference, ids(e.other.issuedBy), ids(e.other.against), e.other.measures])
      .sort((a: any, b: any) => (a[0] < b[0] ? -1 : 1));
    expect(findings).toEqual([
      // Belgium: the COC's audit (78 searches, not lawful); the report's date is in no held text.
      ['coc-dio21006-clearview', null, 'DIO21006', ['coc-belgium'], ['belgian-federal-police'], ['FINDING_OF_BREACH']],
      // Finland: the NBI trialled it; the reprimand went to the National Police Board, under the criminal-matters act.
      ['finnish-ombudsman-reprimand-police-clearview-2021', '2021-09-20', '3394/171/21', ['finnish-data-protection-ombudsman'], ['finnish-national-police-board'], ['REPRIMAND', 'FINDING_OF_BREACH', 'OTHER']],
      ['imy-decision-swedish-police-clearview-2021', '2021-02-11', null, ['imy'], ['swedish-police-authority'], ['FINE', 'FINDING_OF_BREACH']],
      ['opc-special-report-rcmp-clearview-2021', '2021-06-10', null, ['opc-canada'], ['rcmp'], ['FINDING_OF_BREACH']],
    ]);
  });

  it('lists the decisions that were appealed and how each appeal ended', async () => {
    const data = await run('appealed-decisions-and-outcomes');
    expect(data.entities.totalCount).toBe(9);
    const rows = data.entities.edges.map(({ node: d }: any) => [d.id, d.status, ids(d.appeals)]);
    expect(rows).toEqual([
      // Skellefteå: dismissed, dismissed, leave refused: final (the last two days are in no held text).
      ['imy-skelleftea-di-2019-2221', 'IN_FORCE', ['stockholm-administrative-court-skelleftea-2020']],
      // Bridges: the Court of Appeal allowed the appeal on Grounds 1, 3 and 5.
      ['bridges-divisional-court-2019', 'OVERTURNED', ['bridges-ewca-civ-1058']],
      ['stockholm-administrative-court-skelleftea-2020', 'UNKNOWN', ['stockholm-administrative-court-of-appeal-5888-20']],
      ['oaic-determination-2021-aicmr-54', 'IN_FORCE', ['aat-decision-2023-aata-1069']],
      ['ico-monetary-penalty-and-enforcement-notice-2022', 'SUSPENDED', ['first-tier-tribunal-judgment-2023']],
      ['dsb-decision-clearview-2023', 'IN_FORCE', ['bvwg-stay-w108-2274731-5e', 'bvwg-decision-w108-2274731']],
      ['first-tier-tribunal-judgment-2023', 'OVERTURNED', ['upper-tribunal-judgment-2025']],
      // Bunnings: the Tribunal set aside the consent finding only; the determination stands otherwise.
      ['oaic-bunnings-2024-aicmr-230', 'IN_FORCE', ['art-bunnings-2026-arta-130']],
      ['stockholm-administrative-court-of-appeal-5888-20', 'UNKNOWN', ['swedish-supreme-administrative-court-skelleftea-leave-refused']],
    ]);
    const outcome = (id: string) => data.entities.edges.find((e: any) => e.node.id === id).node.appealedBy.edges.map((e: any) => [e.other.id, e.node.properties?.outcome ?? null]);
    expect(outcome('imy-skelleftea-di-2019-2221')).toEqual([['stockholm-administrative-court-skelleftea-2020', 'dismissed']]);
    expect(outcome('stockholm-administrative-court-skelleftea-2020')).toEqual([['stockholm-administrative-court-of-appeal-5888-20', 'dismissed']]);
    expect(outcome('stockholm-administrative-court-of-appeal-5888-20')).toEqual([['swedish-supreme-administrative-court-skelleftea-leave-refused', 'leave to appeal refused']]);
    expect(outcome('bridges-divisional-court-2019')).toEqual([['bridges-ewca-civ-1058', 'allowed on Grounds 1, 3 and 5']]);
    expect(outcome('oaic-bunnings-2024-aicmr-230')).toEqual([['art-bunnings-2026-arta-130', 'partly set aside']]);
    const bridges = data.entities.edges.find((e: any) => e.node.id === 'bridges-divisional-court-2019').node;
    expect(bridges.statusHistory).toEqual([
      { status: 'IN_FORCE', from: '2019-09-04', by: null },
      { status: 'OVERTURNED', from: '2020-08-11', by: { id: 'bridges-ewca-civ-1058' } },
    ]);
  });

  it('lists every dispute with its lines: the Belgian count, Clearview\u2019s denials of jurisdiction, Facewatch\u2019s "fully compliant", the RCMP', async () => {
    const data = await run('every-dispute-with-its-lines');
    const rows = data.contradictions
      .map((c: any) => [c.proposition.id, c.affirmingLines, c.denyingLines, c.affirming.map((a: any) => a.claimant.id).sort(), c.denying.map((d: any) => d.claimant.id).sort()])
      .sort((a: any, b: any) => (a[0] < b[0] ? -1 : 1));
    expect(rows).toEqual([
      // The COC's 78 searches against the minister's "limited number" and BuzzFeed's "101 to 500".
      ['belgian-federal-police-searched-clearview-78-times', 1, 2, ['coc-belgium'], ['annelies-verlinden', 'buzzfeed-news']],
      // Clearview's statements (Italy, France, the tribunal: one position, one line) against the Hamburg authority's Art. 3(2)(b).
      ['clearview-subject-to-gdpr', 1, 1, ['hmbbfdi'], ['clearview-ai']],
      // Police Professional's "fully compliant" against Big Brother Watch (the ICO's letters) and 2040 Training.
      ['ico-found-facewatch-fully-compliant', 1, 2, ['police-professional'], ['2040-training', 'big-brother-watch']],
      // Clearview's own denial against the Upper Tribunal's holding (the First-tier Tribunal's, superseded, counts no more).
      ['ico-has-jurisdiction-over-clearview-uk-processing', 1, 1, ['upper-tribunal'], ['clearview-ai']],
      ['rcmp-contravened-privacy-act-with-clearview', 1, 1, ['opc-canada'], ['rcmp']],
    ]);
    for (const c of data.contradictions) for (const claim of [...c.affirming, ...c.denying]) expect(claim.status).toBe('DISPUTED');
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

describe('claims as known on a day', () => {
  it("gives the minister's real-time statement as it stood when he answered, and corrected today", async () => {
    const data = await run('minister-claim-as-known-then-and-now');
    expect(data.claim).toEqual({
      onTheDay: {
        status: 'UNCONTESTED',
        support: 1,
        opposition: 0,
        lines: [{ polarity: 'DENIES', reliability: 'HIGH', claims: [{ id: 'dekker-no-real-time-facial-recognition-in-netherlands' }] }],
        excluded: [{ claim: { id: 'grapperhaus-real-time-identification-takes-place' }, reason: 'NOT_YET_MADE' }],
      },
      today: {
        status: 'CORRECTED',
        support: 0,
        opposition: 1,
        lines: [{ polarity: 'AFFIRMS', reliability: 'MEDIUM', claims: [{ id: 'grapperhaus-real-time-identification-takes-place' }] }],
        excluded: [{ claim: { id: 'dekker-no-real-time-facial-recognition-in-netherlands' }, reason: 'CORRECTED' }],
      },
      correctedBy: [{ id: 'grapperhaus-broad-reading-not-entirely-correct', madeOn: '2021-12-13' }],
    });
  });
});

describe('external identifiers', () => {
  it('finds a decision by its case number (case and spaces folded), with each identifier and the passage that states it', async () => {
    const data = await run('decision-by-case-number', { value: '[2020]  ewca civ 1058', missing: 'SAN-2022-020' });
    const quote = 'Neutral Citation Number: [2020] EWCA Civ 1058 Case No: C1/2019/2670';
    expect(data.bridges).toEqual({
      id: 'bridges-ewca-civ-1058',
      kind: 'DECISION',
      identifiers: [
        { scheme: 'CASE_NUMBER', value: '[2020] EWCA Civ 1058', url: null, sources: [{ document: { id: 'tna-2020-ewca-civ-1058' }, quote, verified: true }] },
        { scheme: 'CASE_NUMBER', value: 'C1/2019/2670', url: null, sources: [{ document: { id: 'tna-2020-ewca-civ-1058' }, quote, verified: true }] },
      ],
    });
    expect(data.cnil.id).toBe('cnil-sanction-san-2022-019');
    expect(data.otherScheme).toBeNull();
    expect(data.none).toBeNull();
  });
});

describe('names in other languages', () => {
  it.each([
    ['Datainspektionen', 'imy', 'sv', 'Datainspektionen'],
    ['Hamburgische Datenschutzbeauftragte', 'hmbbfdi', 'de', 'Hamburgische Datenschutzbeauftragte'],
    ['hamburgische datenschutzbeauftragte', 'hmbbfdi', 'de', 'Hamburgische Datenschutzbeauftragte'],
  ])('finds an entity by a label that is no alias ("%s"), naming its language and source', async (text, id, language, name) => {
    const data = await run('search-by-label-or-case-number', { text });
    const [hit] = data.search;
    expect(hit).toMatchObject({ matched: name, entity: { id } });
    expect(hit.entity.aliases).not.toContain(name);
    expect(hit.entity.labels).toContainEqual(expect.objectContaining({ language, name }));
    for (const l of hit.entity.labels) expect(l.sources.length).toBeGreaterThan(0);
  });

  it('finds a decision by its case number, best first', async () => {
    const data = await run('search-by-label-or-case-number', { text: 'SAN-2022-019', kinds: ['DECISION'] });
    expect(data.search[0]).toMatchObject({ matched: 'SAN-2022-019', entity: { id: 'cnil-sanction-san-2022-019' } });
  });
});
