/**
 * The HTTP server: builds the shared pieces (the Express app, the HTTP server, the schema, the
 * authenticator, the rate limiter's buckets, the pool share) and mounts the route modules, each of
 * which declares its paths and their policies (src/http/route-module.ts). Every asset is served
 * from node_modules: the machines this runs on have no internet, so nothing may come from a CDN.
 */
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Executor } from './db/executor';
import { Lifecycle } from './lifecycle';
import { buildSchema } from './graphql/schema';
import { authenticator } from './http/auth';
import { PoolShare } from './db/pool-share';
import { rateLimiter } from './http/rate-limit';
import { mountFallbacks, mountRoutes, RouteModule } from './http/route-module';
import { healthRoutes } from './http/health';
import { httpMetrics, metricsRoutes, observeStatements, routeLabels, startMetricsServer } from './http/metrics';
import { graphiqlRoutes } from './http/graphiql';
import { clientConfigRoutes, graphqlRoutes } from './http/graphql-routes';
import { subscriptionRoutes } from './http/subscriptions';
import { embedRoutes } from './embed/routes';
import { exportRoutes } from './export/routes';
import { reconcileRoutes } from './export/reconcile';

/**
 * Every route module, in the order they are mounted: a module that shares a path with a later
 * one and answers only some of its requests comes first (GraphiQL's page, the client config and
 * the event stream before /graphql's middleware, which would take them). A new route goes into
 * its module's `routes`; a new module, here.
 */
export const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  metricsRoutes,
  graphiqlRoutes,
  clientConfigRoutes,
  subscriptionRoutes,
  graphqlRoutes,
  embedRoutes,
  exportRoutes,
  reconcileRoutes,
];

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  /** The port of /metrics when METRICS_PORT puts it on a port of its own. */
  metricsPort?: number;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  stop(): Promise<void>;
}

/** On stop, how long a just-accepted connection may take to deliver its first request. */
const FIRST_REQUEST_WAIT_MS = 1000;

/** What the process around the server tells it. */
interface ServerOptions {
  /**
   * The process's state, driven by main.ts; /readyz answers 503 unless it is ready (or degraded).
   * Absent: the server keeps its own, ready once listening and stopped by stop().
   */
  lifecycle?: Lifecycle;
}

/** Builds the Express app and mounts the route modules, and listens on config.host:config.port. */
export async function startServer(config: Config, db: Executor, log: Logger, options: ServerOptions = {}): Promise<RunningServer> {
  const own = options.lifecycle === undefined;
  const lifecycle = options.lifecycle ?? new Lifecycle();
  if (own) lifecycle.to('starting');
  const app = express();
  app.disable('x-powered-by');
  // Metrics first, so that every request is timed, the refused ones too (docs/operations.md#metrics).
  const observing = config.metrics.enabled ? observeStatements(db) : () => undefined;
  if (config.metrics.enabled) app.use(httpMetrics(routeLabels(ROUTE_MODULES.flatMap((m) => m.routes.map((r) => r.path)))));
  // Explicit, so a client that sends its headers or body slowly cannot hold a connection for
  // Node's defaults (60 s for headers, 300 s for the request); checked every second.
  const httpServer = http.createServer(
    { headersTimeout: config.limits.headersTimeoutMs, requestTimeout: config.limits.requestTimeoutMs, connectionsCheckingInterval: 1_000 },
    app,
  );
  const poolShare = new PoolShare(config.poolSharePerCaller);
  const mounted = await mountRoutes(app, ROUTE_MODULES, {
    config,
    db,
    callerDb: db.withShare(poolShare),
    poolShare,
    log,
    schema: buildSchema(path.join(config.rootDir, 'schema')),
    authenticate: authenticator(config.apiTokens, { requireAuthForReads: config.requireAuthForReads }),
    // One set of buckets for requests and subscriptions: a flood of either is refused alike.
    allow: rateLimiter(config.limits.rateLimitPerMinute),
    httpServer,
    lifecycle,
  });
  const metricsServer = config.metrics.enabled && config.metrics.port !== null ? await startMetricsServer(config) : undefined;
  mountFallbacks(app, log);

  // Connections accepted but whose first request has not arrived yet: see stop().
  const awaitingFirstRequest = new Map<net.Socket, number>();
  httpServer.on('connection', (socket: net.Socket) => {
    awaitingFirstRequest.set(socket, Date.now());
    socket.once('close', () => awaitingFirstRequest.delete(socket));
  });
  httpServer.on('request', (req: http.IncomingMessage) => awaitingFirstRequest.delete(req.socket));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  if (own) lifecycle.to('ready');
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`;
  return {
    url,
    port,
    metricsPort: metricsServer?.port,
    stop: async () => {
      if (own && lifecycle.may('draining')) lifecycle.to('draining');
      // Refuse new connections first, but keep the accepted ones: a client that connected an
      // instant ago has sent a request that is still on its way, and closing its connection as
      // idle (as http.Server.close does) would reset it. So the drain starts once each of them
      // has its request or has stayed silent for FIRST_REQUEST_WAIT_MS.
      net.Server.prototype.close.call(httpServer);
      const deadline = Date.now() + FIRST_REQUEST_WAIT_MS;
      while (Date.now() < deadline && [...awaitingFirstRequest.values()].some((at) => at > Date.now() - FIRST_REQUEST_WAIT_MS)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // In mount order: the subscriptions end first, or Apollo's drain would wait its whole grace for their streams.
      for (const m of mounted) await m.stop?.();
      observing();
      await metricsServer?.close();
      if (own && lifecycle.may('stopped')) lifecycle.to('stopped');
    },
  };
}
