/**
 * Issue 26 item 3: every route the server mounts has the CORS and auth its module declares
 * (src/server.ts ROUTE_MODULES), asked over real HTTP with each route's probe
 * (test/support/route-probes.ts). Rate limits per declaration are in
 * security-review.int.test.ts ("the rate limit covers every limited route"); the WebSocket
 * transport, which applies its policies itself, is asked with graphql-ws's own client.
 */
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { startTestServer, TestServer } from '../support/helpers';
import { ProbedRoute, probedRoutes, routesWithoutProbe, send } from '../support/route-probes';
import { ROUTE_MODULES } from '../../src/server';

const ORIGIN = 'https://dash.example';
const READER = 'policy-reader-token-0123456789';
const METRICS = 'policy-metrics-token-0123456789';
const BAD = { authorization: 'Bearer not-a-token-of-this-server-0123' };
const ROUTES = probedRoutes();
const byPolicy = (f: (r: ProbedRoute) => boolean) => ROUTES.filter(f).map((r) => [r.title, r] as const);

let t: TestServer;
let locked: TestServer;
beforeAll(async () => {
  const env = { API_TOKENS: `polly:reader:${READER}`, CORS_ORIGINS: ORIGIN, METRICS_TOKEN: METRICS };
  t = await startTestServer(env, false);
  locked = await startTestServer({ ...env, REQUIRE_AUTH_FOR_READS: 'true' }, false);
});
afterAll(async () => {
  await t?.server.stop();
  await locked?.server.stop();
});

it('has a probe for every declared route', () => {
  expect(routesWithoutProbe()).toEqual([]);
  expect(ROUTES.length).toBeGreaterThanOrEqual(20);
});

describe('CORS as declared', () => {
  it.each(byPolicy((r) => r.route.policies.cors === 'api'))('%s: CORS for CORS_ORIGINS, its preflight answered', async (_title, { probe }) => {
    const pre = await fetch(`${t.base}${probe.url}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const res = await send(t.base, probe, { origin: ORIGIN });
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await send(t.base, probe, { origin: 'https://elsewhere.example' })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each(byPolicy((r) => r.route.policies.cors === 'none'))('%s: no CORS headers, even for CORS_ORIGINS', async (_title, { route, probe }) => {
    expect((await send(t.base, probe, { origin: ORIGIN })).headers.get('access-control-allow-origin')).toBeNull();
    // A preflight of a path the API shares (GraphiQL's page is /graphql's GET for browsers) is the API's.
    if (ROUTES.some((r) => r.route.path === route.path && r.route.policies.cors === 'api')) return;
    const pre = await fetch(`${t.base}${probe.url}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('auth as declared', () => {
  it.each(byPolicy((r) => r.route.policies.auth === 'anonymous'))('%s: answers anyone, reads no token, needs none where reads do', async (_title, { probe }) => {
    // Not 401 (readiness may be 503 on a store another suite left empty: that is no refusal of the caller).
    expect((await send(t.base, probe, BAD)).status).not.toBe(401);
    expect((await send(locked.base, probe)).status).not.toBe(401);
  });

  it.each(byPolicy((r) => r.route.policies.auth === 'token-optional'))('%s: a token is optional, but one that is sent must be valid; REQUIRE_AUTH_FOR_READS needs one', async (_title, { probe }) => {
    expect((await send(t.base, probe)).status).not.toBe(401);
    expect((await send(t.base, probe, BAD)).status).toBe(401);
    expect((await send(locked.base, probe)).status).toBe(401);
    expect((await send(locked.base, probe, { authorization: `Bearer ${READER}` })).status).not.toBe(401);
  });

  it.each(byPolicy((r) => r.route.policies.auth === 'metrics-token'))('%s: wants METRICS_TOKEN, and no API token stands in for it', async (_title, { probe }) => {
    expect((await send(t.base, probe)).status).toBe(401);
    expect((await send(t.base, probe, { authorization: `Bearer ${READER}` })).status).toBe(401);
    expect((await send(t.base, probe, { authorization: `Bearer ${METRICS}` })).status).toBe(200);
  });
});

describe('the WebSocket transport applies its declared policies itself', () => {
  const ws = ROUTE_MODULES.flatMap((m) => m.routes.filter((r) => r.transport === 'websocket'));

  /** The first error (a close event or GraphQL errors) of `query` subscribed over a new connection, or null when it completes. */
  async function firstError(server: TestServer, params: Record<string, unknown>, query = '{ __typename }'): Promise<unknown> {
    const client = createClient({ url: `${server.base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0, lazy: true });
    try {
      return await new Promise((resolve) =>
        client.subscribe({ query }, { next: (r) => r.errors && resolve(r.errors), error: resolve, complete: () => resolve(null) }),
      );
    } finally {
      await client.dispose();
    }
  }

  it('declares /graphql token-optional and limited per caller', () => {
    expect(ws.map((r) => [r.path, r.policies.auth, r.policies.rateLimit])).toEqual([['/graphql', 'token-optional', 'caller']]);
  });

  it('refuses a token that is not valid, and an anonymous caller where reads need a token, with 4403', async () => {
    expect(await firstError(t, BAD)).toMatchObject({ code: 4403 });
    expect(await firstError(locked, {})).toMatchObject({ code: 4403 });
    // A valid token is served: the query is refused as not a subscription, after authentication.
    expect(JSON.stringify(await firstError(locked, { authorization: `Bearer ${READER}` }))).toMatch(/Only subscriptions are served here/);
  });

  it("counts each subscription against the caller's bucket, shared with HTTP requests", async () => {
    const limited = await startTestServer({ API_TOKENS: `polly:reader:${READER}`, RATE_LIMIT_PER_MINUTE: '2' }, false);
    try {
      const params = { authorization: `Bearer ${READER}` };
      expect((await send(limited.base, { url: '/api/graph' }, params)).status).not.toBe(429);
      expect(JSON.stringify(await firstError(limited, params))).toMatch(/Only subscriptions are served here/);
      expect(JSON.stringify(await firstError(limited, params))).toMatch(/RATE_LIMITED.*RATE_LIMIT_PER_MINUTE|RATE_LIMIT_PER_MINUTE.*RATE_LIMITED/);
    } finally {
      await limited.server.stop();
    }
  });
});
