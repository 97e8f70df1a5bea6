/**
 * The HTML of the embeddable graph view. It holds no script of its own (the CSP forbids inline
 * script): the view's data travels in a JSON data block that the view's modules
 * (src/embed/assets/view/) read, so the first drawing needs no second request. The types here
 * are the contract with those modules, which tsconfig.view.json checks against them.
 */
import { ENTITY_KIND_LIST, EntityKindInfo } from '../domain/kinds';
import type { GraphView } from './graph';
import { VIEW_DEFAULTS } from './params';

/** What the router hands the page: the view to draw, or why there is none. */
type PageView =
  | { graph: GraphView; defaults: typeof VIEW_DEFAULTS }
  | { error: { status: number; code: string; message: string; parameter?: string }; defaults: typeof VIEW_DEFAULTS };

/** How the view draws an entity kind, and names it in the legend. */
export type ViewKind = Pick<EntityKindInfo, 'kind' | 'colour' | 'shape'>;

/**
 * What the page tells its script: the view, the kinds to draw it with (the legend's order), and
 * EMBED_FRAME_ANCESTORS, the only origins its postMessage API talks to (the same list the CSP
 * lets frame it).
 */
export type PageData = PageView & { kinds: readonly ViewKind[]; frameAncestors: readonly string[] };

// The domain's list, so the browser code holds no list of kinds of its own.
const VIEW_KINDS: readonly ViewKind[] = ENTITY_KIND_LIST.map(({ kind, colour, shape }) => ({ kind, colour, shape }));

/** Where the router serves the page's assets. */
export const ASSET_PATH = '/embed/assets';

/**
 * The view's entry module, the page's one script of its own: a native ES module (script-src
 * 'self' allows it, no build step) that imports the view's other modules from ASSET_PATH.
 */
export const VIEW_ENTRY = 'main.js';

// JSON inside <script> ends at the first "</script"; escaping "<" keeps any text in the data inert.
function jsonBlock(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Text made safe inside HTML text and attribute values. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page for one view (or for the error that stands in its place).
 * @param frameAncestors EMBED_FRAME_ANCESTORS: who may frame the page, and so who its host page may be.
 */
export function embedPage(view: PageView, frameAncestors: readonly string[] = ["'self'"]): string {
  const data: PageData = { ...view, kinds: VIEW_KINDS, frameAncestors };
  const centre = 'graph' in data ? data.graph.elements.nodes.find((n) => n.data.distance === 0)?.data.label : undefined;
  const title = centre ? `${centre} — graph view` : 'Graph view';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${ASSET_PATH}/icon.svg" type="image/svg+xml">
<!-- The id is the one Cytoscape.js looks for before injecting a <style> element of its own,
     which the CSP would refuse; embed.css carries the rule it would inject. -->
<link rel="stylesheet" id="__________cytoscape_stylesheet" href="${ASSET_PATH}/embed.css">
</head>
<body data-ready="false">
<header class="bar">
  <span class="title" id="title"></span>
  <form class="search" id="search-form" role="search" autocomplete="off">
    <input type="search" id="search" placeholder="Search to re-centre…" aria-label="Search an entity to centre the view on" aria-controls="hits" aria-expanded="false">
    <ul class="hits" id="hits" role="listbox" hidden></ul>
  </form>
  <span class="spacer"></span>
  <span class="time" id="time-box" hidden>
    <label for="time">as of</label>
    <input type="range" id="time" min="0" max="0" step="1" value="0" aria-describedby="time-value">
    <output id="time-value" for="time" aria-live="polite"></output>
  </span>
  <label class="depth-label" for="depth">depth</label>
  <select id="depth" aria-label="Depth: hops from the centre">
    <option>0</option><option>1</option><option>2</option><option>3</option><option>4</option>
  </select>
  <button type="button" id="group-claims" aria-pressed="true" title="Group the claims that take the same side of one proposition; press to show every claim">Group claims</button>
  <button type="button" id="fit" title="Fit the graph to the frame">Fit</button>
  <button type="button" id="reset" title="Back to the view this page was opened with">Reset</button>
  <button type="button" id="legend-toggle" aria-controls="legend" aria-pressed="true" title="Show or hide the legend">Legend</button>
  <span class="downloads" role="group" aria-label="Download this view">
    <button type="button" data-download="png" title="Download the graph as drawn, as a PNG image">PNG</button>
    <a data-download="graphml" download="graph.graphml" title="Download this view as GraphML (for Gephi, yEd, Cytoscape)">GraphML</a>
    <a data-download="csv" download="graph-csv.zip" title="Download this view as CSV (nodes.csv and edges.csv in a zip)">CSV</a>
  </span>
  <a class="open" id="open" target="_blank" rel="noopener" title="Open this view in its own tab">Open ↗</a>
</header>
<main>
  <div class="graph">
    <div id="cy" role="img" aria-label="Graph of the view"></div>
    <div class="state" id="state" role="status" hidden></div>
    <div class="status" id="status" role="status"></div>
    <a class="full" id="full" target="_blank" rel="noopener" hidden>Open full view ↗</a>
  </div>
  <aside class="legend" id="legend" aria-label="Legend: press a kind to hide or show it"></aside>
  <aside class="panel" id="panel" aria-live="polite" aria-labelledby="panel-title" tabindex="-1" hidden>
    <button type="button" class="close" id="panel-close" aria-label="Close the side panel">×</button>
    <div id="panel-body"></div>
  </aside>
</main>
<script type="application/json" id="frr-view">${jsonBlock(data)}</script>
<script src="${ASSET_PATH}/cytoscape.min.js"></script>
<script type="module" src="${ASSET_PATH}/${VIEW_ENTRY}"></script>
</body>
</html>
`;
}
