// @ts-check
/*
 * The drawing's look: the one Cytoscape.js instance of the page and its style sheet (kinds by
 * colour and shape, claims by status in colour and pattern, labels that keep their size on screen).
 * Cytoscape.js itself is the classic script the page loads before the view (the global `cytoscape`).
 */
import { $, STATUS, kindOf, shownStatus, short } from './base.js';

/** Rendered label sizes (px): never smaller than MIN_LABEL_PX however far out the view is zoomed. */
export const LABEL_PX = 12;
const MIN_LABEL_PX = 11;

/** The frame's state: `tile` while the frame is a tile (see TILE in draw.js), set by fitFrame. */
export const frame = { tile: false };

/**
 * A label's font size in model units for a rendered size of `px`: labels keep their size on
 * screen when the reader zooms in (so zooming spreads them apart and shows the ones hidden for
 * overlapping), and shrink with the view when zoomed out, to MIN_LABEL_PX at the least.
 * @param {number} px
 */
function fontAt(px) {
  const z = cy ? cy.zoom() : 1;
  return Math.min(px, Math.max(px * z, MIN_LABEL_PX)) / z;
}
/** @param {number} px @param {number} width the wrap width at that size */
const wrapAt = (px, width) => `${Math.round((fontAt(px) / px) * width)}px`;

/** @param {cytoscape.NodeSingular} n */
function claimLabel(n) {
  const group = n.data('group') || 0;
  const count = group > 1 ? `${group} claims` : '';
  if (shownStatus(n) !== 'DISPUTED') return count;
  return (count ? count + ': ' : '') + short(n.data('label'), 44);
}

/** @type {cytoscape.Core} */
// eslint-disable-next-line prefer-const
export let cy;
cy = cytoscape({
  container: $('cy'),
  minZoom: 0.05,
  maxZoom: 4,
  boxSelectionEnabled: false,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': (n) => kindOf(n.data('kind')).colour,
        shape: (n) => kindOf(n.data('kind')).shape,
        width: 30,
        height: 30,
        'border-width': 1.5,
        'border-color': '#ffffff',
        /** @param {cytoscape.NodeSingular} n */
        label: (n) => short(n.data('label'), frame.tile ? 22 : 34),
        'font-size': () => fontAt(frame.tile ? 11 : LABEL_PX),
        color: '#111827',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'wrap',
        'text-max-width': () => wrapAt(LABEL_PX, frame.tile ? 96 : 120),
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        'text-background-shape': 'roundrectangle',
        'min-zoomed-font-size': 7,
      },
    },
    {
      selector: 'node[distance = 0]',
      style: { width: 52, height: 52, 'font-size': () => fontAt(frame.tile ? 13 : 16), 'font-weight': 700, 'border-width': 4, 'border-color': '#1e3a8a', 'z-index': 5 },
    },
    { selector: 'node.expanded', style: { 'border-width': 4, 'border-color': '#374151', 'border-style': 'double' } },
    {
      selector: 'node[kind = "CLAIM"]',
      style: {
        shape: 'diamond',
        width: 18,
        height: 18,
        'background-color': (n) => (STATUS[shownStatus(n)] || STATUS.UNCONTESTED).colour,
        label: claimLabel,
        'font-size': () => fontAt(11),
        'text-max-width': () => wrapAt(11, 170),
      },
    },
    // Hollow: tells uncontested from the filled statuses without colour.
    { selector: 'node[kind = "CLAIM"][status = "UNCONTESTED"]', style: { 'background-color': '#ffffff', 'border-width': 2.5, 'border-color': '#737373' } },
    { selector: 'node[kind = "CLAIM"][status = "CORROBORATED"]', style: { width: 22, height: 22, 'border-width': 5, 'border-style': 'double', 'border-color': '#14532d' } },
    {
      selector: 'node[kind = "CLAIM"][status = "DISPUTED"]',
      style: { width: 26, height: 26, 'border-width': 3, 'border-color': '#7f1d1d', color: '#7f1d1d', 'z-index': 8 },
    },
    // Out of the count: hollow or grey, with a broken border, so neither reads as a live side.
    { selector: 'node[kind = "CLAIM"][status = "CORRECTED"]', style: { 'background-color': '#ffffff', 'border-width': 3, 'border-style': 'dashed', 'border-color': '#7c3aed' } },
    { selector: 'node[kind = "CLAIM"][status = "SUPERSEDED"]', style: { 'background-color': '#d6d3d1', 'border-width': 3, 'border-style': 'dotted', 'border-color': '#44403c' } },
    // After the status rules: a question is drawn as a question even where its proposition is disputed.
    {
      selector: 'node[kind = "CLAIM"][claimKind = "QUESTION"]',
      style: { shape: 'round-diamond', width: 18, height: 18, 'background-color': '#ffffff', 'border-width': 2.5, 'border-style': 'solid', 'border-color': '#2563eb', color: '#1e3a8a', 'z-index': 1 },
    },
    // Set by declutter(): a label that would overlap one more important waits for a zoom or a hover.
    { selector: 'node.label-off', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
    {
      selector: 'node.hover, node:selected',
      style: {
        label: /** @param {cytoscape.NodeSingular} n */ (n) => short(n.data('label'), 160),
        'text-max-width': () => wrapAt(LABEL_PX, 220),
        'z-index': 30,
        'text-opacity': 1,
        'text-background-opacity': 0.95,
      },
    },
    // The selection ring leaves the fill alone: a selected disputed claim stays red.
    { selector: 'node:selected', style: { 'border-color': '#2563eb', 'border-width': 4, 'overlay-opacity': 0 } },
    // Hidden by the reader (legend), by grouping, or by the tile: out of the drawing and of the layout.
    { selector: '.kind-off, .grouped, .tile-off', style: { display: 'none' } },
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'curve-style': 'bezier',
        'line-color': '#b6c0cc',
        'target-arrow-shape': 'triangle',
        'target-arrow-color': '#b6c0cc',
        'arrow-scale': 0.9,
        // Edge labels only for the edge hovered or selected (below): at rest they cover the nodes' names.
        label: '',
        'font-size': () => fontAt(10),
        color: '#475569',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
      },
    },
    {
      // Claim edges are many and say little on their own; they step back behind the relationships.
      selector: 'edge[type = "ABOUT"], edge[type = "MADE"]',
      style: { 'line-style': 'dotted', 'line-color': '#d6dbe1', 'target-arrow-color': '#d6dbe1', color: '#64748b' },
    },
    {
      selector: 'edge[type = "BASED_ON"], edge[type = "QUALIFIES"]',
      style: { 'line-style': 'dashed', 'line-color': '#64748b', 'target-arrow-color': '#64748b', color: '#475569' },
    },
    {
      selector: 'edge[type = "CONTRADICTS"]',
      style: {
        width: 4,
        'line-color': '#dc2626',
        'line-style': 'dashed',
        'line-dash-pattern': [8, 4],
        'target-arrow-shape': 'tee',
        'source-arrow-shape': 'tee',
        'target-arrow-color': '#dc2626',
        'source-arrow-color': '#dc2626',
        color: '#b91c1c',
        'font-weight': 700,
        'z-index': 9,
      },
    },
    { selector: 'edge.hover, edge:selected', style: { label: 'data(type)', 'z-index': 31 } },
    { selector: '.faded', style: { opacity: 0.3 } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': '#2563eb', 'target-arrow-color': '#2563eb', 'source-arrow-color': '#2563eb' } },
  ],
});
