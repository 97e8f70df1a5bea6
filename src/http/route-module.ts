/**
 * Routes that declare their policies. Each route module (the GraphQL API, the subscription
 * transports, health, metrics, GraphiQL, the view, the exports, /reconcile) says, next to its
 * handlers, for every path it answers: its rate-limit bucket, its CORS and its auth. `mountRoutes`
 * applies the first two (and the caller's pool share) in one order, so no path list elsewhere must
 * remember a new route, and refuses a module that mounts a handler on a path or with a method it
 * did not declare.
 */
import type http from 'node:http';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Executor } from '../db/executor';
import type { PoolShare } from '../db/pool-share';
import { ANONYMOUS, type Caller } from '../domain/caller';
import type { Lifecycle } from '../lifecycle';
import type { Authenticate } from './auth';
import { callerKey } from './bookmarks';
import { cors } from './cors';
import { ErrorCode } from '../errors';
import { rateLimit } from './guards';
import { jsonError } from './json-error';
import type { RateVerdict } from './rate-limit';

/** What a route asks of its caller. */
type RouteAuth =
  /** Reads no token: anyone, a token or not (health, assets, GraphiQL's page). */
  | 'anonymous'
  /**
   * A sent token must be valid (401 otherwise) and REQUIRE_AUTH_FOR_READS makes one required;
   * what needs a curator (mutations, the audit log's full entries) is decided per operation
   * inside. The request runs as its caller: its transactions take turns of the caller's pool share.
   */
  | 'token-optional'
  /** `Authorization: Bearer <METRICS_TOKEN>` when that is set; the API's tokens do not count. */
  | 'metrics-token';

/** The policies of one route. */
export interface RoutePolicies {
  /**
   * `caller`: each request takes one from its caller's bucket (token name, else address;
   * RATE_LIMIT_PER_MINUTE), the one set of buckets every limited route and every new
   * subscription share; an empty bucket answers 429 RATE_LIMITED with Retry-After. `none`: never refused.
   */
  rateLimit: 'caller' | 'none';
  /** `api`: CORS headers for CORS_ORIGINS and preflights answered (http/cors.ts); `none`: same origin only. */
  cors: 'api' | 'none';
  auth: RouteAuth;
}

/** One path a module answers, with its policies. */
export interface RouteDeclaration {
  /** An Express path: `/healthz`, `/entities/:id`. */
  path: string;
  /** The methods its handlers answer (HEAD comes with GET). */
  methods: readonly ('GET' | 'POST')[];
  policies: RoutePolicies;
  /**
   * `http` (default): the policies are applied by mountRoutes to every request on the path.
   * `websocket`: upgrades on the path, where the transport applies them itself (auth on connect,
   * the caller's bucket per subscription).
   */
  transport?: 'http' | 'websocket';
  /** The shape of its refusals: GraphQL's `{"errors": […]}` or the one JSON error shape (default). */
  errors?: 'graphql' | 'json';
}

/** The shared pieces a module mounts with, built once per server by server.ts. */
export interface RouteDeps {
  config: Config;
  /** The executor, for work that is no caller's (readiness, the subscription poller). */
  db: Executor;
  /** The executor of routes that build theirs once: its transactions take the current caller's share. */
  callerDb: Executor;
  poolShare: PoolShare;
  log: Logger;
  schema: GraphQLSchema;
  authenticate: Authenticate;
  /** The rate limiter's buckets, shared by every limited route and the subscriptions. */
  allow: (key: string) => RateVerdict;
  httpServer: http.Server;
  lifecycle: Lifecycle;
}

/** What a mounted module leaves to stop, in the order modules were mounted. */
interface MountedRoutes {
  stop?(): Promise<void>;
}

/** A route module: its declared routes and the function that mounts their handlers. */
export interface RouteModule {
  /** Names the module in errors and test titles. */
  name: string;
  /** Whether the module is served with this configuration (default: always). */
  enabled?(config: Config): boolean;
  routes: readonly RouteDeclaration[];
  /**
   * Mounts the handlers, each on a declared path (and for its declared methods), on `app`: the
   * app itself, not a router of the module's own, so that an OPTIONS request a module does not
   * answer goes on to the next module (a router would answer it with its Allow header).
   */
  mount(app: express.IRouter, deps: RouteDeps): void | MountedRoutes | Promise<void | MountedRoutes>;
}

/** The paths (and a route's methods) of the handlers in `stack` (the app's), nested routers included. */
function mountedPaths(stack: readonly any[]): { path: string; methods: string[]; global: boolean }[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => m.toUpperCase());
      return ([] as string[]).concat(layer.route.path).map((path) => ({ path, methods, global: false }));
    }
    if (layer.slash && Array.isArray(layer.handle?.stack)) return mountedPaths(layer.handle.stack);
    return ([] as string[]).concat(layer.rawPath ?? '/').map((path) => ({ path, methods: [], global: path === '/' }));
  });
}

/**
 * A policy for exactly its declared path (not the paths under it: /graphql's limit is not
 * /graphql/stream's), mounted as middleware rather than as a route: OpenTelemetry's Express
 * instrumentation keeps the path of a route handler that passes the request on, so a policy
 * mounted by `app.all` made the request's `http.route` "/graphql/graphql" and then none at all.
 */
function onlyThisPath(policy: express.RequestHandler): express.RequestHandler {
  return (req, res, next) => (req.path === '/' ? policy(req, res, next) : next());
}

/**
 * Mounts `modules` on `app` in order: for each declared path, CORS, then the rate limit, then the
 * caller's pool share, then the module's handlers.
 * @throws Error naming the module and path when it mounts a handler on an undeclared path, or a
 *   middleware on every path (which would run for the modules after it).
 */
export async function mountRoutes(app: express.Express, modules: readonly RouteModule[], deps: RouteDeps): Promise<MountedRoutes[]> {
  const corsApi = cors(deps.config.corsOrigins);
  const mounted: MountedRoutes[] = [];
  for (const module of modules) {
    if (module.enabled && !module.enabled(deps.config)) continue;
    const stack: unknown[] = (app as unknown as { router: { stack: unknown[] } }).router.stack;
    for (const route of module.routes) {
      if (route.transport === 'websocket') continue;
      const { policies } = route;
      // Under the path, as CORS was before routes declared it: a preflight never counts against the limit.
      if (policies.cors === 'api') app.use(route.path, corsApi);
      if (policies.rateLimit === 'caller') app.use(route.path, onlyThisPath(rateLimit(deps.config.limits.rateLimitPerMinute, deps.authenticate, deps.allow, route.errors ?? 'json')));
      if (policies.auth === 'token-optional') app.use(route.path, onlyThisPath(shareByCaller(deps)));
    }
    const policyLayers = stack.length;
    const result = await module.mount(app, deps);
    for (const { path, methods, global } of mountedPaths(stack.slice(policyLayers))) {
      if (global) throw new Error(`route module ${module.name}: a middleware on every path would run for the modules after it; mount it on a declared path`);
      const declared = module.routes.filter((r) => r.path === path).flatMap((r): string[] => [...r.methods, ...(r.methods.includes('GET') ? ['HEAD'] : [])]);
      if (declared.length === 0) throw new Error(`route module ${module.name}: a handler on ${path}, which it does not declare in its routes`);
      const undeclared = methods.find((m) => !declared.includes(m));
      if (undeclared) throw new Error(`route module ${module.name}: a ${undeclared} handler on ${path}, whose declaration names ${declared.join(', ')}`);
    }
    if (result) mounted.push(result);
  }
  return mounted;
}

/**
 * Runs the rest of the request as its caller (PoolShare.within), for routes whose executor is
 * built once; a token that does not authenticate counts as its address meanwhile (the route refuses it).
 */
function shareByCaller({ authenticate, poolShare }: RouteDeps): express.RequestHandler {
  return (req, _res, next) => {
    let caller: Caller = ANONYMOUS;
    try {
      caller = authenticate(req.headers.authorization);
    } catch {
      // The route answers it.
    }
    poolShare.within(callerKey(caller, req.socket.remoteAddress), next);
  };
}

/**
 * After every module: 404 for a path none answers, and JSON for whatever a route did not handle
 * itself, never Express's HTML page with a stack trace.
 */
export function mountFallbacks(app: express.Express, log: Logger): void {
  app.use((_req, res) => {
    jsonError(res, ErrorCode.NOT_FOUND, 'not found', { hint: 'GraphQL is served at /graphql' });
  });
  app.use((err: any, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err, path: req.path }, 'unhandled error of a route');
    if (res.headersSent) return void res.end();
    if (status === 500) jsonError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    else jsonError(res, ErrorCode.BAD_REQUEST, String(err?.message ?? 'bad request'), {}, status);
  });
}
