// @ts-check
/*
 * The embeddable graph view (GET /embed), the page's one module script: it imports the others
 * and starts. Draws a view with Cytoscape.js from the JSON block the server put in the page, then
 * follows the reader: click an entity to add its neighbours, click a claim or an edge to read its
 * sources, search to re-centre. The address always names the view on screen, so it can be shared
 * or framed as it is. Served as written: native ES modules, no framework, no build step, nothing
 * from another host. Type-checked by `tsc -p tsconfig.view.json` (JSDoc types; the page data's
 * types are the server's own, from page.ts).
 *
 * The modules, each one concern (docs/architecture.md lists them): base (page data, elements,
 * helpers), address, data, style, layout, legend, draw, panel, time, host, actions, search, live.
 */
import { choose, recentre, setAsOf } from './actions.js';
import { onViewChange, paramsOf, remember } from './address.js';
import { $, page } from './base.js';
import { draw, fitFrame, showError } from './draw.js';
import { listenToHost, tell } from './host.js';
import { followChanges } from './live.js';
import './search.js';
import { cy } from './style.js';
import { followView, onTimePicked } from './time.js';

onViewChange((v, url) => {
  followView();
  tell('view', { params: paramsOf(v), url });
});
onTimePicked(setAsOf);
listenToHost({
  center: recentre,
  select: (id) => {
    const ele = cy.getElementById(id);
    if (ele.nonempty()) choose(ele);
  },
  asOf: setAsOf,
});

new ResizeObserver(() => fitFrame()).observe($('cy'));
fitFrame();

if ('graph' in page) {
  remember(page.graph.view, 'replace');
  draw(page.graph);
  followChanges(null);
} else {
  showError(Object.assign(new Error(page.error.message), page.error));
}
