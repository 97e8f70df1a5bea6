/**
 * The change feed (issue 17 part 5) over real HTTP and the real Neo4j: Query.changes from the
 * audit log, oldest first with cursor paging, and GET /feeds/changes.atom (all, or one entity's)
 * read by a well-kept feed parser (@rowanmanning/feed-parser, which rejects what is not a feed).
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { gql, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';
const curator = { authorization: `Bearer ${CURATOR}` };

const CHANGES = `query ($since: String!, $first: Int, $after: String) {
  changes(since: $since, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id at actor operation entityIds changes { area id } summary } } } }`;
const ENTITY = 'mutation ($input: EntityInput!) { upsertEntity(input: $input) { id } }';

const doc = (id: string, name: string) => ({ input: { id, kind: 'DOCUMENT', name, primary: false, reliability: 'LOW', url: `https://example.org/${id}`, sources: [] } });

let t: TestServer;
let before: string;
beforeAll(async () => {
  // Before the server's seed (which wipes the audit log first), so its entry is the first.
  before = new Date(Date.now() - 1000).toISOString();
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR}`, QUERY_TIMEOUT_MS: '60000' });
  // Three writes after the seed: two creations and an update of the first.
  for (const v of [doc('feed-doc-a', 'Feed document A'), doc('feed-doc-b', 'Feed document B'), doc('feed-doc-a', 'Feed document A, renamed')]) {
    const res = await gql(t.url, ENTITY, v, curator);
    expect(res.errors).toBeUndefined();
  }
  // Seeding and three writes on a shared two-core machine can take longer than a test's minute.
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('Query.changes', () => {
  it('lists the writes since a moment oldest first, and pages through them with after', async () => {
    const first = await gql(t.url, CHANGES, { since: before, first: 2 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data.changes;
    // The seed's entry, then the three writes.
    expect(page1.totalCount).toBe(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const rest = (await gql(t.url, CHANGES, { since: before, first: 10, after: page1.pageInfo.endCursor })).data.changes;
    const all = [...page1.edges, ...rest.edges].map((e: any) => e.node);
    expect(all.map((n: any) => n.operation)).toEqual(['seed', 'upsertEntity', 'upsertEntity', 'upsertEntity']);
    expect(all.slice(1).map((n: any) => n.entityIds)).toEqual([['feed-doc-a'], ['feed-doc-b'], ['feed-doc-a']]);
    const times = all.map((n: any) => Date.parse(n.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('starts at since: a moment after the first write leaves it out', async () => {
    const all = (await gql(t.url, CHANGES, { since: before, first: 10 })).data.changes.edges.map((e: any) => e.node);
    const later = (await gql(t.url, CHANGES, { since: all[2].at })).data.changes.edges.map((e: any) => e.node.id);
    expect(later).toEqual([all[2].id, all[3].id]);
  });

  it('shows anonymous readers what changed but not who wrote it nor the seed summary; curators see both', async () => {
    const anonymous = (await gql(t.url, CHANGES, { since: before })).data.changes.edges.map((e: any) => e.node);
    expect(anonymous.map((n: any) => n.actor)).toEqual(['seed', 'curator', 'curator', 'curator']);
    expect(anonymous[0].summary).toBeNull();
    expect(anonymous[1].changes).toEqual([{ area: 'entities', id: 'feed-doc-a' }]);
    const asCurator = (await gql(t.url, CHANGES, { since: before }, curator)).data.changes.edges.map((e: any) => e.node);
    expect(asCurator[1].actor).toBe('ada');
    expect(asCurator[0].summary).not.toBeNull();
  });

  it.each([['yesterday'], ['2026-13-45T00:00:00Z'], ['2026-01-01T10:00:00']])('refuses since "%s" naming the argument', async (since) => {
    const res = await gql(t.url, CHANGES, { since });
    expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/^since:/), extensions: { code: 'BAD_USER_INPUT', argument: 'since' } });
  });
});

describe('GET /feeds/changes.atom', () => {
  it('is an Atom feed of the latest writes, newest first, that a feed parser reads', async () => {
    const res = await fetch(`${t.base}/feeds/changes.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = parseFeed(await res.text());
    expect(feed.meta.type).toBe('atom');
    expect(feed.title).toMatch(/Changes to the facial-recognition regulation graph/);
    expect(feed.items.map((i) => i.title)).toEqual(['upsertEntity: feed-doc-a', 'upsertEntity: feed-doc-b', 'upsertEntity: feed-doc-a', expect.stringMatching(/^seed/)]);
    expect(feed.items[0]!.id).toMatch(/^urn:uuid:/);
    expect(feed.items[0]!.updated).toBeInstanceOf(Date);
    expect(feed.items[0]!.authors[0]!.name).toBe('curator');
    expect(feed.items[0]!.description).toBe('entities feed-doc-a: updated');
    expect(feed.items[2]!.description).toBe('entities feed-doc-a: created');
  });

  it('with entity, follows that entity only and links to its JSON-LD', async () => {
    const feed = parseFeed(await (await fetch(`${t.base}/feeds/changes.atom?entity=feed-doc-b`)).text());
    expect(feed.title).toContain('feed-doc-b');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]!.url).toMatch(/\/entities\/feed-doc-b$/);
    expect(feed.self).toMatch(/\/feeds\/changes\.atom\?entity=feed-doc-b$/);
  });

  it('refuses an unknown parameter by name', async () => {
    const res = await fetch(`${t.base}/feeds/changes.atom?since=2020-01-01`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'BAD_USER_INPUT', parameter: 'since' });
  });
});
