// @ts-check
/*
 * Drawing a view: a whole view (laid out, or keeping the places of what stays), the neighbours
 * an expansion adds, the empty and error states, and the frame's size (a tile below TILE). When
 * a view is drawn the page says so to tests and dashboards: window.cy and window.__frrGraph =
 * { cy, view }, and <body data-ready="true" data-center="…" data-nodes="…" data-state="…">.
 */
import { paramsOf, view } from './address.js';
import { $, body } from './base.js';
import { tell } from './host.js';
import { applyVisibility, clearLegend, renderLegend, renderStatus, showLegend } from './legend.js';
import { arrangeTile, declutter, fit, layout, placeNew } from './layout.js';
import { closePanel } from './panel.js';
import { cy, frame } from './style.js';
import { updateTimeline } from './time.js';

/**
 * @typedef {import('../../graph').GraphView} GraphView
 * @typedef {import('./data.js').ViewFailure} ViewFailure
 */

/** Frames narrower or lower than this draw a tile: the centre and what fits around it legibly. */
const TILE = { width: 500, height: 340 };

const stateBox = $('state');
let announcedReady = false;

/** @param {'graph' | 'empty' | 'error'} state */
export function markReady(state) {
  Object.assign(window, { __frrGraph: { cy, view }, cy });
  body.dataset.center = view ? view.center : '';
  body.dataset.nodes = String(cy.nodes().length);
  body.dataset.state = state;
  body.dataset.ready = 'true';
  if (state === 'graph') {
    const claims = cy.nodes('[kind = "CLAIM"]').length;
    $('cy').setAttribute('aria-label', `Graph of ${cy.nodes().length - claims} entities and ${claims} claims around ${cy.nodes('[distance = 0]').data('label') || ''}`);
    if (!announcedReady) {
      announcedReady = true;
      tell('ready', { params: paramsOf(view) });
    }
  }
}

/**
 * @param {GraphView} graph
 * @param {boolean} [keep] keep the places of the nodes already drawn (a move of the time slider):
 *   what stays, stays put; what appears is placed beside what it is linked to.
 */
export function draw(graph, keep) {
  body.dataset.ready = 'false';
  closePanel();
  stateBox.hidden = true;
  body.classList.remove('no-view');
  /** @type {Map<string, cytoscape.Position>} */
  const before = new Map();
  if (keep) cy.nodes().forEach((n) => { before.set(n.id(), { ...n.position() }); });
  const viewport = { zoom: cy.zoom(), pan: { ...cy.pan() } };
  cy.elements().remove();
  cy.add(graph.elements);
  for (const id of graph.view.expand) cy.getElementById(id).addClass('expanded');
  const centre = cy.nodes('[distance = 0]');
  $('title').textContent = '';
  $('title').append(centre.data('label') || graph.view.center, Object.assign(document.createElement('small'), { textContent: ` · depth ${graph.view.depth}${graph.view.asOf ? ' · as of ' + graph.view.asOf : ''}` }));
  document.title = `${centre.data('label') || graph.view.center} — graph view`;
  applyVisibility();
  renderLegend();
  renderStatus(graph.truncated);
  updateTimeline(graph);
  const known = cy.nodes().filter((n) => before.has(n.id()));
  if (keep && known.nonempty() && !frame.tile) {
    known.forEach((n) => { n.position(/** @type {cytoscape.Position} */ (before.get(n.id()))); });
    placeNew(cy.nodes().not(known));
    cy.viewport(viewport);
    cy.style().update();
    declutter();
    markReady('graph');
  } else if (frame.tile) {
    arrangeTile();
    markReady('graph');
  } else {
    layout(() => markReady('graph'));
  }
}

/** @param {GraphView} graph @param {string} expandedId */
export function merge(graph, expandedId) {
  const added = cy.add(
    [...graph.elements.nodes, ...graph.elements.edges].filter((el) => cy.getElementById(el.data.id).empty()),
  );
  cy.getElementById(expandedId).addClass('expanded');
  applyVisibility();
  if (frame.tile) arrangeTile();
  else placeNew(added.nodes().not('.kind-off, .grouped'));
  renderLegend();
  renderStatus(graph.truncated);
  updateTimeline(graph);
  declutter();
  markReady('graph');
}

/** @param {'empty' | 'error'} kind @param {string} message @param {string} [detail] */
function showState(kind, message, detail) {
  cy.elements().remove();
  clearLegend();
  $('status').textContent = '';
  $('title').textContent = '';
  stateBox.textContent = '';
  const p = document.createElement('p');
  p.append(Object.assign(document.createElement('strong'), { textContent: message }));
  if (detail) p.append(document.createElement('br'), detail);
  stateBox.append(p);
  stateBox.hidden = false;
  body.classList.add('no-view');
  markReady(kind);
}

/** @param {ViewFailure} err */
export function showError(err) {
  if (err.status === 404) {
    showState('empty', 'Nothing to show: ' + err.message.replace(/^center: /, '') + '.', 'Search for an entity above to centre the view on it.');
  } else {
    showState('error', 'This view cannot be drawn: ' + err.message, err.status === 400 ? 'Fix the address, or search for an entity above.' : 'Try again in a moment.');
  }
}

/** @type {boolean | null} */
let compact = null;

/** Fits the drawing to the frame's size: compact below 560×380, a tile below TILE. */
export function fitFrame() {
  const small = window.innerWidth < 560 || window.innerHeight < 380;
  if (small !== compact) {
    compact = small;
    body.classList.toggle('compact', small);
    // A tile has no room for the legend over the graph; it stays one click away.
    showLegend(!small);
  }
  const wasTile = frame.tile;
  frame.tile = window.innerWidth < TILE.width || window.innerHeight < TILE.height;
  body.classList.toggle('tile', frame.tile);
  $('full').hidden = !frame.tile;
  cy.resize();
  if (cy.nodes().empty()) return;
  if (wasTile && !frame.tile) {
    // From a tile to a full view: everything comes back, laid out for the new size.
    cy.nodes().removeClass('tile-off');
    cy.style().update();
    body.dataset.ready = 'false';
    layout(() => markReady('graph'));
  } else fit();
}
