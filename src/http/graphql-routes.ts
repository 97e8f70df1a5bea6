/**
 * The GraphQL API's routes: POST and GET /graphql (Apollo Server, with its body and batch guards
 * and the caller's context) and GET /graphql/client-config.json (the client cache configuration).
 * GraphiQL's page (graphiql.ts) and the subscription transports (subscriptions.ts) share the
 * path and are modules of their own, mounted before this one.
 */
import express from 'express';
import { expressMiddleware } from '@as-integrations/express5';
import { AppError, gqlError, HTTP_STATUS } from '../errors';
import type { Caller } from '../domain/caller';
import { BookmarkHorizon } from '../db/bookmark-horizon';
import { createApollo } from '../graphql/apollo';
import { clientConfig } from '../graphql/client-config';
import { createContext } from '../graphql/context';
import { BookmarkSigner, BOOKMARKS_HEADER, CallerBookmarks, callerKey, parseBookmarksHeader } from './bookmarks';
import { batchGuard, bodyErrors } from './guards';
import type { RouteModule } from './route-module';

/**
 * GET /graphql/client-config.json, before /graphql, whose middleware would take any path under
 * it for a GraphQL request. Served whatever INTROSPECTION says: the schema is public by design
 * (docs/security.md), and a client without it would build a silently wrong cache.
 */
export const clientConfigRoutes: RouteModule = {
  name: 'client-config',
  routes: [{ path: '/graphql/client-config.json', methods: ['GET'], policies: { rateLimit: 'none', cors: 'api', auth: 'anonymous' } }],
  mount(app, { schema }) {
    const cacheConfig = JSON.stringify(clientConfig(schema));
    app.get('/graphql/client-config.json', (_req, res) => {
      res.type('json').send(cacheConfig);
    });
  },
};

/** POST and GET /graphql: queries and mutations (curators' operations are checked per field). */
export const graphqlRoutes: RouteModule = {
  name: 'graphql',
  routes: [{ path: '/graphql', methods: ['GET', 'POST'], policies: { rateLimit: 'caller', cors: 'api', auth: 'token-optional' }, errors: 'graphql' }],
  async mount(app, { config, db, log, schema, httpServer, authenticate, poolShare }) {
    const signer = new BookmarkSigner(config.bookmarkSecrets);
    const horizon = new BookmarkHorizon(() => db.latestBookmarks());
    const apollo = createApollo({ config, schema, log, httpServer, signer, horizon, db });
    await apollo.start();
    const callerBookmarks = new CallerBookmarks();
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
    // Also the body errors of the subscription stream's route (/graphql/stream), mounted before.
    app.use('/graphql', bodyErrors(config.limits));
    return { stop: () => apollo.stop() };
  },
};
