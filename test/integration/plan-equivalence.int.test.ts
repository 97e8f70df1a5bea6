/**
 * The planner changes how an answer is read, never the answer: a corpus of nested selections
 * (asOf, types, direction, paging with first/after/last/before, fragments, fields the projection
 * table does not know, other root fields beside) is asked of a server that plans
 * (PLAN_NESTED=true: one composed statement) and of one that reads level by level
 * (PLAN_NESTED=false), over the same store, and the answers (data and errors) must be equal.
 */
import { gql, GqlResponse, startTestServer, TestServer } from '../support/helpers';

let planned: TestServer;
let levelByLevel: TestServer;
beforeAll(async () => {
  planned = await startTestServer({ MAX_COMPLEXITY: '500000' });
  levelByLevel = await startTestServer({ MAX_COMPLEXITY: '500000', PLAN_NESTED: 'false' }, false);
  // Two servers and a seed on a loaded machine take longer than one test.
}, 300_000);
afterAll(async () => {
  await planned?.close();
  await levelByLevel?.close();
});

/** Asks both servers; returns the planned answer after checking the other equals it, and whether the planner ran. */
async function both(query: string, variables?: Record<string, unknown>): Promise<{ res: GqlResponse; plannedStatements: number }> {
  const names: string[] = [];
  const off = planned.conn.db.onQuery((e) => names.push(e.name));
  let a: GqlResponse;
  try {
    a = await gql(planned.url, query, variables);
  } finally {
    off();
  }
  const b = await gql(levelByLevel.url, query, variables);
  expect(a).toEqual(b);
  return { res: a, plannedStatements: names.filter((n) => n === 'plan/entity').length };
}

const REL_FIELDS = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor direction node { type direction node { id name kind } } }`;

const CORPUS: [string, string, Record<string, unknown>?][] = [
  [
    'complaints, two levels with types and direction',
    `query Q($id: ID!) { entity(id: $id) { id name relationships(types: ["FILED_WITH"], direction: IN, first: 20) { ${REL_FIELDS.replace('kind }', `kind relationships(types: ["FILED_BY", "AGAINST"], direction: OUT, first: 10) { ${REL_FIELDS} } }`)} } } }`,
    { id: 'cnil' },
  ],
  [
    'any type both ways, two argument sets below through edges.other and node, inline fragments',
    `query Q($id: ID!, $n: Int) { entity(id: $id) { id relationships(first: 15) { totalCount edges { other { id ... on Entity { out: relationships(first: $n, direction: OUT) { ${REL_FIELDS} } } }
      node { type node { id ... on Regulator { name } relationships(first: 4) { ${REL_FIELDS} } } } } } } }`,
    { id: 'clearview-ai', n: 3 },
  ],
  ['asOf at both levels', `{ entity(id: "clearview-ai") { relationships(first: 30, asOf: "2021-06-01") { ${REL_FIELDS.replace('kind }', `kind relationships(first: 5, asOf: "2023-01-01") { ${REL_FIELDS} } }`)} } } }`],
  ['asOf in the past', `{ entity(id: "cnil") { relationships(asOf: "2015-01-01") { ${REL_FIELDS} } } }`],
  ['last alone, and first with last', `{ entity(id: "clearview-ai") { a: relationships(last: 3) { ${REL_FIELDS} } } }`],
  ['first with last', `{ entity(id: "clearview-ai") { relationships(first: 10, last: 4) { ${REL_FIELDS.replace('kind }', `kind relationships(last: 2) { ${REL_FIELDS} } }`)} } } }`],
  ['three levels', `{ entity(id: "cnil") { relationships(first: 3) { edges { node { node { id relationships(first: 3) { edges { node { node { id relationships(first: 2, direction: IN) { ${REL_FIELDS} } } } } } } } } } } }`],
  [
    'fields the projection does not know (whole rows), and fields that read other properties',
    `{ entity(id: "clearview-ai") { id version description aliases formerIds relationships(first: 8) { edges { node { id version validFrom validTo properties
      sources { quote verified document { id name heldText } } from { id } to { id name } node { id kind ... on Document { publisher { id } reliability } } } } } } }`,
  ],
  [
    'another root field meeting the same entities',
    `{ entity(id: "cnil") { id relationships(first: 5) { edges { node { node { id name } } } } } entities(first: 30) { edges { node { id name description date } } } }`,
  ],
  ['totalCount only', `{ entity(id: "clearview-ai") { relationships(types: ["USES"]) { totalCount } } }`],
  ['claims about, with claimants and documents', `{ entity(id: "clearview-ai") { id name claimsAbout(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id text polarity madeOn kind status claimant { id name } sources { quote verified document { id name } } } } } } }`],
  ['claims about, last 3, whole claims', `{ entity(id: "clearview-ai") { claimsAbout(last: 3) { totalCount pageInfo { hasPreviousPage startCursor } edges { node { id proposition { id text } subjects { id } support opposition standing { status } } } } } }`],
  ['claims about, no ends', `{ entity(id: "dutch-national-police") { claimsAbout(first: 5) { totalCount edges { node { id text } } } } }`],
  ['unknown entity', `{ entity(id: "no-such-entity") { id relationships(first: 5) { totalCount } } }`],
  ['a bad argument below', `{ entity(id: "cnil") { relationships(first: 2) { edges { node { node { relationships(first: 100000) { totalCount } } } } } } }`],
];

describe('planned and level-by-level answers are equal', () => {
  it.each(CORPUS)('%s', async (_name, query, variables) => {
    const { res, plannedStatements } = await both(query, variables);
    if (!/no-such-entity|100000/.test(query)) {
      expect(res.errors).toBeUndefined();
      expect(plannedStatements).toBe(1);
    }
  });

  it('pages forward with after and back with before, at the first and the second level, with the cursors either answer gives', async () => {
    const page = (args: string, below = 'first: 2') =>
      `{ entity(id: "clearview-ai") { relationships(${args}) { ${REL_FIELDS.replace('kind }', `kind relationships(${below}) { ${REL_FIELDS} } }`)} } } }`;
    const first = (await both(page('first: 4'))).res.data.entity.relationships;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await both(page(`first: 4, after: "${first.pageInfo.endCursor}"`))).res.data.entity.relationships;
    expect(next.edges[0].cursor).not.toBe(first.edges[0].cursor);
    const back = (await both(page(`last: 4, before: "${next.pageInfo.startCursor}"`))).res.data.entity.relationships;
    expect(back.edges.map((e: any) => e.cursor)).toEqual(first.edges.map((e: any) => e.cursor));
    const inner = first.edges.find((e: any) => e.node.node.relationships.pageInfo.hasNextPage)?.node.node.relationships;
    expect(inner).toBeDefined();
    await both(page('first: 4', `first: 2, after: "${inner.pageInfo.endCursor}"`));
    await both(page('first: 4', `last: 1, before: "${inner.pageInfo.endCursor}"`));
    const claims = (await both(`{ entity(id: "clearview-ai") { claimsAbout(first: 3) { pageInfo { endCursor } } } }`)).res.data.entity.claimsAbout;
    await both(`{ entity(id: "clearview-ai") { claimsAbout(first: 3, after: "${claims.pageInfo.endCursor}") { pageInfo { hasPreviousPage hasNextPage } edges { cursor node { id claimant { id } } } } } }`);
    await both(`{ entity(id: "clearview-ai") { claimsAbout(last: 2, before: "${claims.pageInfo.endCursor}") { pageInfo { hasPreviousPage hasNextPage } edges { cursor node { id } } } } }`);
  });
});
