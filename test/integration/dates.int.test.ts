/**
 * Issue 12 item 7: date boundaries, each with an expected answer of its own, over a small dated
 * graph seeded for this suite. `asOf` keeps a relationship valid on that day, its first and last
 * day included (validFrom <= asOf <= validTo, an open end always holds), on subgraph and path as on
 * relationships; `from`/`to` filters include both end dates, on entities and on claims.
 */
import { defaultSeedOptions, seedParsed } from '../../src/seed/seeder';
import { formatProblem, SeedFile } from '../../src/seed/validate';
import { gql, startTestServer, TestServer } from '../support/helpers';

const base = [{ document: 'dt-doc', quote: 'a quote of five words' }];
const fixture: SeedFile['data'] = {
  documents: [{ id: 'dt-doc', name: 'Dated document', sources: [], primary: false, reliability: 'LOW', url: 'https://example.org/dt-doc' }] as any,
  entities: [
    { id: 'dt-person', kind: 'PERSON', name: 'Datecheck Person', sources: base },
    { id: 'dt-party', kind: 'POLITICAL_PARTY', name: 'Datecheck Party', sources: base },
    { id: 'dt-office', kind: 'GOVERNMENT', name: 'Datecheck Office', sources: base },
    { id: 'dt-ministry', kind: 'GOVERNMENT', name: 'Datecheck Ministry', sources: base },
    { id: 'dt-complaint-a', kind: 'COMPLAINT', name: 'Datecheck complaint A', date: '2021-01-10', sources: base },
    { id: 'dt-complaint-b', kind: 'COMPLAINT', name: 'Datecheck complaint B', date: '2021-01-20', sources: base },
  ],
  relationships: [
    // Member during 2020 only; in office from 2021 (open end); the office part of the ministry in 2021 only.
    { from: 'dt-person', type: 'MEMBER_OF', to: 'dt-party', validFrom: '2020-01-01', validTo: '2020-12-31', sources: base },
    { from: 'dt-person', type: 'HOLDS_OFFICE', to: 'dt-office', validFrom: '2021-01-01', sources: base },
    { from: 'dt-office', type: 'PART_OF', to: 'dt-ministry', validFrom: '2021-01-01', validTo: '2021-12-31', sources: base },
  ],
  propositions: [{ id: 'dt-proposition', text: 'Datecheck.' }],
  claims: [
    { id: 'dt-claim-a', text: 'First.', claimant: 'dt-person', subjects: ['dt-party'], proposition: 'dt-proposition', polarity: 'AFFIRMS', madeOn: '2021-02-01', sources: base },
    { id: 'dt-claim-b', text: 'Second.', claimant: 'dt-person', subjects: ['dt-party'], proposition: 'dt-proposition', polarity: 'AFFIRMS', madeOn: '2021-02-10', sources: base },
  ],
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const report = await seedParsed(t.conn.db, [{ file: 'fixture', data: fixture }], defaultSeedOptions(t.config.rootDir));
  if (report.problems.length > 0) throw new Error(report.problems.map(formatProblem).join('\n'));
});
afterAll(async () => {
  await t?.close();
});

async function data(query: string, variables: Record<string, unknown> = {}) {
  const res = await gql(t.url, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
}

describe('asOf on subgraph', () => {
  const view = async (asOf: string | null) =>
    (await data('query($asOf: Date) { subgraph(center: "dt-person", depth: 1, includeClaims: false, asOf: $asOf) { nodes { id } } }', { asOf })).subgraph.nodes
      .map((n: { id: string }) => n.id)
      .sort();

  it.each([
    [null, ['dt-office', 'dt-party', 'dt-person']],
    ['2019-12-31', ['dt-person']],
    ['2020-01-01', ['dt-party', 'dt-person']], // validFrom is included
    ['2020-12-31', ['dt-party', 'dt-person']], // validTo is included
    ['2021-01-01', ['dt-office', 'dt-person']], // the day after validTo: gone; an open end holds
    ['2031-06-01', ['dt-office', 'dt-person']],
  ])('asOf %s draws %j', async (asOf, expected) => {
    expect(await view(asOf)).toEqual(expected);
  });
});

describe('asOf on path', () => {
  const path = async (from: string, to: string, asOf: string | null) =>
    (await data('query($from: ID!, $to: ID!, $asOf: Date) { path(from: $from, to: $to, asOf: $asOf) { length nodes { id } } }', { from, to, asOf })).path;

  it.each([
    [null, ['dt-person', 'dt-office', 'dt-ministry']],
    ['2020-12-31', null], // the office is not held yet
    ['2021-01-01', ['dt-person', 'dt-office', 'dt-ministry']], // both validFrom days included
    ['2021-12-31', ['dt-person', 'dt-office', 'dt-ministry']], // validTo of PART_OF included
    ['2022-01-01', null],
  ])('from the person to the ministry asOf %s: %j', async (asOf, expected) => {
    const found = await path('dt-person', 'dt-ministry', asOf);
    expect(found && found.nodes.map((n: { id: string }) => n.id)).toEqual(expected);
  });

  it('finds no path through a relationship that has ended, however short', async () => {
    expect(await path('dt-party', 'dt-office', '2021-06-01')).toBeNull();
    expect(await path('dt-party', 'dt-office', '2020-06-01')).toBeNull();
    expect((await path('dt-party', 'dt-office', null)).length).toBe(2);
  });
});

describe('from/to include both end dates', () => {
  const complaints = async (from: string | null, to: string | null) =>
    (await data('query($from: Date, $to: Date) { entities(kind: COMPLAINT, namePrefix: "Datecheck", from: $from, to: $to) { edges { node { id } } } }', { from, to })).entities.edges
      .map((e: { node: { id: string } }) => e.node.id)
      .sort();
  const claims = async (from: string | null, to: string | null) =>
    (await data('query($from: Date, $to: Date) { claims(claimant: "dt-person", from: $from, to: $to) { edges { node { id } } } }', { from, to })).claims.edges
      .map((e: { node: { id: string } }) => e.node.id)
      .sort();

  it.each([
    ['2021-01-10', '2021-01-20', ['dt-complaint-a', 'dt-complaint-b']],
    ['2021-01-11', '2021-01-20', ['dt-complaint-b']],
    ['2021-01-10', '2021-01-19', ['dt-complaint-a']],
    ['2021-01-20', '2021-01-20', ['dt-complaint-b']],
    ['2021-01-11', '2021-01-19', []],
  ])('entities from %s to %s: %j', async (from, to, expected) => {
    expect(await complaints(from, to)).toEqual(expected);
  });

  it.each([
    ['2021-02-01', '2021-02-10', ['dt-claim-a', 'dt-claim-b']],
    ['2021-02-02', null, ['dt-claim-b']],
    [null, '2021-02-09', ['dt-claim-a']],
    ['2021-02-10', '2021-02-10', ['dt-claim-b']],
  ])('claims (madeOn) from %s to %s: %j', async (from, to, expected) => {
    expect(await claims(from, to)).toEqual(expected);
  });
});
