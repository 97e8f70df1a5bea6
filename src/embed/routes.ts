/**
 * Graph views for dashboards: GET /embed (a self-contained page that draws a view, for iframes)
 * and GET /api/graph (the same view as Cytoscape.js elements JSON, for dashboard code). Both take
 * the same URL parameters (see params.ts), so one URL names one view. Every asset is served here:
 * the page loads nothing from another host.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Executor } from '../db/executor';
import type { GraphQLSchema } from 'graphql';
import { AppError, ErrorCode, HTTP_STATUS, publicError } from '../errors';
import type { Authenticate } from '../http/auth';
import { assetRoute } from '../http/static-assets';
import { sendError } from '../http/json-error';
import type { RouteModule } from '../http/route-module';
import type { Caller } from '../domain/caller';
import { ENTITY_KINDS } from '../domain/kinds';
import { createContext } from '../graphql/context';
import { viewLoader } from './graph';
import { ASSET_PATH, embedPage, VIEW_ENTRY } from './page';
import { parseViewParams, VIEW_DEFAULTS } from './params';

/**
 * The Content-Security-Policy of the page: only this server's scripts, styles, images and API;
 * framing only by the configured ancestors.
 * @throws Error when a configured ancestor would break out of the frame-ancestors directive.
 */
export function embedCsp(frameAncestors: readonly string[]): string {
  const bad = frameAncestors.find((a) => /[\s;,]/.test(a) || a === '');
  if (bad !== undefined) throw new Error(`EMBED_FRAME_ANCESTORS: "${bad}" is not a CSP source expression`);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** The folder of the view's native ES modules (src/embed/assets/view/*.js). */
export const VIEW_MODULES = 'src/embed/assets/view';

/**
 * The files the view's page loads, by their name under ASSET_PATH: Cytoscape.js, the style, the
 * icon, and every module of VIEW_MODULES, served flat beside them, so that the modules' relative
 * imports (`./address.js`) name served files. Nothing else is served: not the folder's other
 * files, not a path from the URL. A module whose name is taken by another asset is refused at
 * start-up, not served in its place.
 */
export function embedAssets(rootDir: string): Map<string, string> {
  const own = path.join(rootDir, 'src/embed/assets');
  const assets = new Map<string, string>([
    ['cytoscape.min.js', path.join(rootDir, 'node_modules/cytoscape/dist/cytoscape.min.js')],
    ['embed.css', path.join(own, 'embed.css')],
    ['icon.svg', path.join(own, 'icon.svg')],
  ]);
  const dir = path.join(rootDir, VIEW_MODULES);
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    if (assets.has(name)) throw new Error(`${VIEW_MODULES}/${name}: the name of another asset`);
    assets.set(name, path.join(dir, name));
  }
  if (!assets.has(VIEW_ENTRY)) throw new Error(`${VIEW_MODULES}/${VIEW_ENTRY}: the view's entry module is missing`);
  return assets;
}

/**
 * The routes of the embeddable graph view, over the server's own schema and authenticator, so a
 * view is answered and authorised exactly as a request to /graphql.
 */
function embedRouter(config: Config, db: Executor, log: Logger, schema: GraphQLSchema, authenticate: Authenticate): express.Router {
  const kinds = ENTITY_KINDS;
  // One time budget per view, shared by its subgraph calls, as for a request to /graphql.
  const loadView = viewLoader(schema, (caller) => createContext(db, config, caller));
  const csp = embedCsp(config.embedFrameAncestors);
  const assets = embedAssets(config.rootDir);

  /**
   * The caller by the rules of /graphql: a token that is sent must be valid; REQUIRE_AUTH_FOR_READS
   * needs one. An iframe cannot send a bearer token, so on such a server /embed is refused rather
   * than served around the rule.
   */
  function caller(req: express.Request): Caller {
    return authenticate(req.headers.authorization);
  }

  async function view(req: express.Request) {
    const who = caller(req);
    return loadView(parseViewParams(req.query, kinds), who);
  }

  const router = express.Router();

  router.get(`${ASSET_PATH}/:name`, assetRoute(assets));

  router.get('/embed', async (req, res) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-cache');
    try {
      res.type('html').send(embedPage({ graph: await view(req), defaults: VIEW_DEFAULTS }, config.embedFrameAncestors));
    } catch (err) {
      if (!(err instanceof AppError) || err.code === ErrorCode.INTERNAL_SERVER_ERROR) log.error({ err }, 'embed view failed');
      const e = publicError(err instanceof AppError ? err : new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'unexpected'));
      const status = HTTP_STATUS[e.code];
      // The page still comes, with its search box: an unknown centre is an empty state to leave, not a dead end.
      const error = { status, code: e.code, message: e.message, ...(e.details.parameter ? { parameter: e.details.parameter as string } : {}) };
      res
        .status(status)
        .type('html')
        .send(embedPage({ error, defaults: VIEW_DEFAULTS }, config.embedFrameAncestors));
    }
  });

  router.get('/api/graph', async (req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    try {
      res.json(await view(req));
    } catch (err) {
      sendError(res, err, log, 'embed view');
    }
  });

  return router;
}

/** The view's routes: the page and its data by the rules of /graphql, its assets to anyone. */
export const embedRoutes: RouteModule = {
  name: 'embed',
  routes: [
    // Same origin only: a page on another origin frames it (EMBED_FRAME_ANCESTORS), it does not fetch it.
    { path: '/embed', methods: ['GET'], policies: { rateLimit: 'caller', cors: 'none', auth: 'token-optional' } },
    { path: '/api/graph', methods: ['GET'], policies: { rateLimit: 'caller', cors: 'api', auth: 'token-optional' } },
    // Not limited: a page loads them by the handful.
    { path: `${ASSET_PATH}/:name`, methods: ['GET'], policies: { rateLimit: 'none', cors: 'none', auth: 'anonymous' } },
  ],
  mount(app, { config, callerDb, log, schema, authenticate }) {
    app.use(embedRouter(config, callerDb, log, schema, authenticate));
  },
};
