/**
 * The GraphiQL page for analysts: GraphiQL 4 UMD with React 18 UMD, all served by this server
 * (/assets/...), with an example query to start from. The docs pane is the analysts' manual.
 */
import crypto from 'node:crypto';

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
export function graphiqlPage(): string {
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
