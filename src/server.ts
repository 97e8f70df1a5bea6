/**
 * The HTTP server: GraphQL (Apollo Server 5 on Express 5) at /graphql, a local GraphiQL page for
 * browsers at GET /graphql, /healthz and /readyz. Every asset is served from node_modules: the
 * machines this runs on have no internet, so nothing may come from a CDN.
 */
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Executor } from './db/executor';
import { AppError, ErrorCode } from './errors';
import { buildSchema } from './graphql/schema';
import { createLoaders } from './graphql/loaders';
import type { Caller, Context } from './graphql/context';
import { graphiqlPage } from './graphiql';
import { validationRules } from './graphql/validation';
import { embedRouter } from './embed/routes';

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  stop(): Promise<void>;
}

/** Gives every error a code from ErrorCode, and hides internals of unexpected ones. */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      if (original.code === ErrorCode.INTERNAL_SERVER_ERROR) log.error({ err: original, path: formatted.path }, 'internal error');
      const message = original.code === ErrorCode.INTERNAL_SERVER_ERROR ? 'Internal server error' : original.message;
      return { ...formatted, message, extensions: { code: original.code } };
    }
    // Our validation rules raise BAD_USER_INPUT; Apollo files every validation error under
    // GRAPHQL_VALIDATION_FAILED, so the code is taken back from the error it wraps.
    const inner = (error as GraphQLError)?.originalError;
    if (inner instanceof GraphQLError && inner.extensions?.code === ErrorCode.BAD_USER_INPUT) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    log.error({ err: original, path: formatted.path }, 'unexpected resolver error');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

function caller(_req: express.Request): Caller {
  return { name: 'anonymous', role: 'anonymous' };
}

/** What the process around the server tells it. */
export interface ServerOptions {
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
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    introspection: config.introspection,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
    formatError: formatError(log),
    validationRules,
    includeStacktraceInErrorResponses: false,
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
      await db.ping();
      res.json({ status: 'ready', database: 'up' });
    } catch (err) {
      res.status(503).json({ status: 'unavailable', database: 'down', reason: (err as Error).message });
    }
  });

  const modules = path.join(config.rootDir, 'node_modules');
  const assets: Record<string, string> = {
    'react.js': path.join(modules, 'react/umd/react.production.min.js'),
    'react-dom.js': path.join(modules, 'react-dom/umd/react-dom.production.min.js'),
    'graphiql.js': path.join(modules, 'graphiql/graphiql.min.js'),
    'graphiql.css': path.join(modules, 'graphiql/graphiql.min.css'),
  };
  app.get('/assets/:name', (req, res) => {
    const file = assets[req.params.name];
    if (!file) return void res.status(404).json({ error: 'no such asset' });
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.sendFile(file);
  });

  app.get('/graphql', (req, res, next) => {
    // Browsers asking for a page get GraphiQL; GraphQL clients (GET with ?query=) go on to Apollo.
    if (req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.type('html').send(graphiqlPage());
      return;
    }
    next();
  });
  app.use(
    '/graphql',
    express.json({ limit: config.limits.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ db, loaders: createLoaders(db), config, caller: caller(req) }),
    }),
  );
  app.use(embedRouter(config, db, log));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found', hint: 'GraphQL is served at /graphql' });
  });

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
    stop: async () => {
      await apollo.stop();
    },
  };
}
