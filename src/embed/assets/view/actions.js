// @ts-check
/*
 * The reader's actions: click an entity to read it, double-click it (or "Add its neighbours") to
 * expand, click a claim or an edge to read its sources, re-centre, change the depth or the day,
 * fit, reset, go back, download the drawing.
 */
import { DEFAULTS, $, body, el, messageOf } from './base.js';
import { initialView, remember, view } from './address.js';
import { fetchView } from './data.js';
import { draw, markReady, merge, showError } from './draw.js';
import { tell } from './host.js';
import { declutter, fit } from './layout.js';
import { resetShown } from './legend.js';
import { closePanel, focus, selectOnly, showClaim, showEdge, showEntity } from './panel.js';
import { cy } from './style.js';

/**
 * @typedef {import('../../params').ViewParams} ViewParams
 * @typedef {import('./data.js').ViewFailure} ViewFailure
 */

let busy = false;
/** Numbers each load, so that only the last one asked for is drawn (the slider moves faster than the server answers). */
let loadSeq = 0;

/** Whether a reader's load or expansion is in flight. */
export const isBusy = () => busy;

/** Starts a load; the check it returns is true once a later load has started (this one's answer is then stale). */
export function startLoad() {
  const seq = ++loadSeq;
  return () => seq !== loadSeq;
}

/** Adds the neighbours of an entity to the view, where there is room, without moving anything drawn. */
/** @param {string} id */
export async function expand(id) {
  if (busy || !view || id === view.center || view.expand.includes(id)) return;
  busy = true;
  body.dataset.ready = 'false';
  try {
    const graph = await fetchView({ ...view, center: id, depth: 1, expand: [] });
    remember({ ...view, expand: [...view.expand, id] }, 'replace');
    merge(graph, id);
  } catch (err) {
    $('status').textContent = 'Could not expand: ' + messageOf(err);
    markReady('graph');
  } finally {
    busy = false;
  }
}

/**
 * @param {ViewParams} v @param {'push' | 'replace' | null} how
 * @param {boolean} [keep] keep the places of what stays (see draw)
 */
export async function load(v, how, keep) {
  const stale = startLoad();
  busy = true;
  body.dataset.ready = 'false';
  try {
    const graph = await fetchView(v);
    if (stale()) return;
    remember(graph.view, how);
    draw(graph, keep);
  } catch (err) {
    if (stale()) return;
    if (how) remember(v, how);
    showError(/** @type {ViewFailure} */ (err));
  } finally {
    if (!stale()) busy = false;
  }
}

/** @param {string} id */
export function recentre(id) {
  const from = view ?? { ...DEFAULTS, asOf: null, kinds: null, expand: [], center: id };
  return load({ ...from, center: id, expand: [] }, 'push');
}

/** Shows the view on another day (null: every date), keeping what stays where it is. @param {string | null} asOf */
export function setAsOf(asOf) {
  if (view && asOf !== view.asOf) load({ ...view, asOf }, 'replace', true);
}

/**
 * Selects an element and shows its panel. The view does not move: the reader keeps what they
 * were looking at where it was (the panel may cover part of the graph; closing it uncovers it).
 * @param {cytoscape.SingularElementArgument} ele
 */
export function choose(ele) {
  if (ele.isNode()) {
    if (!ele.selected()) selectOnly(ele.id());
    if (ele.data('kind') === 'CLAIM') showClaim(ele.id());
    else showEntity(ele.id(), { expand, recentre });
    tell('select', { id: ele.id(), kind: ele.data('kind'), label: ele.data('label') });
  } else {
    showEdge(ele);
  }
  focus(ele);
  declutter();
}

// A single tap, once it is clear that it is not the first of a double-click: the panel would
// otherwise open under the pointer and take the second click of a double-click meant to expand.
cy.on('onetap', 'node', (evt) => choose(evt.target));
cy.on('onetap', 'edge', (evt) => choose(evt.target));
cy.on('dbltap', 'node', (evt) => {
  if (evt.target.data('kind') !== 'CLAIM') expand(evt.target.id());
});
cy.on('tap', (evt) => {
  if (evt.target === cy) closePanel();
});
cy.on('mouseover', 'node, edge', (evt) => {
  evt.target.addClass('hover');
});
cy.on('mouseout', 'node, edge', (evt) => {
  evt.target.removeClass('hover');
});

$('fit').addEventListener('click', fit);
$('reset').addEventListener('click', () => {
  if (!initialView) return;
  resetShown();
  load(initialView, 'replace');
});
const depthSelect = $('depth', HTMLSelectElement);
depthSelect.addEventListener('change', () => {
  if (view) load({ ...view, depth: Number(depthSelect.value), expand: [] }, 'push');
});

window.addEventListener('popstate', (evt) => {
  if (evt.state && evt.state.center) load(evt.state, null);
});

$('cy').tabIndex = 0;
const pngButton = /** @type {HTMLButtonElement} */ (document.querySelector('button[data-download="png"]'));
pngButton.addEventListener('click', () => {
  if (!view || cy.nodes().empty()) return;
  // The graph as drawn on screen, at twice its pixels, on white: what the reader sees, sharper.
  const png = cy.png({ full: false, scale: 2, bg: '#ffffff' });
  el('a', { href: png, download: `${view.center}${view.asOf ? '-' + view.asOf : ''}.png` }).click();
});
