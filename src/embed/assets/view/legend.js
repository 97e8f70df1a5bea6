// @ts-check
/*
 * What is shown: the legend (its switches hide or show an entity kind or a claim status), claims
 * grouped by side of a proposition (the "Group claims" toggle), and the status line.
 */
import { $, KINDS, STATUS, el, shownStatus, words } from './base.js';
import { arrangeTile, declutter, placeNew, restyleNow, shownNodes } from './layout.js';
import { cy, frame } from './style.js';

const legend = $('legend');
const groupButton = $('group-claims');
const legendToggle = $('legend-toggle');

/** Kinds (and CLAIM:<status>) the reader switched off in the legend. @type {Set<string>} */
const hiddenKinds = new Set();
/** Claims that take the same side of one proposition drawn as one, with a count (the "Group claims" toggle). */
let grouping = true;

/** Back to every kind shown and claims grouped (the "Reset" button). */
export function resetShown() {
  hiddenKinds.clear();
  grouping = true;
}

/** @param {cytoscape.NodeSingular} n */
const legendKey = (n) => (n.data('kind') === 'CLAIM' ? 'CLAIM:' + shownStatus(n) : n.data('kind'));

/** Applies the legend's switches and the grouping of claims to the elements on screen. */
export function applyVisibility() {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      n.toggleClass('kind-off', hiddenKinds.has(legendKey(n)) && n.data('distance') !== 0);
    });
    cy.nodes('[kind = "CLAIM"]').removeClass('grouped').data('group', 0);
    if (!grouping) return;
    /** @type {Map<string, cytoscape.NodeSingular[]>} */
    const groups = new Map();
    cy.nodes('[kind = "CLAIM"]').forEach((n) => {
      // One side of one proposition: the two sides of a contradiction stay apart, with their edge.
      const key = n.data('proposition') ? `${n.data('proposition')}|${n.data('polarity')}` : n.id();
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)?.push(n);
    });
    groups.forEach((members) => {
      if (members.length < 2) return;
      members.sort((a, b) => (STATUS[shownStatus(a)]?.rank ?? 9) - (STATUS[shownStatus(b)]?.rank ?? 9) || (a.id() < b.id() ? -1 : 1));
      const [first, ...rest] = members;
      first.data('group', members.length);
      rest.forEach((n) => n.addClass('grouped'));
    });
  });
  restyleNow(cy.nodes());
  groupButton.setAttribute('aria-pressed', String(grouping));
}

/** Re-applies what is shown, and finds room for what came back. */
function reshow() {
  const was = shownNodes();
  applyVisibility();
  if (frame.tile) arrangeTile();
  else {
    placeNew(shownNodes().not(was));
    declutter();
  }
  renderLegend();
}

groupButton.addEventListener('click', () => {
  grouping = !grouping;
  reshow();
});

/** @param {boolean} truncated */
export function renderStatus(truncated) {
  const status = $('status');
  status.textContent = `${cy.nodes().length} nodes · ${cy.edges().length} edges`;
  if (truncated) {
    status.append(' · ', Object.assign(document.createElement('span'), { className: 'warn', textContent: 'cut short by limit' }));
  }
}

/** @param {string | null} colour @param {string} shape @param {string} [extra] */
function swatch(colour, shape, extra) {
  const s = document.createElement('span');
  s.className = `sw sw-${shape}${extra ? ' ' + extra : ''}`;
  if (colour) s.style.backgroundColor = colour;
  return s;
}

/**
 * A legend line; with `key`, a switch (a button with aria-pressed) that hides or shows the
 * nodes of that kind or claim status.
 * @param {HTMLElement} sw @param {string} label @param {number} [count] @param {string} [key]
 */
function legendItem(sw, label, count, key) {
  const li = document.createElement('li');
  const parts = [sw, label, ...(count !== undefined ? [Object.assign(document.createElement('span'), { className: 'count', textContent: String(count) })] : [])];
  if (!key) {
    li.append(...parts);
    return li;
  }
  const on = !hiddenKinds.has(key);
  const button = el('button', { type: 'button', className: 'kind-switch', title: `${on ? 'Hide' : 'Show'} ${label}` }, ...parts);
  button.setAttribute('aria-pressed', String(on));
  button.dataset.kind = key;
  button.addEventListener('click', () => {
    if (hiddenKinds.has(key)) hiddenKinds.delete(key);
    else hiddenKinds.add(key);
    reshow();
    /** @type {HTMLElement | null} */ (legend.querySelector(`button[data-kind="${key}"]`))?.focus();
  });
  li.append(button);
  return li;
}

export function renderLegend() {
  legend.textContent = '';
  /** @type {Map<string, number>} */
  const counts = new Map();
  cy.nodes().forEach((n) => {
    const key = legendKey(n);
    counts.set(key, (counts.get(key) || 0) + 1);
  });
  const entities = document.createElement('ul');
  for (const k of KINDS.values()) {
    if (counts.has(k.kind)) entities.append(legendItem(swatch(k.colour, k.shape), words(k.kind), counts.get(k.kind), k.kind));
  }
  const claims = document.createElement('ul');
  for (const s of Object.keys(STATUS)) {
    if (!counts.has('CLAIM:' + s)) continue;
    claims.append(legendItem(swatch(STATUS[s].colour, 'diamond', 'sw-' + s.toLowerCase()), words(s), counts.get('CLAIM:' + s), 'CLAIM:' + s));
  }
  const edges = document.createElement('ul');
  edges.append(legendItem(swatch(null, 'line', 'sw-relationship'), 'relationship (its type)'));
  if (cy.edges('[type = "ABOUT"], [type = "MADE"]').nonempty()) edges.append(legendItem(swatch(null, 'line', 'sw-claim-edge'), 'claim made by, about'));
  if (cy.edges('[type = "CONTRADICTS"]').nonempty()) edges.append(legendItem(swatch(null, 'line', 'sw-contradicts'), 'contradicts'));
  if (cy.edges('[type = "BASED_ON"], [type = "QUALIFIES"]').nonempty()) edges.append(legendItem(swatch(null, 'line', 'sw-rests-on'), 'rests on, qualifies'));
  legend.append(heading('Entities'), entities);
  if (claims.children.length) legend.append(heading('Claims'), claims);
  legend.append(heading('Edges'), edges);
}

/** @param {string} text */
function heading(text) {
  return Object.assign(document.createElement('h2'), { textContent: text });
}

/** Empties the legend (no view to explain). */
export function clearLegend() {
  legend.textContent = '';
}

/** @param {boolean} on */
export function showLegend(on) {
  legend.hidden = !on;
  legendToggle.setAttribute('aria-pressed', String(on));
}
legendToggle.addEventListener('click', () => showLegend(legend.hidden));
