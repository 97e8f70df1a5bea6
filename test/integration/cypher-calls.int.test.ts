/**
 * No N+1: a nested request makes at most one Cypher round trip per level of nesting, however many
 * parents a level has. Counted at the executor, the one place statements run.
 */
import { gql, queryFile, startTestServer, TestServer } from '../support/helpers';
import type { QueryEvent } from '../../src/db/executor';

let t: TestServer;
beforeAll(async () => {
  // The first request fans out to 50 × 20 × 10 items on purpose (complexity 63,101), well
  // over the default MAX_COMPLEXITY: the point here is the number of round trips at that width.
  t = await startTestServer({ MAX_COMPLEXITY: '500000' });
});
afterAll(async () => {
  await t?.close();
});

async function count(query: string, variables?: Record<string, unknown>): Promise<{ events: QueryEvent[]; data: any }> {
  const events: QueryEvent[] = [];
  const off = t.conn.db.onQuery((e) => events.push(e));
  try {
    const res = await gql(t.url, query, variables);
    expect(res.errors).toBeUndefined();
    return { events, data: res.data };
  } finally {
    off();
  }
}

describe('Cypher round trips per request', () => {
  it('stay within one per level for entities → relationships → node → claimsAbout → sources', async () => {
    const { events, data } = await count(`{
      entities(first: 50) {
        edges { node { id
          relationships(first: 20) { edges { node { type
            node { id name
              claimsAbout(first: 10) { totalCount edges { node { id
                sources { quote document { id name } }
              } } }
            }
          } } }
        } }
      }
    }`);
    // Levels that reach the database: entities, relationships (node comes with them),
    // claimsAbout, sources' documents. Fifty parents, yet four calls.
    const names = events.map((e) => e.name);
    expect(data.entities.edges).toHaveLength(50);
    const parents = data.entities.edges.reduce((n: number, e: any) => n + e.node.relationships.edges.length, 0);
    expect(parents).toBeGreaterThan(50);
    expect(names).toEqual(['entity/list', 'relationship/of-entities', 'claim/about-entities', 'entity/resolve']);
  });

  it('load claimants, subjects, propositions and standing of many claims in one call each', async () => {
    const { events } = await count(`{
      claims(first: 60) { edges { node { id status claimant { name } subjects { id } proposition { text }
        contradictedBy { id } corroboratedBy { id } } } }
    }`);
    const names = events.map((e) => e.name).sort();
    expect(names).toEqual(['claim/by-propositions', 'claim/list', 'claim/propositions-by-ids', 'entity/resolve']);
  });

  it('answer a totalCount asked alone with one count row, reading no page', async () => {
    const all = await count('{ entities { totalCount } }');
    expect(all.data.entities.totalCount).toBe(444);
    expect(all.events.map((e) => [e.name, e.rows])).toEqual([['entity/count', 1]]);
    const viaFragment = await count('{ entities(where: {kind: [DECISION]}) { ...Total } } fragment Total on EntityConnection { totalCount __typename }');
    expect(viaFragment.data.entities.totalCount).toBe(51);
    expect(viaFragment.events.map((e) => [e.name, e.rows])).toEqual([['entity/counts', 1]]);
    const claims = await count('{ claims(where: {status: [CORRECTED, SUPERSEDED]}) { totalCount } }');
    expect(claims.data.claims.totalCount).toBe(3); // issue 28: Bunnings's APP 3.3 finding, superseded
    expect(claims.events.map((e) => [e.name, e.rows])).toEqual([['claim/count', 1]]);
    // With the page asked for too, the list statement answers both.
    const both = await count('{ entities(first: 2) { totalCount edges { node { id } } } }');
    expect(both.events.map((e) => [e.name, e.rows])).toEqual([['entity/list', 1]]);
  });

  it('group in one statement that returns one row per group', async () => {
    const decisions = await count('{ decisionStats(groupBy: MEASURE) { key count sumEur } }');
    expect(decisions.events.map((e) => [e.name, e.rows])).toEqual([['entity/decision-stats', decisions.data.decisionStats.length]]);
    const claims = await count('{ claimStats(groupBy: CLAIMANT) { key label count } }');
    expect(claims.events.map((e) => [e.name, e.rows])).toEqual([['claim/stats', claims.data.claimStats.length]]);
  });

  // The analyst questions of issue 15 (test/queries/, answers in analyst.int.test.ts) and the
  // statements each needs: the Cypher-call count of the closing note.
  it.each<[string, string[]]>([
    ['fines-per-country-in-euros', ['entity/decision-stats']],
    ['decisions-that-ordered-deletion', ['entity/list', 'relationship/of-entities']],
    ['the-ministers-disputed-claims', ['claim/list', 'claim/by-propositions', 'entity/resolve', 'claim/corrections']],
    ['regulators-that-decided-without-a-fine', ['entity/list', 'relationship/of-entities']],
    ['complaints-without-a-decision', ['entity/list', 'relationship/of-entities']],
    ['claims-of-september-2021', ['claim/list', 'entity/resolve']],
    ['entities-with-most-relationships', ['entity/list', 'relationship/of-entities']],
    ['largest-fines-in-euros', ['entity/list']],
    ['decisions-per-status-on-a-date', ['entity/decision-stats']],
    ['the-ministers-claims-per-status', ['claim/stats']],
  ])('answer the question %s with the statements %j', async (name, statements) => {
    const { events } = await count(queryFile(name), { asOf: '2024-01-01' });
    // Loaders of one level run side by side: which answers first is not fixed, so compare the sets.
    expect(events.map((e) => e.name).sort()).toEqual([...statements].sort());
  });
});

/** The answer of `query` with its statement names, and the same answer by the level-by-level path. */
async function plannedAndLevelByLevel(query: string, probe: string) {
  const planned = await count(query);
  // A second connection field on the entity is a shape the planner does not plan: DataLoader per level.
  const unplanned = await count(query.replace(probe, `${probe} unplanned: claimsMade(first: 1) { totalCount }`));
  delete unplanned.data.entity.unplanned;
  return { planned, unplanned };
}

describe('One statement per request for the nested shapes the planner knows (the bench queries)', () => {
  it('answers entity → relationships → node → relationships (complaints-2-levels) in one statement, as level by level does', async () => {
    const query = `{ entity(id: "cnil") { id name
      relationships(types: ["FILED_WITH"], direction: IN, first: 20) { totalCount edges { cursor node { type node { id name kind
        relationships(types: ["FILED_BY", "AGAINST"], direction: OUT, first: 10) { totalCount edges { node { type node { id name kind } } } } } } } } } }`;
    const { planned, unplanned } = await plannedAndLevelByLevel(query, 'id name');
    expect(planned.events.map((e) => e.name)).toEqual(['plan/entity']);
    expect(unplanned.events.length).toBeGreaterThan(1);
    expect(planned.data.entity.relationships.edges.length).toBeGreaterThan(0);
    expect(planned.data.entity.relationships.edges.some((e: any) => e.node.node.relationships.edges.length > 0)).toBe(true);
    expect(planned.data).toEqual(unplanned.data);
  });

  it('answers entity → relationships → other/node → relationships of two argument sets (neighbours-2-levels) in one statement', async () => {
    const query = `query Q($id: ID!, $n: Int) { entity(id: $id) { id name
      relationships(first: 20) { totalCount edges { direction other { id ... on Entity { out: relationships(first: $n, direction: OUT) { totalCount edges { other { id } } } } }
        node { type node { id name kind relationships(first: 5) { edges { node { type direction node { id name } } } } } } } } } }`;
    const vars = { id: 'clearview-ai', n: 3 };
    const planned = await count(query, vars);
    const unplanned = await count(query.replace('id name\n', 'id name unplanned: claimsMade(first: 1) { totalCount }\n'), vars);
    delete unplanned.data.entity.unplanned;
    expect(planned.events.map((e) => e.name)).toEqual(['plan/entity']);
    expect(unplanned.events.length).toBeGreaterThan(1);
    expect(planned.data.entity.relationships.edges.length).toBeGreaterThan(5);
    expect(planned.data).toEqual(unplanned.data);
  });

  it('answers entity → claimsAbout → claimant / sources.document (claims-with-sources) in one statement, as level by level does', async () => {
    const query = `{ entity(id: "clearview-ai") { id name
      claimsAbout(first: 20) { totalCount edges { node { id text polarity madeOn claimant { id name }
        sources { quote document { id name } } } } } } }`;
    const { planned, unplanned } = await plannedAndLevelByLevel(query, 'id name');
    expect(planned.events.map((e) => e.name)).toEqual(['plan/entity']);
    expect(unplanned.events.length).toBeGreaterThan(1);
    expect(planned.data.entity.claimsAbout.edges.length).toBeGreaterThan(0);
    expect(planned.data).toEqual(unplanned.data);
  });

  it('answers an unknown entity with null in two statements (the second looks for a former id), and a bad argument below it at its own path', async () => {
    const missing = await count(`{ entity(id: "no-such-entity") { id relationships(first: 5) { totalCount } } }`);
    expect(missing.data).toEqual({ entity: null });
    expect(missing.events.map((e) => e.name)).toEqual(['plan/entity', 'entity/resolve']);
    const res = await gql(t.url, `{ entity(id: "cnil") { id relationships(first: 100000) { totalCount } } }`);
    expect(res.errors?.[0]?.path).toEqual(['entity', 'relationships']);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
