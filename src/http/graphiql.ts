/**
 * The GraphiQL page for analysts: GraphiQL 4 UMD with React 18 UMD, all served by this server
 * (/assets/...), with an example query to start from. The docs pane is the analysts' manual.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { RouteModule } from './route-module';
import { assetRoute } from './static-assets';

const EXAMPLE = `# Who contradicts the minister? Press the run button.
query Contradictions {
  contradictions(about: "dutch-national-police") {
    proposition { text }
    affirming { text claimant { name } sources { document { name url } quote } }
    denying { text claimant { name } sources { document { name } quote } }
  }
}
`;

/** The page's one inline script: it mounts GraphiQL (its hash is allowed by the CSP). */
const MOUNT = `
  const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE)}, defaultEditorToolsVisibility: false })
  );
`;

const sha256 = (text: string) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;

/**
 * The security headers of the page, as /embed has them: scripts of this server and the mount
 * script's hash only, no framing (it is a tool, never a widget), no MIME sniffing. Styles may be
 * inline: GraphiQL's editors set them.
 */
export const GRAPHIQL_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    `script-src 'self' ${sha256(MOUNT)}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

/** The HTML of the GraphiQL page (send it with {@link GRAPHIQL_HEADERS}). */
function graphiqlPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Facial-recognition regulation graph — GraphiQL</title>
<link rel="stylesheet" href="/assets/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/assets/react.js"></script>
<script src="/assets/react-dom.js"></script>
<script src="/assets/graphiql.js"></script>
<script>${MOUNT}</script>
</body>
</html>`;
}

/**
 * GraphiQL for browsers: the page at GET /graphql (when the browser asks for HTML and sends no
 * query; everything else goes on to the GraphQL route), its assets and the tab's icon. Mounted
 * before the GraphQL route, whose policies then do not apply to the page.
 */
export const graphiqlRoutes: RouteModule = {
  name: 'graphiql',
  routes: [
    { path: '/graphql', methods: ['GET'], policies: { rateLimit: 'none', cors: 'none', auth: 'anonymous' } },
    { path: '/assets/:name', methods: ['GET'], policies: { rateLimit: 'none', cors: 'none', auth: 'anonymous' } },
    { path: '/favicon.ico', methods: ['GET'], policies: { rateLimit: 'none', cors: 'none', auth: 'anonymous' } },
  ],
  mount(app, { config }) {
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
  },
};
