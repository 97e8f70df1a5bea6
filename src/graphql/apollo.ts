/**
 * The Apollo Server of /graphql: the schema with its plugins (cache hints, cost, access log,
 * outcomes, bookmarks, guards, metrics), the error formatter and the query limits. Mounted by the
 * GraphQL route module (src/http/graphql-routes.ts).
 */
import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from '../config';
import type { BookmarkHorizon } from '../db/bookmark-horizon';
import type { Executor } from '../db/executor';
import { responseCache } from './response-cache';
import { compiledExecution } from './compiled-execution';
import type { BookmarkSigner } from '../http/bookmarks';
import type { Context } from './context';
import { validationRules } from './validation';
import { complexityPlugin, limitRules } from './limits';
import { formatError } from './format-error';
import { accessLog } from './access-log';
import { cacheHints } from './cache-hints';
import { requestGuards } from './request-guards';
import { operationMetrics } from './metrics-plugin';

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

/** What the Apollo Server is built from. */
interface ApolloOptions {
  config: Config;
  schema: GraphQLSchema;
  log: Logger;
  /** Drained by Apollo on stop. */
  httpServer: http.Server;
  signer: BookmarkSigner;
  horizon: BookmarkHorizon;
  /** The response cache reads the graph's version through it. */
  db: Executor;
}

/** The Apollo Server of /graphql, not yet started. */
export function createApollo({ config, schema, log, httpServer, signer, horizon, db }: ApolloOptions): ApolloServer<Context> {
  return new ApolloServer<Context>({
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
}
