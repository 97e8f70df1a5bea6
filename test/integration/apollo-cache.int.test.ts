/**
 * Issue 12 item 2 with Apollo Client's own InMemoryCache over real HTTP: configured as
 * GET /graphql/client-config.json says, the cache gives back the same data as the raw answers,
 * for relationships seen from both ends, two views with different centres, audit changes of one
 * element, and fragments on interfaces; each answer is read back from the cache after the other
 * queries have been written into it, which is where a wrong merge by id would show.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql as tag } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import { print } from 'graphql';
import { VIEW_SCOPED_TYPES } from '../../src/graphql/client-config';
import { gql, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR}` });
});
afterAll(async () => {
  await t?.close();
});

/** The data without the __typename fields that Apollo Client adds to every selection. */
function untyped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untyped);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '__typename').map(([k, v]) => [k, untyped(v)]));
  }
  return value;
}

async function published() {
  const res = await fetch(`${t.base}/graphql/client-config.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as { possibleTypes: Record<string, string[]>; typePolicies: Record<string, unknown> };
}

function client(cache: InMemoryCache, headers: Record<string, string> = {}) {
  return new ApolloClient({ link: new HttpLink({ uri: t.url, headers }), cache });
}

/**
 * Runs every query through one client, then reads each back from the cache and compares it with
 * the server's raw answer: a cache that merged view-dependent objects by id gives another answer.
 */
async function sameAsRaw(cache: InMemoryCache, queries: { query: DocumentNode; variables?: Record<string, unknown> }[], headers: Record<string, string> = {}) {
  const apollo = client(cache, headers);
  const raw: unknown[] = [];
  for (const q of queries) {
    const answer = await gql(t.url, print(q.query), q.variables, headers);
    expect(answer.errors).toBeUndefined();
    raw.push(answer.data);
    await apollo.query({ ...q, fetchPolicy: 'network-only' });
  }
  return queries.map((q, i) => ({ cached: untyped(cache.readQuery(q)), raw: raw[i] }));
}

const BOTH_ENDS = tag`
  query BothEnds {
    police: entity(id: "dutch-national-police") { id relationships(types: ["USES"]) { edges { direction other { id name } node { id type from { id } to { id } } } } }
    tool: entity(id: "catch") { id relationships(types: ["USES"]) { edges { direction other { id name } node { id type from { id } to { id } } } } }
  }`;

const VIEW = tag`
  query View($center: ID!) { subgraph(center: $center, depth: 1) { nodes { id label kind distance } edges { id source target type } } }`;

const FRAGMENTS = tag`
  fragment Named on Entity { id name kind }
  fragment Found on Node { id }
  query Fragments {
    entity(id: "catch") { ...Named ...Found ... on Product { aliases } }
    search(text: "Clearview", first: 3) { entity { ...Named } }
  }`;

describe('Apollo Client InMemoryCache, configured from /graphql/client-config.json', () => {
  it('publishes possibleTypes from the schema and a keyFields: false policy for every view-scoped type', async () => {
    const config = await published();
    expect(config.possibleTypes.Entity).toHaveLength(19);
    expect(config.possibleTypes.Entity).toContain('Product');
    expect(config.possibleTypes.Node).toEqual(expect.arrayContaining(['Claim', 'Proposition', 'Product']));
    expect(config.typePolicies).toEqual(Object.fromEntries(Object.keys(VIEW_SCOPED_TYPES).map((k) => [k, { keyFields: false }])));
  });

  it('gives the raw answers for one relationship seen from both ends', async () => {
    const config = await published();
    const [both] = await sameAsRaw(new InMemoryCache(config as any), [{ query: BOTH_ENDS }]);
    expect(both!.cached).toEqual(both!.raw);
    const raw = both!.raw as any;
    const police = raw.police.relationships.edges.find((e: any) => e.other.id === 'catch');
    const tool = raw.tool.relationships.edges.find((e: any) => e.other.id === 'dutch-national-police');
    expect([police.direction, tool.direction]).toEqual(['OUT', 'IN']);
    expect(police.node).toEqual(tool.node);
  });

  it('gives the raw answers for two views with different centres, where one entity has two distances', async () => {
    const config = await published();
    const views = [
      { query: VIEW, variables: { center: 'catch' } },
      { query: VIEW, variables: { center: 'dutch-national-police' } },
    ];
    const results = await sameAsRaw(new InMemoryCache(config as any), views);
    for (const r of results) expect(r.cached).toEqual(r.raw);
    const distance = (r: any, id: string) => r.subgraph.nodes.find((n: any) => n.id === id).distance;
    expect([distance(results[0]!.raw, 'catch'), distance(results[1]!.raw, 'catch')]).toEqual([0, 1]);

    // The same queries through a cache without the published type policies read back wrong:
    // that is what the policy prevents.
    const naive = await sameAsRaw(new InMemoryCache({ possibleTypes: config.possibleTypes }), views);
    expect(distance(naive[0]!.cached, 'catch')).toBe(1);
  });

  it('gives the raw answers for fragments on the Entity and Node interfaces', async () => {
    const config = await published();
    const [fragments] = await sameAsRaw(new InMemoryCache(config as any), [{ query: FRAGMENTS }]);
    expect(fragments!.cached).toEqual(fragments!.raw);
    expect((fragments!.raw as any).entity).toMatchObject({ id: 'catch', name: 'CATCH', kind: 'PRODUCT' });
  });

  it('gives the raw answers for the audit changes of one element in two entries', async () => {
    const bearer = { authorization: `Bearer ${CURATOR}` };
    const write = 'mutation($d: String) { upsertEntity(input: { id: "apollo-audited", kind: COMPANY, name: "Audited", description: $d, sources: [{ documentId: "article-cabinet-insists-police-never-used-clearview", quote: "Capture" }] }) { id } }';
    for (const d of ['first', 'second']) expect((await gql(t.url, write, { d }, bearer)).errors).toBeUndefined();
    const AUDIT = tag`query Audit($first: Int) { auditLog(entityId: "apollo-audited", first: $first) { edges { node { id operation changes { area id before after } } } } }`;
    const config = await published();
    const results = await sameAsRaw(new InMemoryCache(config as any), [
      { query: AUDIT, variables: { first: 2 } },
      { query: AUDIT, variables: { first: 1 } },
    ], bearer);
    for (const r of results) expect(r.cached).toEqual(r.raw);
    expect((results[0]!.raw as any).auditLog.edges.map((e: any) => e.node.changes[0].after.description)).toEqual(['second', 'first']);
  });
});
