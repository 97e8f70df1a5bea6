/**
 * The HTTP server: GraphQL (Apollo Server 5 on Express 5) at /graphql, a local GraphiQL page for
 * browsers at GET /graphql, /healthz and /readyz. Every asset is served from node_modules: the
 * machines this runs on have no internet, so nothing may come from a CDN.
 */
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Executor } from './db/executor';
import { AppError, ErrorCode, gqlError, HTTP_STATUS } from './errors';
import { buildSchema } from './graphql/schema';
import { ANONYMOUS, type Caller } from './domain/caller';
import { Context, createContext } from './graphql/context';
import { GRAPHIQL_HEADERS, graphiqlPage } from './http/graphiql';
import { validationRules } from './graphql/validation';
import { complexityPlugin, limitRules } from './graphql/limits';
import { formatError } from './graphql/format-error';
import { authenticator } from './http/auth';
import { cors } from './http/cors';
import { batchGuard, bodyErrors, rateLimit } from './http/guards';
import { assetRoute } from './http/static-assets';
import { jsonError } from './http/json-error';
import { accessLog } from './graphql/access-log';
import { clientConfig } from './graphql/client-config';
import { cacheHints } from './graphql/cache-hints';
import { embedRouter } from './embed/routes';
import { BookmarkSigner, BOOKMARKS_HEADER, CallerBookmarks, callerKey, parseBookmarksHeader } from './http/bookmarks';
import { requestGuards } from './graphql/request-guards';
import { PoolShare } from './db/pool-share';
import { BookmarkHorizon } from './db/bookmark-horizon';
import { exportRouter } from './export/routes';
import { reconcileRouter } from './export/reconcile';
import { httpMetrics, metricsRoute, observeStatements, startMetricsServer } from './http/metrics';
import { operationMetrics } from './graphql/metrics-plugin';
import { responseCache } from './graphql/response-cache';
import { compiledExecution } from './graphql/compiled-execution';
import { rateLimiter } from './http/rate-limit';
import { mountSubscriptions, STREAM_PATH } from './http/subscriptions';

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  /** The port of /metrics when METRICS_PORT puts it on a port of its own. */
  metricsPort?: number;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  stop(): Promise<void>;
}

/**
 * Puts what each upsert did (CREATED, UPDATED, UNCHANGED, by response key) into the answer's
 * `extensions.outcomes`: the contract fixes the mutations' return types, so the outcome travels
 * beside the data.
 */
function writeOutcomes(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single' || Object.keys(contextValue.outcomes ?? {}).length === 0) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, outcomes: contextValue.outcomes };
        },
      };
    },
  };
}

/**
 * Puts the bookmarks of the request's last write transaction into `extensions.bookmarks`: a
 * client sends them back in Neo4j-Bookmarks so that its reads through any replica see the write.
 */
function writeBookmarks(signer: BookmarkSigner, horizon: BookmarkHorizon): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const written = contextValue.causal?.written ?? [];
          if (response.body.kind !== 'single' || written.length === 0) return;
          const result = response.body.singleResult;
          horizon.observe(written);
          result.extensions = { ...result.extensions, bookmarks: written.map((b) => signer.sign(b)) };
        },
      };
    },
  };
}

/** On stop, how long a just-accepted connection may take to deliver its first request. */
const FIRST_REQUEST_WAIT_MS = 1000;

/** What the process around the server tells it. */
interface ServerOptions {
  /**
   * False while start-up work (schema, seeding, waiting for Neo4j) is unfinished: /readyz then
   * answers 503 even if Neo4j answers a ping. Absent means ready whenever Neo4j is.
   */
  ready?: () => boolean;
}

/** Builds the Express app and the Apollo server, and listens on config.host:config.port. */
export async function startServer(config: Config, db: Executor, log: Logger, options: ServerOptions = {}): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // Metrics first, so that every request is timed, the refused ones too (docs/operations.md#metrics).
  const observing = config.metrics.enabled ? observeStatements(db) : () => undefined;
  if (config.metrics.enabled) app.use(httpMetrics());
  // Explicit, so a client that sends its headers or body slowly cannot hold a connection for
  // Node's defaults (60 s for headers, 300 s for the request); checked every second.
  const httpServer = http.createServer(
    { headersTimeout: config.limits.headersTimeoutMs, requestTimeout: config.limits.requestTimeoutMs, connectionsCheckingInterval: 1_000 },
    app,
  );
  const schema = buildSchema(path.join(config.rootDir, 'schema'));
  const authenticate = authenticator(config.apiTokens, { requireAuthForReads: config.requireAuthForReads });
  const signer = new BookmarkSigner(config.bookmarkSecrets);
  const horizon = new BookmarkHorizon(() => db.latestBookmarks());
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      // Our Cache-Control from the fields asked (cache-hints.ts); Apollo's would hook every field resolved.
      ApolloServerPluginCacheControlDisabled(),
      cacheHints(schema, config.cache),
      complexityPlugin(schema, config.limits),
      accessLog(log),
      writeOutcomes(),
      writeBookmarks(signer, horizon),
      requestGuards(),
      ...(config.metrics.enabled ? [operationMetrics()] : []),
      ...(config.responseCacheMb > 0 ? [responseCache(schema, db, config.responseCacheMb)] : []),
      ...(config.compiledExecution && !config.otel.endpoint ? [compiledExecution(schema)] : []),
    ],
    formatError: formatError(log, config.limits, { suggestions: config.introspection }),
    validationRules: [...validationRules, ...limitRules(config.limits)],
    parseOptions: { maxTokens: config.limits.maxTokens },
    allowBatchedHttpRequests: true,
    // Apollo's CSRF check guards cookie-authenticated APIs; this one authenticates by bearer
    // token only (a browser never attaches it by itself) and serves no mutation over GET, so the
    // check would only refuse plain GET queries that the GraphQL-over-HTTP spec allows.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGINT and SIGTERM (drain, then stop the embedded Neo4j). Apollo's own handlers
    // would stop this server a second time, concurrently: after a subscription stream had ended,
    // the two stops waited on each other until SHUTDOWN_GRACE_MS, and the process then exited
    // leaving its Neo4j running.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (options.ready && !options.ready()) {
      return void res.status(503).json({ status: 'starting', database: 'unknown' });
    }
    try {
      // From Neo4j's count store: no scan. An empty store (a wrong database, or a restore that
      // replaced everything with nothing) is not a graph to route readers to.
      const [counts] = await db.read('seed/store-counts');
      if (counts!.entities === 0 && !config.readyWhenEmpty) {
        return void res.status(503).json({ status: 'empty', database: 'up', reason: 'the store holds no entity: seed it (npm run seed) or restore a backup; READY_WHEN_EMPTY=true serves it empty' });
      }
      res.json({ status: 'ready', database: 'up' });
    } catch (err) {
      res.status(503).json({ status: 'unavailable', database: 'down', reason: (err as Error).message });
    }
  });

  if (config.metrics.enabled && config.metrics.port === null) app.get('/metrics', metricsRoute(config));
  const metricsServer = config.metrics.enabled && config.metrics.port !== null ? await startMetricsServer(config) : undefined;

  const modules = path.join(config.rootDir, 'node_modules');
  const assets = new Map<string, string>([
    ['react.js', path.join(modules, 'react/umd/react.production.min.js')],
    ['react-dom.js', path.join(modules, 'react-dom/umd/react-dom.production.min.js')],
    ['graphiql.js', path.join(modules, 'graphiql/graphiql.min.js')],
    ['graphiql.css', path.join(modules, 'graphiql/graphiql.min.css')],
  ]);
  app.get('/assets/:name', assetRoute(assets));

  // Browsers (GraphiQL's tab) ask for it; the embed view's icon answers instead of a 404.
  app.get('/favicon.ico', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/svg+xml').sendFile(path.join(config.rootDir, 'src', 'embed', 'assets', 'icon.svg'));
  });

  app.get('/graphql', (req, res, next) => {
    // Browsers asking for a page get GraphiQL; GraphQL clients (GET with ?query=) go on to Apollo.
    if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.set(GRAPHIQL_HEADERS).type('html').send(graphiqlPage());
      return;
    }
    next();
  });
  // Before the /graphql middleware, which would take any path under it for a GraphQL request.
  // Served whatever INTROSPECTION says: the schema is public by design (docs/security.md), and a
  // client without it would build a silently wrong cache.
  const cacheConfig = JSON.stringify(clientConfig(schema));
  app.get('/graphql/client-config.json', cors(config.corsOrigins), (_req, res) => {
    res.type('json').send(cacheConfig);
  });
  app.use('/graphql', cors(config.corsOrigins));
  const callerBookmarks = new CallerBookmarks();
  const poolShare = new PoolShare(config.poolSharePerCaller);
  // One set of buckets for requests and subscriptions: a flood of either is refused alike.
  const allow = rateLimiter(config.limits.rateLimitPerMinute);
  const limited = rateLimit(config.limits.rateLimitPerMinute, authenticate, allow);
  // The API and the view routes; not their static assets (/embed/assets/…), which a page loads by the handful.
  const limitedPaths = new Set(['/graphql', STREAM_PATH, '/api/graph', '/embed', '/api/export', '/feeds/changes.atom']);
  app.use((req, res, next) =>
    limitedPaths.has(req.path) || req.path.startsWith('/entities/') || req.path === '/reconcile' || req.path.startsWith('/reconcile/') ? limited(req, res, next) : next(),
  );
  // Subscriptions (graphql-ws on /graphql's upgrades, graphql-sse here), before /graphql takes the path.
  const subscriptions = mountSubscriptions({ httpServer, schema, config, db, log, authenticate, allow });
  app.use(STREAM_PATH, express.json({ limit: config.limits.maxBodyBytes }), subscriptions.stream);
  app.use(
    '/graphql',
    express.json({ limit: config.limits.maxBodyBytes }),
    batchGuard(config.limits),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        let caller: Caller;
        let sent: string[];
        try {
          caller = authenticate(req.headers.authorization);
          sent = parseBookmarksHeader(req.headers[BOOKMARKS_HEADER.toLowerCase()], signer);
          await horizon.check(sent, BOOKMARKS_HEADER);
        } catch (err) {
          throw gqlError((err as AppError).code, (err as Error).message, { ...(err as AppError).details, http: { status: HTTP_STATUS[(err as AppError).code] } });
        }
        const key = callerKey(caller, req.socket.remoteAddress);
        return createContext(db.withShare(poolShare, key), config, caller, callerBookmarks.scope(key, sent));
      },
    }),
  );
  app.use('/graphql', bodyErrors(config.limits));
  // The routes below build their executor once; each request's transactions take turns of its
  // caller's share of the pool, as /graphql's do (a token that does not authenticate is refused
  // by the route itself, and meanwhile counts as its address).
  app.use((req, _res, next) => {
    let caller: Caller = ANONYMOUS;
    try {
      caller = authenticate(req.headers.authorization);
    } catch {
      // The route answers it.
    }
    poolShare.within(callerKey(caller, req.socket.remoteAddress), next);
  });
  const routesDb = db.withShare(poolShare);
  app.use('/api/graph', cors(config.corsOrigins));
  app.use(embedRouter(config, routesDb, log, schema, authenticate));
  app.use('/api/export', cors(config.corsOrigins));
  app.use(exportRouter(config, routesDb, log, schema, authenticate));
  app.use('/reconcile', cors(config.corsOrigins));
  app.use(reconcileRouter(config, routesDb, log, authenticate));
  app.use((_req, res) => {
    jsonError(res, ErrorCode.NOT_FOUND, 'not found', { hint: 'GraphQL is served at /graphql' });
  });
  // Whatever a route did not handle itself: JSON, never Express's HTML page with a stack trace.
  app.use((err: any, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err, path: req.path }, 'unhandled error of a route');
    if (res.headersSent) return void res.end();
    if (status === 500) jsonError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    else jsonError(res, ErrorCode.BAD_REQUEST, String(err?.message ?? 'bad request'), {}, status);
  });

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
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`;
  return {
    url,
    port,
    metricsPort: metricsServer?.port,
    stop: async () => {
      // Refuse new connections first, but keep the accepted ones: a client that connected an
      // instant ago has sent a request that is still on its way, and closing its connection as
      // idle (as http.Server.close does) would reset it. So the drain starts once each of them
      // has its request or has stayed silent for FIRST_REQUEST_WAIT_MS.
      net.Server.prototype.close.call(httpServer);
      const deadline = Date.now() + FIRST_REQUEST_WAIT_MS;
      while (Date.now() < deadline && [...awaitingFirstRequest.values()].some((at) => at > Date.now() - FIRST_REQUEST_WAIT_MS)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Open subscriptions end first: the drain below would wait its whole grace for their streams.
      await subscriptions.stop();
      await apollo.stop();
      observing();
      await metricsServer?.close();
    },
  };
}
