/**
 * GET /metrics and the HTTP metrics: each request timed by method, route and status, and the
 * registry of src/metrics.ts served in Prometheus's text format, beside the API or on a port of
 * its own (METRICS_PORT), behind a bearer token when METRICS_TOKEN is set.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import express from 'express';
import type { Config } from '../config';
import { ErrorCode } from '../errors';
import { metrics } from '../metrics';
import { ACQUISITION_TIMEOUT, Executor } from '../db/executor';
import { jsonError } from './json-error';
import type { RouteModule } from './route-module';

/**
 * The route label of a request path, from the paths the route modules declare: the path itself,
 * or for a path with a parameter (`/entities/:id`) any path under its stem; `other` for the rest
 * (404s must not add series). One of a closed set, whatever clients send.
 */
export function routeLabels(declared: readonly string[]): (path: string) => string {
  const exact = new Set(declared.filter((p) => !p.includes(':')));
  const stems = declared.filter((p) => p.includes(':')).map((p) => [p.slice(0, p.indexOf(':')), p] as const);
  return (path) => (exact.has(path) ? path : (stems.find(([stem]) => path.startsWith(stem))?.[1] ?? 'other'));
}

/** Times every request from its arrival to its response's end (or its connection's close), labelled by `routeLabel`. */
export function httpMetrics(routeLabel: (path: string) => string): express.RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    // Now: a router mounted on a path (app.use('/graphql', …)) rewrites req.path for its handlers.
    const route = routeLabel(req.path);
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      metrics.httpDuration.observe({ method: req.method, route, status }, (performance.now() - started) / 1000);
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };
}

function authorised(config: Config, header: string | undefined): boolean {
  if (config.metrics.token === null) return true;
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(config.metrics.token);
  return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}

/** The /metrics handler: 401 without the token when one is configured, else the registry's text. */
function metricsRoute(config: Config): express.RequestHandler {
  return async (req, res) => {
    if (!authorised(config, req.headers.authorization)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return jsonError(res, ErrorCode.UNAUTHENTICATED, '/metrics wants Authorization: Bearer <METRICS_TOKEN>');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** A server of /metrics alone, on METRICS_PORT. */
interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** Serves /metrics alone on config.metrics.port (at config.host); anything else there is 404. */
export async function startMetricsServer(config: Config): Promise<MetricsServer> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsRoute(config));
  app.use((_req, res) => jsonError(res, ErrorCode.NOT_FOUND, 'not found', { hint: 'this port serves /metrics only' }));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    // Named here: the start-up message for the API's own port speaks of PORT.
    server.once('error', (err: NodeJS.ErrnoException) => reject(new Error(`METRICS_PORT ${config.metrics.port}: ${err.code === 'EADDRINUSE' ? 'in use; stop what uses it or choose another' : err.message}`)));
    server.listen(config.metrics.port ?? 0, config.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : (config.metrics.port ?? 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Times every statement `db` runs (by name and access mode), counts its failures by Neo4j code,
 * and points the pool gauges at its driver; returns the function that stops it.
 */
export function observeStatements(db: Executor): () => void {
  metrics.observePool(() => db.poolCounts());
  return db.onQuery((e) => {
    metrics.cypherDuration.observe({ statement: e.name, mode: e.mode }, e.ms / 1000);
    if (e.error === undefined) return;
    metrics.cypherErrors.inc({ statement: e.name, mode: e.mode, neo4j_code: e.error });
    if (e.error === ACQUISITION_TIMEOUT) metrics.poolAcquisitionTimeouts.inc();
  });
}

/**
 * GET /metrics beside the API, unless METRICS=false or METRICS_PORT puts it on a port of its own
 * (startMetricsServer): never limited, same origin only, METRICS_TOKEN when set.
 */
export const metricsRoutes: RouteModule = {
  name: 'metrics',
  enabled: (config) => config.metrics.enabled && config.metrics.port === null,
  routes: [{ path: '/metrics', methods: ['GET'], policies: { rateLimit: 'none', cors: 'none', auth: 'metrics-token' } }],
  mount(app, { config }) {
    app.get('/metrics', metricsRoute(config));
  },
};
