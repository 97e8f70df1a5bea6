/**
 * Issue 18 items 1 and 2 against the run's real Neo4j through `neo4j://`, the routing scheme of
 * a cluster (Neo4j answers it with a single-instance routing table: reads and writes go where
 * the table says, so a statement run in the wrong access mode fails here as on a cluster):
 *   - seeding, the analyst questions, every mutation and the graph view through neo4j://;
 *   - two server processes on one Neo4j: a curator writes through A and at once reads through B
 *     with the bookmarks A returned, 100 times, and every read sees its write;
 *   - the Neo4j-Bookmarks header: malformed -> 400 naming it; well-formed but not signed by the
 *     service -> BAD_REQUEST naming it, and the caller's next request is unaffected.
 */
import { gql, reseed, testConnection } from '../support/helpers';
import { spawnServer, ServerProcess, waitUntilReady } from '../support/server-process';
import { analystMix } from '../reliability/workload';
import { AppError } from '../../src/errors';
import type { Connection } from '../../src/db/connect';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql as tag } from '@apollo/client';
import { map } from 'rxjs';
import { leadingPage } from '../../src/graphql/paging';

const CURATOR = 'routing-curator-0123456789abcdef';
const curator = { authorization: `Bearer ${CURATOR}` };
const routed = process.env.NEO4J_URI!.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
// Both replicas share BOOKMARK_SECRET, as docs/operations.md asks: B verifies what A signed.
const ENV = { NEO4J_URI: routed, SEED_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '0', API_TOKENS: `ada:curator:${CURATOR}`, BOOKMARK_SECRET: 'routing-test-bookmark-secret-0123456789' };

const src = [{ documentId: 'routing-doc', quote: 'a passage for the routing test' }];
const doc = { id: 'routing-doc', kind: 'DOCUMENT', name: 'Routing test document', primary: false, reliability: 'LOW', url: 'https://example.org/routing', sources: [] };
const ENTITY = 'mutation E($input: EntityInput!) { upsertEntity(input: $input) { id name } }';
const RELATIONSHIP = 'mutation R($input: RelationshipInput!) { upsertRelationship(input: $input) { id } }';
const CLAIM = 'mutation C($input: ClaimInput!) { upsertClaim(input: $input) { id status } }';
const DELETE = 'mutation D($id: ID!) { deleteEntity(id: $id) }';
const NAME = 'query N($id: ID!) { entity(id: $id) { name } }';

let conn: Connection;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  const routedConnection = await testConnection({ NEO4J_URI: routed });
  conn = routedConnection.conn;
  // The seeding path (schema, bulk writes, the reads between them) through the routing driver.
  await reseed(conn.db, routedConnection.config);
  [a, b] = await Promise.all([spawnServer(ENV), spawnServer(ENV)]);
  await Promise.all([waitUntilReady(a, 60_000), waitUntilReady(b, 60_000)]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await conn?.close();
});

describe('through neo4j:// (a routing table)', () => {
  it('seeds the curated dataset and answers every analyst question without an error', async () => {
    const [counts] = await conn.db.read('admin/counts');
    expect(counts!.entities).toBeGreaterThan(50);
    for (const op of analystMix()) {
      const res = await gql(a.url, op.query, op.variables);
      expect({ op: op.name, errors: res.errors }).toEqual({ op: op.name, errors: undefined });
      expect(res.data).toBeTruthy();
    }
  });

  it('serves the graph view data', async () => {
    const res = await fetch(`${a.base}/api/graph?center=clearview-ai&depth=1`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { elements: { nodes: unknown[] } }).elements.nodes.length).toBeGreaterThan(1);
  });

  it('runs every mutation, each answer carrying its bookmarks, and reads the result back', async () => {
    const steps: [string, Record<string, unknown>][] = [
      [ENTITY, { input: doc }],
      [ENTITY, { input: { id: 'routing-co', kind: 'COMPANY', name: 'Routing Co', sources: src } }],
      [ENTITY, { input: { id: 'routing-product', kind: 'PRODUCT', name: 'Routing Product', sources: src } }],
      [ENTITY, { input: { id: 'routing-temp', kind: 'COMPANY', name: 'Routing Temp', sources: src } }],
      [DELETE, { id: 'routing-temp' }],
      [RELATIONSHIP, { input: { from: 'routing-co', type: 'DEVELOPS', to: 'routing-product', sources: src } }],
      [
        CLAIM,
        {
          input: {
            id: 'routing-claim',
            text: 'Routing Co develops Routing Product.',
            claimantId: 'routing-co',
            subjectIds: ['routing-product'],
            propositionId: 'routing-proposition',
            propositionText: 'Routing Co develops Routing Product.',
            polarity: 'AFFIRMS',
            sources: src,
          },
        },
      ],
    ];
    for (const [query, variables] of steps) {
      const res = await gql(a.url, query, variables, curator);
      expect(res.errors).toBeUndefined();
      expect(res.extensions?.bookmarks).toEqual([expect.stringMatching(/^[A-Za-z0-9+/=:_.-]+$/)]);
    }
    const claim = await gql(b.url, '{ claim(id: "routing-claim") { status claimant { name } } }');
    expect(claim.data.claim).toEqual({ status: 'UNCONTESTED', claimant: { name: 'Routing Co' } });
    expect((await gql(b.url, NAME, { id: 'routing-temp' })).data.entity).toBeNull();
  });

  it('refuses, before any database work, to run a writing statement in a read transaction', async () => {
    const audited = async () => (await conn.db.read('audit/list', { entityId: null, page: leadingPage(1) }))[0]!.total as number;
    const before = await audited();
    const refusal = conn.db.readTransaction((run) => run('audit/record', { id: 'x', actor: 'x', operation: 'x', entityIds: [], changesJson: '[]' }));
    await expect(refusal).rejects.toThrow(AppError);
    await expect(refusal).rejects.toThrow(/audit\/record writes; it must run in a write transaction/);
    expect(await audited()).toBe(before);
  });
});

describe('read your writes across two replicas', () => {
  it('a curator writes through A and at once reads through B with the bookmarks: 100 times out of 100 the read sees the write', async () => {
    let seen = 0;
    const misses: string[] = [];
    for (let i = 0; i < 100; i++) {
      const name = `Routing Co, edit ${i}`;
      const write = await gql(a.url, ENTITY, { input: { id: 'routing-co', kind: 'COMPANY', name, sources: src } }, curator);
      expect(write.errors).toBeUndefined();
      const bookmarks = write.extensions!.bookmarks as string[];
      const read = await gql(b.url, NAME, { id: 'routing-co' }, { ...curator, 'Neo4j-Bookmarks': bookmarks.join(',') });
      if (read.data?.entity?.name === name) seen++;
      else misses.push(`${i}: ${JSON.stringify(read)}`);
    }
    expect(misses).toEqual([]);
    expect(seen).toBe(100);
  });

  it('answers 400 naming Neo4j-Bookmarks for a malformed header, and changes nothing', async () => {
    for (const header of ['a,,b', 'not a bookmark!', Array.from({ length: 17 }, (_, i) => `FB:${i}`).join(',')]) {
      const res = await gql(b.url, NAME, { id: 'routing-co' }, { 'Neo4j-Bookmarks': header });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(res.errors?.[0]?.message).toMatch(/^Neo4j-Bookmarks: /);
    }
  });

  it('refuses a well-formed bookmark the database never issued, naming the header, and the same caller is served normally next', async () => {
    const forged = await gql(b.url, NAME, { id: 'routing-co' }, { ...curator, 'Neo4j-Bookmarks': 'FB:notissuedbythisdatabase' });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(forged.errors?.[0]?.message).toMatch(/^Neo4j-Bookmarks: /);
    const next = await gql(b.url, NAME, { id: 'routing-co' }, curator);
    expect(next.errors).toBeUndefined();
    expect(next.data.entity.name).toMatch(/^Routing Co/);
  });

  it("docs/clients.md's Apollo link carries a write's bookmarks from a client of A to a client of B", async () => {
    // The link of docs/clients.md, with its `bookmarks` shared by two clients, one per replica.
    let bookmarks: string[] = [];
    const sent: string[] = [];
    const causal = new ApolloLink((operation, forward) => {
      if (bookmarks.length) operation.setContext(({ headers = {} }) => ({ headers: { ...headers, 'Neo4j-Bookmarks': bookmarks.join(',') } }));
      sent.push(bookmarks.join(','));
      return forward(operation).pipe(map((result) => ((bookmarks = (result.extensions?.bookmarks as string[] | undefined) ?? bookmarks), result)));
    });
    const client = (url: string) => new ApolloClient({ link: ApolloLink.from([causal, new HttpLink({ uri: url, headers: curator })]), cache: new InMemoryCache() });
    const [toA, toB] = [client(a.url), client(b.url)];
    await toA.mutate({ mutation: tag(ENTITY), variables: { input: { id: 'routing-co', kind: 'COMPANY', name: 'Routing Co, by Apollo', sources: src } } });
    expect(bookmarks).toEqual([expect.stringMatching(/^b1\./)]);
    const read = await toB.query({ query: tag(NAME), variables: { id: 'routing-co' }, fetchPolicy: 'network-only' });
    expect(sent).toEqual(['', bookmarks.join(',')]);
    expect((read.data as { entity: { name: string } }).entity.name).toBe('Routing Co, by Apollo');
  });
});
