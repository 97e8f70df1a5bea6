/**
 * One cheap request for every route the route modules declare (src/server.ts ROUTE_MODULES), so
 * tests of the policies iterate the declarations rather than a list of their own. A route
 * declared without a probe here fails `probesCoverDeclarations`: a new route gets its policies
 * tested the moment it is declared.
 */
import type { RouteDeclaration, RouteModule } from '../../src/http/route-module';
import { ROUTE_MODULES } from '../../src/server';

/** A request: the URL's path and query, and its fetch options (no Authorization: tests add their own). */
export interface Probe {
  url: string;
  init?: RequestInit;
}

const json = { 'content-type': 'application/json' };

/**
 * By module and path. Each answers without a token and without much work (refusals of a missing
 * parameter, small answers), so a test may send it a few times.
 */
const PROBES: Record<string, Record<string, Probe>> = {
  health: { '/healthz': { url: '/healthz' }, '/readyz': { url: '/readyz' } },
  metrics: { '/metrics': { url: '/metrics' } },
  graphiql: {
    '/graphql': { url: '/graphql', init: { headers: { accept: 'text/html' } } },
    '/assets/:name': { url: '/assets/graphiql.css' },
    '/favicon.ico': { url: '/favicon.ico' },
  },
  'client-config': { '/graphql/client-config.json': { url: '/graphql/client-config.json' } },
  // A query, not a subscription: refused 400 by the transport, no stream opened.
  subscriptions: { '/graphql/stream': { url: '/graphql/stream', init: { method: 'POST', headers: { ...json, accept: 'text/event-stream' }, body: JSON.stringify({ query: '{ __typename }' }) } } },
  graphql: { '/graphql': { url: '/graphql', init: { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }' }) } } },
  embed: { '/embed': { url: '/embed' }, '/api/graph': { url: '/api/graph' }, '/embed/assets/:name': { url: '/embed/assets/embed.css' } },
  export: {
    '/api/export': { url: '/api/export' },
    '/entities/:id': { url: '/entities/cnil', init: { headers: { accept: 'text/html' }, redirect: 'manual' } },
    '/feeds/changes.atom': { url: '/feeds/changes.atom?entity=cnil' },
  },
  reconcile: {
    '/reconcile': { url: '/reconcile' },
    '/reconcile/suggest/entity': { url: '/reconcile/suggest/entity?prefix=cni' },
    '/reconcile/suggest/property': { url: '/reconcile/suggest/property?prefix=k' },
    '/reconcile/propose_properties': { url: '/reconcile/propose_properties' },
    '/reconcile/preview': { url: '/reconcile/preview?id=cnil' },
  },
};

/** A declared route with its module and probe. */
export interface ProbedRoute {
  /** `module path`, for test titles: `graphql /graphql`. */
  title: string;
  module: RouteModule;
  route: RouteDeclaration;
  probe: Probe;
}

/** Every declared HTTP route (WebSocket upgrades have no HTTP probe) of the modules, with its probe. */
export function probedRoutes(modules: readonly RouteModule[] = ROUTE_MODULES): ProbedRoute[] {
  return modules.flatMap((module) =>
    module.routes
      .filter((route) => route.transport !== 'websocket')
      .map((route) => ({ title: `${module.name} ${route.path}`, module, route, probe: PROBES[module.name]?.[route.path] as Probe })),
  );
}

/** The declared HTTP routes that have no probe here (none, or a test must name them). */
export function routesWithoutProbe(modules: readonly RouteModule[] = ROUTE_MODULES): string[] {
  return probedRoutes(modules)
    .filter((r) => r.probe === undefined)
    .map((r) => r.title);
}

/** Sends `probe` to the server at `base`, with `headers` added. */
export function send(base: string, probe: Probe, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${probe.url}`, { ...probe.init, headers: { ...(probe.init?.headers as Record<string, string>), ...headers } });
}
