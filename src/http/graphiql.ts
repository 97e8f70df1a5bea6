/**
 * The GraphiQL page for analysts: GraphiQL 4 UMD with React 18 UMD, all served by this server
 * (/assets/...), with an example query to start from. The docs pane is the analysts' manual.
 */

const EXAMPLE = `# Who contradicts the minister? Press the run button.
query Contradictions {
  contradictions(about: "dutch-national-police") {
    proposition { text }
    affirming { text claimant { name } sources { document { name url } quote } }
    denying { text claimant { name } sources { document { name } quote } }
  }
}
`;

/** The HTML of the GraphiQL page. */
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
<script>
  const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE)}, defaultEditorToolsVisibility: false })
  );
</script>
</body>
</html>`;
}
