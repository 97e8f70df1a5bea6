/**
 * Issue 25 item 2 and issue 30 item 5 over real HTTP: every connection, top-level and nested, pages
 * by keyset both ways (Relay's first/after and last/before). Backward pages are the forward pages
 * reversed under each ordering (ties included); a curator's write between two pages neither repeats
 * nor skips an element that was there before, forwards or backwards; after+before and first+last
 * follow the Relay algorithm; bad arguments are BAD_USER_INPUT naming the argument; and Apollo
 * Client's relayStylePagination, configured as docs/clients.md says, merges backward pages.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql as tag } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { encodeCursor } from '../../src/graphql/cursor';
import { gql, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-paging-0123456789';
const curator = { authorization: `Bearer ${CURATOR}` };

let t: TestServer;
beforeAll(async () => {
  // Paging every connection through pages of one makes well over a thousand requests a minute.
  t = await startTestServer({ API_TOKENS: `ada:curator:${CURATOR}`, RATE_LIMIT_PER_MINUTE: '0' });
  // Two documents that later writes cite (and three more audit entries to page through).
  for (const [id, name] of [
    ['paging-doc-a', 'AAA paging report'],
    ['paging-doc-z', 'ZZZ paging report'],
  ]) {
    await write('mutation E($input: EntityInput!) { upsertEntity(input: $input) { id } }', {
      input: { id, kind: 'DOCUMENT', name, primary: false, reliability: 'LOW', url: `https://example.org/${id}`, sources: [] },
    });
  }
});
afterAll(async () => {
  await t?.close();
});

async function data(query: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await gql(t.url, query, variables, curator);
  expect(res.errors).toBeUndefined();
  return res.data;
}

async function write(query: string, variables: Record<string, unknown>): Promise<void> {
  const res = await gql(t.url, query, variables, curator);
  expect(res.errors).toBeUndefined();
}

/** A connection of the API: the query of one page (its arguments spliced in) and where the connection is in the answer. */
interface Conn {
  name: string;
  query: (paging: string) => string;
  at: (d: any) => any;
}

/** The variable definitions of the paging arguments `paging` uses. */
const vars = (paging: string) => {
  const used = ['first', 'after', 'last', 'before'].filter((v) => paging.includes(`$${v}`));
  return used.length ? `(${used.map((v) => `$${v}: ${v === 'first' || v === 'last' ? 'Int' : 'String'}`).join(', ')})` : '';
};

const node = (n: any) => n.id as string;
const PAGE = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }';
const top = (field: string, args: string): Conn => ({
  name: `${field}(${args})`,
  query: (p) => `query ${vars(p)} { ${field}(${args}${args ? ', ' : ''}${p}) { ${PAGE} } }`,
  at: (d) => d[field],
});
const nested = (entity: string, field: string, args = ''): Conn => ({
  name: `entity(${entity}).${field}(${args})`,
  query: (p) => `query ${vars(p)} { entity(id: "${entity}") { ${field}(${args}${args ? ', ' : ''}${p}) { ${PAGE} } } }`,
  at: (d) => d.entity[field],
});

const CONNECTIONS: Conn[] = [
  top('entities', 'where: {kind: [COMPLAINT, DECISION]}, orderBy: [{field: DATE}]'),
  top('entities', 'where: {kind: [DECISION]}, orderBy: [{field: AMOUNT_EUR, direction: DESC}]'),
  top('entities', 'where: {kind: [REGULATOR, COURT]}'),
  top('claims', 'orderBy: [{field: STATUS, direction: DESC}]'),
  top('claims', 'orderBy: [{field: SUPPORT}, {field: MADE_ON, direction: DESC}]'),
  top('claims', 'claimant: "sander-dekker"'),
  top('auditLog', ''),
  top('changes', 'since: "2000-01-01"'),
  nested('clearview-ai', 'relationships'),
  nested('clearview-ai', 'claimsAbout'),
  nested('sander-dekker', 'claimsMade'),
];

/** The ids of the whole connection in one page. */
async function whole(c: Conn): Promise<string[]> {
  const conn = c.at(await data(c.query('first: $first'), { first: 500 }));
  return conn.edges.map((e: any) => node(e.node));
}

/**
 * Every page of `size`, forwards (first, after endCursor) or backwards (last, before startCursor,
 * the last page first), checking each page's pageInfo on the way.
 */
async function pageThrough(c: Conn, size: number, direction: 'forwards' | 'backwards'): Promise<string[][]> {
  const fwd = direction === 'forwards';
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const conn = c.at(await data(c.query(fwd ? 'first: $first, after: $after' : 'last: $last, before: $before'), fwd ? { first: size, after: cursor } : { last: size, before: cursor }));
    pages.push(conn.edges.map((e: any) => node(e.node)));
    const { hasNextPage, hasPreviousPage, startCursor, endCursor } = conn.pageInfo;
    // The other way's flag is computed, not left false: forwards, true after the first page;
    // backwards, true before the last.
    expect(fwd ? hasPreviousPage : hasNextPage).toBe(cursor !== null && conn.totalCount > 0);
    expect([startCursor, endCursor]).toEqual([conn.edges[0]?.cursor ?? null, conn.edges.at(-1)?.cursor ?? null]);
    if (!(fwd ? hasNextPage : hasPreviousPage)) return pages;
    cursor = fwd ? endCursor : startCursor;
  }
  throw new Error(`paging ${direction} did not end`);
}

describe('backward pages are the forward pages reversed', () => {
  it.each(CONNECTIONS.map((c) => [c.name, c] as const))('%s, pages of 1, 2 and 3', async (_name, c) => {
    const all = await whole(c);
    expect(all.length).toBeGreaterThan(2);
    for (const size of [1, 2, 3]) {
      const fwd = await pageThrough(c, size, 'forwards');
      const back = await pageThrough(c, size, 'backwards');
      expect(fwd.flat()).toEqual(all);
      expect([...back].reverse().flat()).toEqual(all);
      // Backwards, every page but the first one read (the end of the list) is full.
      expect(back.slice(0, -1).every((p) => p.length === size)).toBe(true);
      expect(back[0]).toEqual(all.slice(-size));
    }
  });
});

describe('after and before together, first and last together (the Relay algorithm)', () => {
  const c = CONNECTIONS[0]!;
  it('pages the window between the cursors: first keeps its head, last the tail of that', async () => {
    const first = c.at(await data(c.query('first: $first'), { first: 500 }));
    const ids: string[] = first.edges.map((e: any) => e.node.id);
    const cursor = (i: number) => first.edges[i].cursor as string;
    const page = async (args: Record<string, unknown>) => {
      const conn = c.at(await data(c.query('first: $first, after: $after, last: $last, before: $before'), args));
      return { ids: conn.edges.map((e: any) => e.node.id), info: conn.pageInfo };
    };
    // after 1, before 8: elements 2..7.
    expect((await page({ after: cursor(1), before: cursor(8), first: 500 })).ids).toEqual(ids.slice(2, 8));
    expect(await page({ after: cursor(1), before: cursor(8), first: 2 })).toMatchObject({ ids: ids.slice(2, 4), info: { hasNextPage: true, hasPreviousPage: true } });
    expect(await page({ after: cursor(1), before: cursor(8), last: 2 })).toMatchObject({ ids: ids.slice(6, 8), info: { hasNextPage: true, hasPreviousPage: true } });
    expect(await page({ after: cursor(1), before: cursor(8), first: 4, last: 2 })).toMatchObject({ ids: ids.slice(4, 6) });
    // The window holds no more than first: no next page, though elements follow before (as the spec says).
    expect(await page({ after: cursor(1), before: cursor(8), first: 6 })).toMatchObject({ ids: ids.slice(2, 8), info: { hasNextPage: false } });
    // last alone counts from the end, not from the schema's default first (50).
    expect((await page({ last: 3 })).ids).toEqual(ids.slice(-3));
    expect(await page({ after: cursor(4), before: cursor(2), first: 5 })).toMatchObject({ ids: [], info: { startCursor: null, endCursor: null } });
  });
});

const CLAIM = 'mutation C($input: ClaimInput!) { upsertClaim(input: $input) { id } }';
const RELATIONSHIP = 'mutation R($input: RelationshipInput!) { upsertRelationship(input: $input) { id } }';
const quote = (doc: string) => [{ documentId: doc, quote: 'a passage of five words here' }];
const claim = (id: string, over: Record<string, unknown>) => ({
  id,
  text: `Paging test claim ${id}.`,
  claimantId: 'paging-doc-a',
  subjectIds: ['paging-doc-z'],
  propositionId: `${id}-proposition`,
  propositionText: `Paging test proposition ${id}.`,
  polarity: 'AFFIRMS',
  sources: quote('paging-doc-a'),
  ...over,
});

/**
 * Each nested connection with two writes through the curator mutations: one that sorts first
 * (before the page read forwards) and one that sorts last (after the page read backwards), which
 * is what shifted the pages of the former position cursors.
 */
const WRITES: { c: Conn; early: () => Promise<string>; late: () => Promise<string> }[] = [
  {
    c: nested('clearview-ai', 'relationships', 'types: ["REPORTS_ON"]'),
    early: async () => (await write(RELATIONSHIP, { input: { from: 'paging-doc-a', type: 'REPORTS_ON', to: 'clearview-ai', sources: quote('paging-doc-a') } }), 'paging-doc-a:REPORTS_ON:clearview-ai'),
    late: async () => (await write(RELATIONSHIP, { input: { from: 'paging-doc-z', type: 'REPORTS_ON', to: 'clearview-ai', sources: quote('paging-doc-z') } }), 'paging-doc-z:REPORTS_ON:clearview-ai'),
  },
  {
    c: nested('clearview-ai', 'claimsAbout'),
    early: async () => (await write(CLAIM, { input: claim('paging-about-early', { subjectIds: ['clearview-ai'], madeOn: '1990-01-01' }) }), 'paging-about-early'),
    late: async () => (await write(CLAIM, { input: claim('zz-paging-about-late', { subjectIds: ['clearview-ai'] }) }), 'zz-paging-about-late'),
  },
  {
    c: nested('sander-dekker', 'claimsMade'),
    early: async () => (await write(CLAIM, { input: claim('paging-made-early', { claimantId: 'sander-dekker', madeOn: '1990-01-01' }) }), 'paging-made-early'),
    late: async () => (await write(CLAIM, { input: claim('zz-paging-made-late', { claimantId: 'sander-dekker' }) }), 'zz-paging-made-late'),
  },
];

describe('a write between two pages neither repeats nor skips an element that was there before', () => {
  it.each(WRITES.map((w) => [w.c.name, w] as const))('%s, forwards and backwards', async (_name, w) => {
    const size = 2;
    // Forwards: page 1, then an element that sorts before it, then page 2.
    const before = await whole(w.c);
    expect(before.length).toBeGreaterThanOrEqual(2 * size);
    const p1 = w.c.at(await data(w.c.query('first: $first'), { first: size }));
    expect(p1.edges.map((e: any) => node(e.node))).toEqual(before.slice(0, size));
    const early = await w.early();
    const shifted = await whole(w.c);
    expect(shifted[0]).toBe(early);
    const p2 = w.c.at(await data(w.c.query('first: $first, after: $after'), { first: size, after: p1.pageInfo.endCursor }));
    expect(p2.edges.map((e: any) => node(e.node))).toEqual(before.slice(size, 2 * size));

    // Backwards: the last page, then an element that sorts after it, then the page before.
    const l1 = w.c.at(await data(w.c.query('last: $last'), { last: size }));
    expect(l1.edges.map((e: any) => node(e.node))).toEqual(shifted.slice(-size));
    const late = await w.late();
    expect((await whole(w.c)).at(-1)).toBe(late);
    const l2 = w.c.at(await data(w.c.query('last: $last, before: $before'), { last: size, before: l1.pageInfo.startCursor }));
    expect(l2.edges.map((e: any) => node(e.node))).toEqual(shifted.slice(-2 * size, -size));
  });
});

describe('bad paging arguments', () => {
  const other = encodeCursor('claims', 'default', [false, '2021-01-01', 'x']);
  it.each([
    ['{ entities(last: -1) { totalCount } }', 'last', /must be between 0 and 500/],
    ['{ claims(last: 501) { totalCount } }', 'last', /must be between 0 and 500/],
    [`{ entities(before: "${other}") { totalCount } }`, 'before', /is a cursor of claims, not of entities/],
    ['{ changes(since: "2020-01-01", before: "nope") { totalCount } }', 'before', /is not a cursor this API issued/],
    [`{ entity(id: "clearview-ai") { relationships(before: "${other}") { totalCount } } }`, 'before', /is a cursor of claims, not of Entity.relationships/],
    [`{ entity(id: "clearview-ai") { claimsMade(after: "${encodeCursor('Entity.claimsAbout', 'default', [false, '2021-01-01', 'x'])}") { totalCount } } }`, 'after', /is a cursor of Entity.claimsAbout, not of Entity.claimsMade/],
    ['{ entity(id: "clearview-ai") { claimsAbout(after: "c1.e30") { totalCount } } }', 'after', /is not a cursor this API issued/],
    [`{ entity(id: "clearview-ai") { claimsAbout(after: "${encodeCursor('Entity.claimsAbout', 'offset', [3])}") { totalCount } } }`, 'after', /in another order \(offset\)/],
  ])('%s is BAD_USER_INPUT naming %s', async (query, argument, message) => {
    const res = await gql(t.url, query, undefined, curator);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(res.errors![0]!.message).toMatch(message);
  });
});

describe("Apollo Client's relayStylePagination (docs/clients.md)", () => {
  it('merges backward pages, top-level and nested, into the list in its order', async () => {
    const config = (await (await fetch(`${t.base}/graphql/client-config.json`)).json()) as { possibleTypes: Record<string, string[]>; typePolicies: Record<string, any> };
    // As docs/clients.md configures it.
    const cache = new InMemoryCache({
      possibleTypes: config.possibleTypes,
      typePolicies: {
        ...config.typePolicies,
        Query: { fields: { entities: relayStylePagination(['kind', 'where', 'orderBy', 'sort', 'namePrefix', 'from', 'to', 'country']) } },
        Entity: { fields: { claimsAbout: relayStylePagination(), relationships: relayStylePagination(['types', 'direction', 'asOf']) } },
      },
    });
    const client = new ApolloClient({ link: new HttpLink({ uri: t.url }), cache });
    const ENTITIES = tag`query E($last: Int, $before: String) { entities(where: {kind: [DECISION]}, orderBy: [{field: DATE}], last: $last, before: $before) {
      totalCount pageInfo { hasPreviousPage hasNextPage startCursor endCursor } edges { cursor node { id } } } }`;
    const CLAIMS = tag`query C($last: Int, $before: String) { entity(id: "clearview-ai") { id claimsAbout(last: $last, before: $before) {
      pageInfo { hasPreviousPage hasNextPage startCursor endCursor } edges { cursor node { id } } } } }`;
    for (const [query, at, all] of [
      [ENTITIES, (d: any) => d.entities, (await whole(top('entities', 'where: {kind: [DECISION]}, orderBy: [{field: DATE}]')))],
      [CLAIMS, (d: any) => d.entity.claimsAbout, await whole(nested('clearview-ai', 'claimsAbout'))],
    ] as const) {
      let result = at((await client.query({ query, variables: { last: 3 } })).data);
      for (let i = 0; i < 2; i++) {
        result = at((await client.query({ query, variables: { last: 3, before: result.pageInfo.startCursor }, fetchPolicy: 'network-only' })).data);
      }
      const merged = at(cache.readQuery({ query, variables: { last: 3 } }));
      expect(merged.edges.map((e: any) => e.node.id)).toEqual(all.slice(-9));
      // The merged pageInfo: its start from the page read last, its end from the first (the list's end).
      expect(merged.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false, startCursor: merged.edges[0].cursor, endCursor: merged.edges[8].cursor });
    }
  });
});
