/**
 * Counts read from Neo4j's count store (entityCounts; a totalCount whose filter is only kinds)
 * against a full scan: every entity listed page by page and counted by kind, before and after a
 * curator changes an entity's kind and deletes it (the label follows the kind, or the count store
 * would answer wrong); and a claims count that names an entity they are about, which starts
 * from that entity, against the claims listed.
 */
import { gql, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'counts-curator-token-0123456789';
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR}` });
});
afterAll(async () => {
  await t?.close();
});

async function data(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
  const res = await gql(t.url, query, variables, headers);
  expect(res.errors).toBeUndefined();
  return res.data;
}

/** The full scan: every entity's kind, page by page, counted. */
async function scannedCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: any = (await data('query ($after: String) { entities(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { kind } } } }', { after })).entities;
    for (const e of page.edges) counts.set(e.node.kind, (counts.get(e.node.kind) ?? 0) + 1);
    if (!page.pageInfo.hasNextPage) return counts;
    after = page.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

/** What the count store answers, each way a client can ask, held against the scan. */
async function expectCountsOfScan(): Promise<Map<string, number>> {
  const scanned = await scannedCounts();
  const { entityCounts } = await data('{ entityCounts { kind count } }');
  expect(new Map(entityCounts.map((r: any) => [r.kind, r.count]))).toEqual(scanned);
  // Most first, then by kind: the order the statement has always given.
  const order = [...scanned].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  expect(entityCounts.map((r: any) => r.kind)).toEqual(order);
  const total = [...scanned.values()].reduce((a, b) => a + b, 0);
  const totals = await data(`{
    all: entities { totalCount }
    complaints: entities(kind: COMPLAINT) { totalCount }
    two: entities(where: {kind: [COMPANY, NGO]}) { totalCount }
    both: entities(kind: COMPANY, where: {kind: [COMPANY, NGO]}) { totalCount }
    none: entities(kind: COURT, where: {kind: [COMPANY]}) { totalCount }
    empty: entities(where: {kind: []}) { totalCount }
    listed: entities(where: {kind: [COMPANY, NGO]}, first: 500) { totalCount edges { node { id } } }
  }`);
  const n = (k: string) => scanned.get(k) ?? 0;
  expect(totals).toEqual({
    all: { totalCount: total },
    complaints: { totalCount: n('COMPLAINT') },
    two: { totalCount: n('COMPANY') + n('NGO') },
    both: { totalCount: n('COMPANY') },
    none: { totalCount: 0 },
    empty: { totalCount: 0 },
    listed: { totalCount: n('COMPANY') + n('NGO'), edges: expect.any(Array) },
  });
  expect(totals.listed.edges).toHaveLength(n('COMPANY') + n('NGO'));
  return scanned;
}

describe('counts from the count store', () => {
  it('agree with a full scan, and follow a change of kind and a delete', async () => {
    const before = await expectCountsOfScan();
    expect(before.get('COMPANY')).toBeGreaterThan(0);
    const curator = { authorization: `Bearer ${CURATOR}` };
    const upsert = 'mutation ($kind: EntityKind!) { upsertEntity(input: { id: "counts-moved", kind: $kind, name: "Counts Moved", sources: [{ documentId: "article-cabinet-insists-police-never-used-clearview", quote: "Capture" }] }) { id } }';
    await data(upsert, { kind: 'COMPANY' }, curator);
    expect((await expectCountsOfScan()).get('COMPANY')).toBe(before.get('COMPANY')! + 1);
    await data(upsert, { kind: 'NGO' }, curator);
    const moved = await expectCountsOfScan();
    expect([moved.get('COMPANY'), moved.get('NGO')]).toEqual([before.get('COMPANY'), (before.get('NGO') ?? 0) + 1]);
    await data('mutation { deleteEntity(id: "counts-moved") }', undefined, curator);
    expect(await expectCountsOfScan()).toEqual(before);
  });
});

describe('a claims count that names an entity', () => {
  it('counts what the list holds, with other conditions and a second entity', async () => {
    const cases = [
      'about: "clearview-ai"',
      'where: {about: "clearview-ai", polarity: DENIES}',
      'about: "clearview-ai", where: {OR: [{status: [DISPUTED]}, {kind: [QUESTION]}]}',
      'about: "clearview-ai", where: {about: "cnil"}',
      'about: "no-such-entity"',
    ];
    for (const args of cases) {
      const { total, listed } = await data(`{ total: claims(${args}) { totalCount } listed: claims(${args}, first: 500) { edges { node { id } } } }`);
      expect({ args, count: total.totalCount }).toEqual({ args, count: listed.edges.length });
    }
    const { total } = await data('{ total: claims(about: "clearview-ai") { totalCount } }');
    expect(total.totalCount).toBeGreaterThan(0);
  });
});
