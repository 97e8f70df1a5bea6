/**
 * The response cache (RESPONSE_CACHE_MB, src/graphql/response-cache.ts) over HTTP, two servers
 * over one Neo4j: anonymous answers are served again until a write, then the next anonymous read
 * sees the write on either server; a token's request and a request carrying bookmarks always go
 * to Neo4j; answers with errors and fields never public are not kept. A cached answer is told by
 * the header `x-response-cache: hit` (a fresh one that could be kept: `miss`; none: not eligible).
 */
import { startServer, type RunningServer } from '../../src/server';
import pino from 'pino';
import { startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'response-cache-curator-token-0123';
const ENV = { RESPONSE_CACHE_MB: '16', API_TOKENS: `ada:curator:${CURATOR}`, RATE_LIMIT_PER_MINUTE: '0', BOOKMARK_SECRET: 'response-cache-bookmark-secret-0123456789' };
const curator = { authorization: `Bearer ${CURATOR}` };
const NAME = 'query Name($id: ID!) { entity(id: $id) { name } }';
const UPSERT = 'mutation ($name: String!) { upsertEntity(input: { id: "cache-co", kind: COMPANY, name: $name, sources: [{ documentId: "article-cabinet-insists-police-never-used-clearview", quote: "Capture" }] }) { id } }';

let a: TestServer;
let b: RunningServer;
let bUrl: string;
beforeAll(async () => {
  a = await startTestServer(ENV);
  // A second replica over the same Neo4j and the same settings.
  b = await startServer(a.config, a.conn.db, pino({ level: 'silent' }));
  bUrl = `http://127.0.0.1:${b.port}/graphql`;
});
afterAll(async () => {
  await b?.stop();
  await a?.close();
});

/** POSTs an operation; the answer's body and its x-response-cache header. */
async function post(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ body: any; cache: string | null }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { body: await res.json(), cache: res.headers.get('x-response-cache') };
}

async function write(name: string): Promise<string[]> {
  const { body } = await post(a.url, UPSERT, { name }, curator);
  expect(body.errors).toBeUndefined();
  return body.extensions.bookmarks;
}

describe('the response cache', () => {
  it('serves an anonymous answer again until a write, after which both servers answer anew', async () => {
    await write('Cache Co 1');
    for (const url of [a.url, bUrl]) {
      const first = await post(url, NAME, { id: 'cache-co' });
      expect(first.body).toEqual({ data: { entity: { name: 'Cache Co 1' } } });
      // Either this server's first sight of the version (miss), or not: a second ask is a hit.
      const again = await post(url, NAME, { id: 'cache-co' });
      expect(again).toEqual({ body: { data: { entity: { name: 'Cache Co 1' } } }, cache: 'hit' });
    }
    // Other variables, another operation text: kept apart.
    expect((await post(a.url, NAME, { id: 'clearview-ai' })).body.data.entity.name).toBe('Clearview AI');
    expect((await post(a.url, `${NAME} `, { id: 'cache-co' })).cache).toBe('miss');

    await write('Cache Co 2');
    for (const url of [a.url, bUrl]) {
      expect(await post(url, NAME, { id: 'cache-co' })).toEqual({ body: { data: { entity: { name: 'Cache Co 2' } } }, cache: 'miss' });
      expect((await post(url, NAME, { id: 'cache-co' })).cache).toBe('hit');
    }
  });

  it('lets a token request and a request with bookmarks through to Neo4j', async () => {
    const bookmarks = await write('Cache Co 3');
    await post(a.url, NAME, { id: 'cache-co' });
    expect((await post(a.url, NAME, { id: 'cache-co' })).cache).toBe('hit');
    const withToken = await post(a.url, NAME, { id: 'cache-co' }, curator);
    expect(withToken).toEqual({ body: { data: { entity: { name: 'Cache Co 3' } } }, cache: null });
    const withBookmarks = await post(bUrl, NAME, { id: 'cache-co' }, { 'Neo4j-Bookmarks': bookmarks.join(',') });
    expect(withBookmarks).toEqual({ body: { data: { entity: { name: 'Cache Co 3' } } }, cache: null });
  });

  it('keeps no answer with errors, and no mutation', async () => {
    const bad = '{ entities(first: 100000) { totalCount } }';
    for (let i = 0; i < 2; i++) {
      const res = await post(a.url, bad);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.cache).not.toBe('hit');
    }
    expect((await post(a.url, UPSERT, { name: 'Cache Co 4' }, curator)).cache).toBeNull();
  });
});
