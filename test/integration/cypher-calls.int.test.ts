/**
 * No N+1: a nested request makes at most one Cypher round trip per level of nesting, however many
 * parents a level has. Counted at the executor, the one place statements run.
 */
import { gql, startTestServer, TestServer } from '../support/helpers';
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

async function count(query: string): Promise<{ events: QueryEvent[]; data: any }> {
  const events: QueryEvent[] = [];
  const off = t.conn.db.onQuery((e) => events.push(e));
  try {
    const res = await gql(t.url, query);
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
    expect(names).toEqual(['entity/list', 'relationship/of-entities', 'claim/about-entities', 'entity/by-ids']);
  });

  it('load claimants, subjects, propositions and standing of many claims in one call each', async () => {
    const { events } = await count(`{
      claims(first: 60) { edges { node { id status claimant { name } subjects { id } proposition { text }
        contradictedBy { id } corroboratedBy { id } } } }
    }`);
    const names = events.map((e) => e.name).sort();
    expect(names).toEqual(['claim/by-propositions', 'claim/list', 'claim/propositions-by-ids', 'entity/by-ids']);
  });
});
