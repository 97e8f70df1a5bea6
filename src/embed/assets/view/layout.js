// @ts-check
/*
 * Where nodes go: the force-directed layout from deterministic starting places, room for nodes
 * added to a drawn view, the tile of a small frame, and which labels are shown (no two visible
 * labels overlap at the zoom on screen).
 */
import { body, shownStatus } from './base.js';
import { cy, frame } from './style.js';

/**
 * Deterministic starting places (rings by distance, in the server's order), so a view always lays out the same.
 * @param {cytoscape.NodeCollection} nodes
 */
function seedPositions(nodes) {
  /** @type {Map<number, cytoscape.NodeSingular[]>} */
  const rings = new Map();
  nodes.forEach((n) => {
    const d = n.data('distance') + (n.data('kind') === 'CLAIM' ? 0.5 : 0);
    if (!rings.has(d)) rings.set(d, []);
    rings.get(d)?.push(n);
  });
  [...rings.keys()]
    .sort((a, b) => a - b)
    .forEach((d, r) => {
      const ring = rings.get(d) || [];
      ring.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / ring.length + r * 0.37;
        n.position({ x: r * 140 * Math.cos(angle), y: r * 140 * Math.sin(angle) });
      });
    });
}

/** @param {cytoscape.EdgeSingular} e */
const CLAIM_EDGE = (e) => e.data('type') === 'ABOUT' || e.data('type') === 'MADE';

/** The nodes taking part in the drawing: not hidden by the legend, the grouping or the tile. */
export const shownNodes = () => cy.nodes().not('.kind-off, .grouped, .tile-off');

/**
 * Lays out the whole view (force-directed, from deterministic starting places), then pushes
 * apart nodes whose bodies still overlap, fits, and hides labels that would overlap.
 * @param {() => void} done
 */
export function layout(done) {
  const nodes = shownNodes();
  seedPositions(nodes);
  const run = nodes.union(nodes.edgesWith(nodes)).layout({
    name: 'cose',
    animate: false,
    randomize: false,
    fit: false,
    nodeRepulsion: (n) => (n.data('kind') === 'CLAIM' ? 60000 : 400000),
    nodeOverlap: 40,
    idealEdgeLength: (e) => (e.data('type') === 'CONTRADICTS' ? 50 : CLAIM_EDGE(e) ? 80 : 150),
    gravity: 0.25,
    // Each iteration compares every pair of nodes: a view of thousands gets fewer, or the frame would freeze.
    numIter: Math.max(10, Math.round(2000 * Math.min(1, (300 / Math.max(nodes.length, 1)) ** 2))),
    componentSpacing: 80,
  });
  run.one('layoutstop', () => {
    stretchToFrame(nodes);
    separate(nodes, cy.collection());
    fit();
    done();
  });
  run.run();
}

/** Force-directed layouts come out roughly round; a frame is usually wide. Stretch to use it. */
/** @param {cytoscape.NodeCollection} nodes */
function stretchToFrame(nodes) {
  const bb = nodes.boundingBox();
  if (bb.w < 1 || bb.h < 1) return;
  const ratio = cy.width() / Math.max(cy.height(), 1);
  const sx = Math.min(Math.max(ratio / (bb.w / bb.h), 1), 2.2);
  const sy = Math.min(Math.max((bb.w / bb.h) / ratio, 1), 2.2);
  const cx = bb.x1 + bb.w / 2;
  const cyy = bb.y1 + bb.h / 2;
  nodes.positions((n) => ({ x: cx + (n.position('x') - cx) * sx, y: cyy + (n.position('y') - cyy) * sy }));
}

/**
 * Pushes apart nodes whose bodies overlap (a claim half over an entity), moving all but `fixed`;
 * a few sweeps are enough for a view's sizes.
 * @param {cytoscape.NodeCollection} nodes @param {cytoscape.NodeCollection} fixed
 */
function separate(nodes, fixed) {
  const list = /** @type {cytoscape.NodeSingular[]} */ (nodes.toArray());
  if (list.length > 600) return;
  const pos = list.map((n) => ({ ...n.position() }));
  const size = list.map((n) => Math.max(n.width(), n.height()) / 2 + 6);
  const still = list.map((n) => fixed.has(n));
  for (let sweep = 0; sweep < 30; sweep++) {
    let moved = false;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (still[i] && still[j]) continue;
        const dx = pos[j].x - pos[i].x;
        const dy = pos[j].y - pos[i].y;
        const d = Math.hypot(dx, dy) || 0.01;
        const gap = size[i] + size[j] - d;
        if (gap <= 0) continue;
        moved = true;
        const ux = d > 0.01 ? dx / d : Math.cos(i + j);
        const uy = d > 0.01 ? dy / d : Math.sin(i + j);
        const share = still[i] || still[j] ? 1 : 0.5;
        if (!still[i]) { pos[i].x -= ux * gap * share; pos[i].y -= uy * gap * share; }
        if (!still[j]) { pos[j].x += ux * gap * share; pos[j].y += uy * gap * share; }
      }
    }
    if (!moved) break;
  }
  list.forEach((n, i) => n.position(pos[i]));
}

/** Model-space box of a node's label, or null when it has none. @param {cytoscape.NodeSingular} n */
function labelBox(n) {
  if (!n.style('label')) return null;
  const bb = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
  return bb.w > 0 && bb.h > 0 && Number.isFinite(bb.x1) ? bb : null;
}

/** @param {cytoscape.BoundingBox12} a @param {cytoscape.BoundingBox12} b */
const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Which labels win a place: the centre's, the selected, disputed claims, then the best connected and nearest. */
/** @param {cytoscape.NodeSingular} n */
function labelRank(n) {
  if (n.data('distance') === 0) return -1e6;
  if (n.selected() || n.hasClass('hover')) return -1e5;
  if (shownStatus(n) === 'DISPUTED') return -1e4;
  return (n.data('kind') === 'CLAIM' ? 1000 : 0) + n.data('distance') * 100 - n.degree(false);
}

/**
 * Hides every label that would overlap a label of higher rank (labelRank), so that at the zoom
 * on screen no two visible labels overlap; a hover or selection shows a hidden one. Runs after
 * every layout, zoom and change of what is shown.
 */
export function declutter() {
  const nodes = shownNodes();
  cy.batch(() => nodes.removeClass('label-off'));
  /** @type {cytoscape.BoundingBox12[]} */
  const placed = [];
  cy.edges(':selected, .hover').forEach((e) => {
    if (e.visible()) placed.push(e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
  });
  /** @type {cytoscape.NodeSingular[]} */
  const off = [];
  /** @type {cytoscape.NodeSingular[]} */ (nodes.toArray())
    .map((n) => ({ n, rank: labelRank(n) }))
    .sort((a, b) => a.rank - b.rank || (a.n.id() < b.n.id() ? -1 : 1))
    .forEach(({ n }) => {
      const box = labelBox(n);
      if (!box) return;
      if (placed.some((p) => overlaps(p, box))) off.push(n);
      else placed.push(box);
    });
  cy.batch(() => off.forEach((n) => n.addClass('label-off')));
  body.dataset.hiddenLabels = String(off.length);
}

// Labels keep their size on screen as the reader zooms: restyle, then decide again which fit.
let zoomFrame = 0;
let zoomTimer = 0;
cy.on('zoom', () => {
  if (!zoomFrame) zoomFrame = requestAnimationFrame(() => { zoomFrame = 0; cy.style().update(); });
  clearTimeout(zoomTimer);
  zoomTimer = window.setTimeout(declutter, 120);
});

export function fit() {
  if (frame.tile) return arrangeTile();
  const small = Math.min(cy.width(), cy.height()) < 400;
  cy.fit(shownNodes(), small ? 6 : 28);
  cy.style().update();
  declutter();
}

/**
 * Brings the style of these elements up to date now. Cytoscape.js restyles lazily after a class
 * or data change: until an element's style is read, or the renderer's next frame, ele.visible()
 * and the :visible selector answer from a cache that still holds the old display (and so do the
 * edges' checks via their nodes). Without this, a kind just switched off in the legend still
 * counts as visible to declutter, to a host page and to tests, for as long as a frame takes.
 * Reading one property applies the whole style and clears those caches.
 * @param {cytoscape.NodeCollection} nodes
 */
export function restyleNow(nodes) {
  nodes.forEach((n) => { n.style('display'); });
}

/**
 * A tile: the centre and its best connected neighbours around it, as many as fit with their
 * names at a legible size (zoom 1, labels of 11 px), the centre's name always; the rest waits
 * behind "Open full view".
 */
export function arrangeTile() {
  const centre = cy.nodes('[distance = 0]').first();
  if (centre.empty()) return;
  const w = cy.width();
  const h = cy.height();
  const ranked = /** @type {cytoscape.NodeSingular[]} */ (
    centre
      .neighborhood('node')
      .not('.kind-off, .grouped')
      .filter((n) => n.data('kind') !== 'CLAIM')
      .toArray()
  ).sort((a, b) => b.degree(false) - a.degree(false) || (a.id() < b.id() ? -1 : 1));
  cy.zoom(1);
  // The bottom 24 px hold "Open full view"; names sit below their nodes, so the ring's centre sits a little high.
  const usable = h - 24;
  const pan = { x: w / 2, y: usable / 2 - 8 };
  cy.pan(pan);
  cy.style().update();
  centre.position({ x: 0, y: 0 });
  const rx = Math.max(w / 2 - 62, 40);
  const ry = Math.max(usable / 2 - 38, 30);
  // At zoom 1 a model box plus the pan is where it is drawn.
  const inside = (/** @type {cytoscape.BoundingBox12} */ b) => b.x1 + pan.x >= 2 && b.x2 + pan.x <= w - 2 && b.y1 + pan.y >= 2 && b.y2 + pan.y <= usable;
  let k = Math.min(ranked.length, 8);
  for (; k >= 0; k--) {
    cy.batch(() => {
      cy.nodes().not(centre).addClass('tile-off').positions(() => ({ x: 0, y: 0 }));
      ranked.slice(0, k).forEach((n, i) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(k, 1) + (k % 2 ? 0 : Math.PI / k);
        n.removeClass('tile-off').position({ x: rx * Math.cos(angle), y: ry * Math.sin(angle) });
      });
    });
    const boxes = [centre, ...ranked.slice(0, k)].map((n) => labelBox(n) || n.boundingBox());
    const clear = boxes.every((b, i) => inside(b) && boxes.every((o, j) => j <= i || !overlaps(b, o)));
    if (clear) break;
  }
  restyleNow(cy.nodes());
  declutter();
}

/**
 * Places new nodes beside a node already placed that they are linked to, on the side away from
 * the rest of the graph, then pushes them (only them) off any node they cover. Nothing already
 * drawn moves, and the viewport stays: the reader keeps looking at the same thing.
 * @param {cytoscape.NodeCollection} added
 */
export function placeNew(added) {
  if (added.empty()) return;
  const old = cy.nodes().not(added);
  const bb = old.nonempty() ? old.boundingBox() : { x1: 0, y1: 0, w: 0, h: 0 };
  const mid = { x: bb.x1 + bb.w / 2, y: bb.y1 + bb.h / 2 };
  /** @type {Map<string, cytoscape.NodeSingular[]>} */
  const byAnchor = new Map();
  added.forEach((n) => {
    const anchor = n.neighborhood('node').filter((o) => old.has(o)).sort((a, b) => a.data('distance') - b.data('distance'))[0];
    const key = anchor ? anchor.id() : '';
    if (!byAnchor.has(key)) byAnchor.set(key, []);
    byAnchor.get(key)?.push(n);
  });
  byAnchor.forEach((group, key) => {
    const at = key ? cy.getElementById(key).position() : mid;
    const away = Math.atan2(at.y - mid.y, at.x - mid.x) || 0;
    const span = Math.min(2 * Math.PI, 0.45 * group.length);
    group.forEach((n, i) => {
      const ring = 120 + 45 * Math.floor(i / 14);
      const angle = away + (group.length > 1 ? -span / 2 + (span * (i % 14)) / Math.min(group.length, 14) : 0);
      n.position({ x: at.x + ring * Math.cos(angle), y: at.y + ring * Math.sin(angle) });
    });
  });
  separate(shownNodes(), old);
}
