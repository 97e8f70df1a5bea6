/**
 * mountRoutes (src/http/route-module.ts) without a database: it applies each declared route's
 * CORS, rate limit and caller share in that order, refuses a module that mounts a handler on a
 * path it did not declare (or a middleware on every path), and every module of the server
 * declares each path once with a known policy. Over real HTTP on a free port, with fetch.
 */
import http from 'node:http';
import express from 'express';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import type { Executor } from '../../src/db/executor';
import { PoolShare } from '../../src/db/pool-share';
import { authenticator } from '../../src/http/auth';
import { rateLimiter } from '../../src/http/rate-limit';
import { mountFallbacks, mountRoutes, RouteDeps, RouteModule } from '../../src/http/route-module';
import { Lifecycle } from '../../src/lifecycle';
import { ROUTE_MODULES } from '../../src/server';

const ORIGIN = 'https://dash.example';
const TOKEN = 'unit-reader-token-0123456789';

function deps(env: Record<string, string> = {}): RouteDeps {
  const config = loadConfig({ CORS_ORIGINS: ORIGIN, RATE_LIMIT_PER_MINUTE: '2', API_TOKENS: `una:reader:${TOKEN}`, ...env });
  const poolShare = new PoolShare(config.poolSharePerCaller);
  const none = {} as Executor;
  return {
    config,
    db: none,
    callerDb: none,
    poolShare,
    log: pino({ level: 'silent' }),
    schema: undefined as never,
    authenticate: authenticator(config.apiTokens),
    allow: rateLimiter(config.limits.rateLimitPerMinute),
    httpServer: http.createServer(),
    lifecycle: new Lifecycle(),
  };
}

/** Serves `modules` on a free port for the duration of `work`. */
async function serving(modules: RouteModule[], work: (base: string) => Promise<void>, d = deps()): Promise<void> {
  const app = express();
  await mountRoutes(app, modules, d);
  mountFallbacks(app, d.log);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await work(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A module of one GET route with the given policies, whose handler answers which caller's share it runs in. */
function probeModule(policies: RouteModule['routes'][number]['policies'], path = '/probe'): RouteModule {
  return {
    name: 'probe',
    routes: [{ path, methods: ['GET'], policies }],
    mount(app, { poolShare }) {
      app.get(path, (_req, res) => void res.json({ share: poolShare.currentKey() ?? null }));
    },
  };
}

describe('mountRoutes applies what a route declares', () => {
  it('cors api, rateLimit caller: preflights answered first and not counted, then 429 with CORS headers and Retry-After', async () => {
    await serving([probeModule({ rateLimit: 'caller', cors: 'api', auth: 'token-optional' })], async (base) => {
      const preflight = () => fetch(`${base}/probe`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
      for (let i = 0; i < 3; i++) expect((await preflight()).status).toBe(204);
      const get = () => fetch(`${base}/probe`, { headers: { origin: ORIGIN } });
      const ok = await get();
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      // token-optional: the handler runs as its caller (the address, without a token).
      expect(await ok.json()).toEqual({ share: 'address:127.0.0.1' });
      expect((await get()).status).toBe(200);
      const over = await get();
      expect(over.status).toBe(429);
      expect(over.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await over.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      // Another caller, another bucket; a token's share is its name.
      const other = await fetch(`${base}/probe`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(await other.json()).toEqual({ share: 'token:una' });
    });
  });

  it("answers a limited route's 429 in GraphQL's shape when it declares errors: graphql", async () => {
    const module = probeModule({ rateLimit: 'caller', cors: 'none', auth: 'token-optional' });
    await serving([{ ...module, routes: [{ ...module.routes[0]!, errors: 'graphql' }] }], async (base) => {
      for (let i = 0; i < 2; i++) await fetch(`${base}/probe`);
      const over = await fetch(`${base}/probe`);
      expect(over.status).toBe(429);
      expect((await over.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    });
  });

  it('cors none, rateLimit none, auth anonymous: no CORS headers, never 429, no caller share', async () => {
    await serving([probeModule({ rateLimit: 'none', cors: 'none', auth: 'anonymous' })], async (base) => {
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${base}/probe`, { headers: { origin: ORIGIN } });
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(await res.json()).toEqual({ share: null });
      }
    });
  });

  it('applies nothing to a path no route declares', async () => {
    await serving([probeModule({ rateLimit: 'caller', cors: 'api', auth: 'token-optional' })], async (base) => {
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${base}/elsewhere`, { headers: { origin: ORIGIN } });
        expect(res.status).toBe(404);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });

  it('leaves out a module its enabled() turns off', async () => {
    await serving([{ ...probeModule({ rateLimit: 'none', cors: 'none', auth: 'anonymous' }), enabled: () => false }], async (base) => {
      expect((await fetch(`${base}/probe`)).status).toBe(404);
    });
  });
});

describe('mountRoutes refuses a module that mounts what it does not declare', () => {
  const declared: RouteModule['routes'] = [{ path: '/declared', methods: ['GET'], policies: { rateLimit: 'caller', cors: 'none', auth: 'anonymous' } }];
  const refusal = (mount: RouteModule['mount']) => mountRoutes(express(), [{ name: 'sloppy', routes: declared, mount }], deps());

  it('a handler on an undeclared path, also inside a nested router', async () => {
    await expect(refusal((app) => void app.get('/undeclared', (_req, res) => void res.end()))).rejects.toThrow('route module sloppy: a handler on /undeclared, which it does not declare in its routes');
    const nested = express.Router();
    nested.get('/declared', (_req, res) => void res.end());
    nested.post('/other', (_req, res) => void res.end());
    await expect(refusal((app) => void app.use(nested))).rejects.toThrow('a handler on /other');
  });

  it('a handler for a method its declaration does not name', async () => {
    await expect(refusal((app) => void app.post('/declared', (_req, res) => void res.end()))).rejects.toThrow('route module sloppy: a POST handler on /declared, whose declaration names GET, HEAD');
  });

  it('a middleware on every path, which would run for the modules after it', async () => {
    await expect(refusal((app) => void app.use(express.json()))).rejects.toThrow('route module sloppy: a middleware on every path');
  });

  it('accepts middleware and handlers on its declared paths', async () => {
    await expect(refusal((app) => void app.use('/declared', express.json(), (_req: express.Request, res: express.Response) => void res.end()))).resolves.toEqual([]);
  });
});

describe("the server's route modules", () => {
  it('declare each path once per transport and module, with methods', () => {
    for (const module of ROUTE_MODULES) {
      const keys = module.routes.map((r) => `${r.transport ?? 'http'} ${r.path}`);
      expect({ module: module.name, keys: new Set(keys).size }).toEqual({ module: module.name, keys: keys.length });
      for (const r of module.routes) expect(r.methods.length).toBeGreaterThan(0);
    }
  });

  it('have unique names (the probes and test titles go by them)', () => {
    const names = ROUTE_MODULES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('declare no CORS on a WebSocket upgrade, which browsers do not preflight', () => {
    const ws = ROUTE_MODULES.flatMap((m) => m.routes.filter((r) => r.transport === 'websocket'));
    expect(ws.length).toBeGreaterThan(0);
    for (const r of ws) expect(r.policies.cors).toBe('none');
  });
});
