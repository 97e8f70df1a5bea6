/**
 * Issue 30 item 6 with real HTTP GETs and POSTs: an anonymous GET query is `public, max-age=N`, N
 * the smallest max-age of the fields it asks (CACHE_MAX_AGE, CACHE_MAX_AGE_FIELDS); the audit log,
 * the change feed, answers with a token, POSTs and answers with errors are `private, no-store`.
 */
import { startTestServer, TestServer } from '../support/helpers';

const READER = 'reader-token-cache-0123456789';
const CURATOR = 'curator-token-cache-0123456789';
const TOKENS = `rob:reader:${READER},ada:curator:${CURATOR}`;

let t: TestServer;
let tuned: TestServer;
let off: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: TOKENS });
  // The same seeded store, with other cache settings.
  tuned = await startTestServer({ API_TOKENS: TOKENS, CACHE_MAX_AGE: '120', CACHE_MAX_AGE_FIELDS: 'Query.search=5, Entity.claimsAbout=30' }, false);
  off = await startTestServer({ CACHE_MAX_AGE: '0' }, false);
});
afterAll(async () => {
  await Promise.all([t?.close(), tuned?.close(), off?.close()]);
});

/** GETs a query as the GraphQL-over-HTTP spec sends it: the Cache-Control answered, and the body. */
async function get(server: TestServer, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', ...headers } });
  return { cacheControl: res.headers.get('cache-control'), body: (await res.json()) as { data?: any; errors?: any[] } };
}

const ENTITY = '{ entity(id: "cnil") { id name } }';
const CLAIMS_ABOUT = '{ entity(id: "clearview-ai") { id claimsAbout(first: 2) { totalCount } } }';

describe('Cache-Control of GraphQL answers', () => {
  it('makes an anonymous GET query public for the default max-age (60 s)', async () => {
    const r = await get(t, ENTITY);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.entity.id).toBe('cnil');
    expect(r.cacheControl).toBe('public, max-age=60');
    expect((await get(t, CLAIMS_ABOUT)).cacheControl).toBe('public, max-age=60');
  });

  it('takes the smallest max-age of the fields asked, CACHE_MAX_AGE_FIELDS overriding CACHE_MAX_AGE (on an interface too)', async () => {
    expect((await get(tuned, ENTITY)).cacheControl).toBe('public, max-age=120');
    expect((await get(tuned, CLAIMS_ABOUT)).cacheControl).toBe('public, max-age=30');
    const both = await get(tuned, '{ search(text: "cnil") { score } entity(id: "cnil") { id claimsAbout { totalCount } } }');
    expect(both.body.errors).toBeUndefined();
    expect(both.cacheControl).toBe('public, max-age=5');
  });

  it('never makes the change feed or the audit log public', async () => {
    const changes = await get(t, '{ changes(since: "2020-01-01", first: 1) { totalCount } entity(id: "cnil") { id } }');
    expect(changes.body.errors).toBeUndefined();
    expect(changes.cacheControl).toBe('private, no-store');
    expect((await get(tuned, '{ changes(since: "2020-01-01", first: 1) { totalCount } }')).cacheControl).toBe('private, no-store');
    const audit = await get(t, '{ auditLog(first: 1) { totalCount } }', { authorization: `Bearer ${CURATOR}` });
    expect(audit.body.errors).toBeUndefined();
    expect(audit.cacheControl).toBe('private, no-store');
  });

  it('keeps answers with a token, POST answers and answers with errors private', async () => {
    const reader = await get(t, ENTITY, { authorization: `Bearer ${READER}` });
    expect(reader.body.data.entity.id).toBe('cnil');
    expect(reader.cacheControl).toBe('private, no-store');
    const post = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ENTITY }) });
    expect(post.status).toBe(200);
    expect(post.headers.get('cache-control')).toBe('private, no-store');
    const refused = await get(t, '{ auditLog(first: 1) { totalCount } }');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.cacheControl).toBe('private, no-store');
    const bad = await get(t, '{ entities(first: 9999) { totalCount } }');
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.cacheControl).toBe('private, no-store');
  });

  it('makes nothing public with CACHE_MAX_AGE=0', async () => {
    const r = await get(off, ENTITY);
    expect(r.body.data.entity.id).toBe('cnil');
    expect(r.cacheControl).toBe('private, no-store');
  });
});
