// @ts-check
/*
 * The embeddable graph view (GET /embed). Draws a view with Cytoscape.js from the JSON block the
 * server put in the page, then follows the reader: click an entity to add its neighbours, click a
 * claim or an edge to read its sources, search to re-centre. The address always names the view on
 * screen, so it can be shared or framed as it is. Served as written: no framework, no build step,
 * nothing from another host. Type-checked by `tsc -p tsconfig.view.json` (JSDoc types; the page
 * data's types are the server's own, from page.ts).
 *
 * For tests and dashboards: window.cy and window.__frrGraph = { cy, view }, and <body
 * data-ready="true" data-center="…" data-nodes="…"> once a view is drawn (data-state="empty" or
 * "error" instead of a graph when there is none). The side panel says data-state="loading", then
 * "shown". A host page talks to the view by postMessage (docs/embed.md, "Talking to the host page"),
 * only from and to the origins of EMBED_FRAME_ANCESTORS.
 */

/**
 * @typedef {import('../page').PageData} PageData
 * @typedef {import('../page').ViewKind} ViewKind
 * @typedef {import('../graph').GraphView} GraphView
 * @typedef {import('../params').ViewParams} ViewParams
 * @typedef {Error & { status?: number, parameter?: string }} ViewFailure
 */

/**
 * What the view's GraphQL documents return (the documents are validated against the schema by
 * test/unit/view-documents.test.ts; these shapes follow their selections).
 * @typedef {{ id: string, name: string, url: string | null }} DocumentRef
 * @typedef {{ quote: string | null, document: DocumentRef }} Source
 * @typedef {{ id: string, text: string, status: string, kind: string, support: number, opposition: number,
 *   polarity: string, madeOn: string | null, claimant: { id: string, name: string }, sources: Source[] }} Claim
 * @typedef {{ polarity: string, reliability: string, claims: { id: string, text: string, claimant: { name: string } }[],
 *   sharedBasis: { id: string, text?: string, name?: string }[] }} Line
 * @typedef {{ asOf: string | null, status: string, support: number, opposition: number, lines: Line[],
 *   excluded: { claim: { id: string, text: string }, reason: string }[] }} ClaimStanding
 * @typedef {Claim & { contradictedBy: Claim[], basedOn: Claim[], basedOnDocuments: DocumentRef[],
 *   qualifiedBy: Claim[], qualifies: Claim[], correctedBy: Claim[], supersededBy: Claim | null, supersededOn: string | null,
 *   standing: ClaimStanding | null }} ClaimDetail
 * @typedef {{ id: string, name: string, kind: string, description: string | null, date: string | null, sources: Source[] }} Entity
 * @typedef {{ node: { id: string, name: string }, validFrom: string | null, validTo: string | null, sources: Source[] }} Relationship
 * @typedef {{ matched: string, entity: { id: string, name: string, kind: string } }} Hit
 * @typedef {{
 *   claim: { claim: ClaimDetail | null },
 *   entity: { entity: Entity | null },
 *   relationship: { entity: { name: string, relationships: { edges: { node: Relationship }[] } } | null },
 *   search: { search: Hit[] },
 * }} Results
 */

(function () {
  'use strict';

  /**
   * The page's element with this id; fails loudly when page.ts and this script disagree.
   * @template {HTMLElement} [T=HTMLElement]
   * @param {string} id
   * @param {{ new (): T, prototype: T }} [type] the element's class, checked
   * @returns {T}
   */
  function $(id, type) {
    const e = document.getElementById(id);
    if (!e || (type && !(e instanceof type))) throw new Error(`the page has no ${type ? type.name : 'element'} #${id}`);
    return /** @type {T} */ (e);
  }
  /** @type {PageData} */
  const page = JSON.parse($('frr-view').textContent || 'null');
  const DEFAULTS = page.defaults;

  /** Colour and shape per entity kind, in legend order: the domain's list, which page.ts puts in the page. */
  const KINDS = new Map(page.kinds.map((k) => [k.kind, k]));
  /** @type {ViewKind} */
  const OTHER_KIND = { kind: 'OTHER', colour: '#9ca3af', shape: 'ellipse' };
  /**
   * Claims are diamonds; their status shows in colour AND in pattern, so that a colour-blind reader
   * tells them apart too: disputed filled with a thick dark border, corroborated filled with a
   * double border, uncontested hollow, corrected hollow with a dashed border, superseded grey with a
   * dotted one. A question is never a side of a dispute: it is drawn as a question (a rounded,
   * blue-edged diamond) whatever the lines of the others on its proposition. `rank` orders a
   * group's representative (most telling first).
   * @type {Record<string, { colour: string, text: string, rank: number }>}
   */
  const STATUS = {
    // From independent lines of evidence: claims that rest on one basis count once, questions never.
    DISPUTED: { colour: '#dc2626', text: 'disputed: a line of evidence on each side', rank: 0 },
    CORROBORATED: { colour: '#16a34a', text: 'corroborated: two independent lines, none against', rank: 1 },
    UNCONTESTED: { colour: '#a3a3a3', text: 'uncontested', rank: 2 },
    CORRECTED: { colour: '#7c3aed', text: 'corrected by its claimant or office: it counts no more', rank: 3 },
    SUPERSEDED: { colour: '#78716c', text: 'superseded by a later claim: it counts no more', rank: 4 },
    QUESTION: { colour: '#2563eb', text: 'a question: it asserts nothing and is never counted', rank: 5 },
  };
  /**
   * What a claim node is drawn as: its status, or QUESTION for a question.
   * @param {cytoscape.NodeSingular} n
   */
  const shownStatus = (n) => (n.data('claimKind') === 'QUESTION' ? 'QUESTION' : n.data('status'));
  /** Rendered label sizes (px): never smaller than MIN_LABEL_PX however far out the view is zoomed. */
  const LABEL_PX = 12;
  const MIN_LABEL_PX = 11;
  /** Frames narrower or lower than this draw a tile: the centre and what fits around it legibly. */
  const TILE = { width: 500, height: 340 };
  /** @param {string} kind */
  const kindOf = (kind) => KINDS.get(kind) || OTHER_KIND;
  /** @param {string} s */
  const words = (s) => s.toLowerCase().replace(/_/g, ' ');
  /** @param {unknown} err */
  const messageOf = (err) => (err instanceof Error ? err.message : String(err));
  /** @param {string} s @param {number} n */
  const short = (s, n) => (s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s);

  const body = document.body;
  const panel = $('panel');
  const panelBody = $('panel-body');
  const legend = $('legend');
  const stateBox = $('state');
  const search = $('search', HTMLInputElement);
  const hits = $('hits');
  const depthSelect = $('depth', HTMLSelectElement);

  // ---- the view and the address -------------------------------------------------------------

  /** The view on screen: the /api/graph parameters (see src/embed/params.ts). @type {ViewParams | null} */
  let view = null;
  /** The view the page was opened with ("Reset" goes back to it). @type {ViewParams | null} */
  const initialView = 'graph' in page ? page.graph.view : null;

  /** @param {ViewParams} v */
  function queryOf(v) {
    const q = new URLSearchParams({ center: v.center });
    if (v.depth !== DEFAULTS.depth) q.set('depth', String(v.depth));
    if (v.limit !== DEFAULTS.limit) q.set('limit', String(v.limit));
    if (v.asOf) q.set('asOf', v.asOf);
    if (v.kinds) q.set('kinds', v.kinds.join(','));
    if (v.claims !== DEFAULTS.claims) q.set('claims', String(v.claims));
    if (v.expand.length) q.set('expand', v.expand.join(','));
    return q.toString().replace(/%2C/g, ',');
  }
  /** @param {ViewParams} v */
  const pageUrl = (v) => location.pathname + '?' + queryOf(v);

  /** @param {ViewParams} v @param {'push' | 'replace' | null} how replace when not push */
  function remember(v, how) {
    view = v;
    const url = pageUrl(v);
    if (how === 'push') history.pushState(v, '', url);
    else history.replaceState(v, '', url);
    $('open', HTMLAnchorElement).href = url;
    $('full', HTMLAnchorElement).href = url;
    depthSelect.value = String(v.depth);
    updateDownloads(v);
    if (timeline.key) renderTime();
    tell('view', { params: paramsOf(v), url: location.origin + url });
  }

  // ---- talking to the server ---------------------------------------------------------------

  // The GraphQL documents the view sends. test/unit/view-documents.test.ts runs the lines between
  // the two markers and validates each document against the server's schema: keep them self-contained.
  // documents:start
  const SOURCES = 'sources { quote document { id name url } }';
  const CLAIM_FIELDS = `id text status kind support opposition polarity madeOn claimant { id name } ${SOURCES}`;
  /** @type {{ [K in keyof Results]: string }} */
  const DOCUMENTS = {
    claim: `query EmbedClaim($id: ID!, $asOf: Date) { claim(id: $id) { ${CLAIM_FIELDS}
    contradictedBy { ${CLAIM_FIELDS} } basedOn { ${CLAIM_FIELDS} } basedOnDocuments { id name url } qualifiedBy { ${CLAIM_FIELDS} } qualifies { ${CLAIM_FIELDS} }
    correctedBy { ${CLAIM_FIELDS} } supersededBy { ${CLAIM_FIELDS} } supersededOn
    standing(asOf: $asOf) { asOf status support opposition
      lines { polarity reliability claims { id text claimant { name } } sharedBasis { id ... on Claim { text } ... on Document { name } } }
      excluded { claim { id text } reason } } } }`,
    entity: `query EmbedEntity($id: ID!) { entity(id: $id) { id name kind description date ${SOURCES} } }`,
    relationship: `query EmbedRelationship($from: ID!, $type: String!) {
    entity(id: $from) { name relationships(types: [$type], direction: OUT, first: 100) {
      edges { node { node { id name } validFrom validTo ${SOURCES} } } } } }`,
    search: 'query EmbedSearch($text: String!) { search(text: $text, first: 8) { matched entity { id name kind } } }',
  };
  // documents:end

  /**
   * Runs one of DOCUMENTS; the first GraphQL error is thrown.
   * @template {keyof Results} K
   * @param {K} name
   * @param {Record<string, unknown>} variables
   * @returns {Promise<Results[K]>}
   */
  async function graphql(name, variables) {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: DOCUMENTS[name], variables }),
    });
    const out = await res.json();
    if (out.errors && out.errors.length) throw new Error(out.errors[0].message);
    return out.data;
  }

  /** @param {ViewParams} v @returns {Promise<GraphView>} */
  async function fetchView(v) {
    const res = await fetch('/api/graph?' + queryOf(v), { headers: { accept: 'application/json' } });
    const out = await res.json();
    if (!res.ok) throw Object.assign(new Error(out.error.message), { status: res.status, parameter: out.error.parameter });
    return out;
  }

  // ---- drawing -----------------------------------------------------------------------------

  /** True while the frame is a tile (see TILE). */
  let tile = false;

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
  let cy;
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
          label: (n) => short(n.data('label'), tile ? 22 : 34),
          'font-size': () => fontAt(tile ? 11 : LABEL_PX),
          color: '#111827',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'wrap',
          'text-max-width': () => wrapAt(LABEL_PX, tile ? 96 : 120),
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
          'text-background-padding': '1px',
          'text-background-shape': 'roundrectangle',
          'min-zoomed-font-size': 7,
        },
      },
      {
        selector: 'node[distance = 0]',
        style: { width: 52, height: 52, 'font-size': () => fontAt(tile ? 13 : 16), 'font-weight': 700, 'border-width': 4, 'border-color': '#1e3a8a', 'z-index': 5 },
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
  const shownNodes = () => cy.nodes().not('.kind-off, .grouped, .tile-off');

  /**
   * Lays out the whole view (force-directed, from deterministic starting places), then pushes
   * apart nodes whose bodies still overlap, fits, and hides labels that would overlap.
   * @param {() => void} done
   */
  function layout(done) {
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
    const frame = cy.width() / Math.max(cy.height(), 1);
    const sx = Math.min(Math.max(frame / (bb.w / bb.h), 1), 2.2);
    const sy = Math.min(Math.max((bb.w / bb.h) / frame, 1), 2.2);
    const cx = bb.x1 + bb.w / 2;
    const cyy = bb.y1 + bb.h / 2;
    nodes.positions((n) => ({ x: cx + (n.position('x') - cx) * sx, y: cyy + (n.position('y') - cyy) * sy }));
  }

  /**
   * Pushes apart nodes whose bodies overlap (a claim half over an entity), moving only `movable`
   * nodes, or all but `fixed` when movable is omitted; a few sweeps are enough for a view's sizes.
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
  function declutter() {
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

  function fit() {
    if (tile) return arrangeTile();
    const small = Math.min(cy.width(), cy.height()) < 400;
    cy.fit(shownNodes(), small ? 6 : 28);
    cy.style().update();
    declutter();
  }

  /**
   * A tile: the centre and its best connected neighbours around it, as many as fit with their
   * names at a legible size (zoom 1, labels of 11 px), the centre's name always; the rest waits
   * behind "Open full view".
   */
  function arrangeTile() {
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

  /** @param {'graph' | 'empty' | 'error'} state */
  function markReady(state) {
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
  let announcedReady = false;

  /**
   * @param {GraphView} graph
   * @param {boolean} [keep] keep the places of the nodes already drawn (a move of the time slider):
   *   what stays, stays put; what appears is placed beside what it is linked to.
   */
  function draw(graph, keep) {
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
    if (keep && known.nonempty() && !tile) {
      known.forEach((n) => { n.position(/** @type {cytoscape.Position} */ (before.get(n.id()))); });
      placeNew(cy.nodes().not(known));
      cy.viewport(viewport);
      cy.style().update();
      declutter();
      markReady('graph');
    } else if (tile) {
      arrangeTile();
      markReady('graph');
    } else {
      layout(() => markReady('graph'));
    }
  }

  /**
   * Places new nodes beside a node already placed that they are linked to, on the side away from
   * the rest of the graph, then pushes them (only them) off any node they cover. Nothing already
   * drawn moves, and the viewport stays: the reader keeps looking at the same thing.
   * @param {cytoscape.NodeCollection} added
   */
  function placeNew(added) {
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

  /** @param {GraphView} graph @param {string} expandedId */
  function merge(graph, expandedId) {
    const added = cy.add(
      [...graph.elements.nodes, ...graph.elements.edges].filter((el) => cy.getElementById(el.data.id).empty()),
    );
    cy.getElementById(expandedId).addClass('expanded');
    applyVisibility();
    if (tile) arrangeTile();
    else placeNew(added.nodes().not('.kind-off, .grouped'));
    renderLegend();
    renderStatus(graph.truncated);
    updateTimeline(graph);
    declutter();
    markReady('graph');
  }

  // ---- what is shown: kinds, grouped claims --------------------------------------------------

  /** Kinds (and CLAIM:<status>) the reader switched off in the legend. @type {Set<string>} */
  const hiddenKinds = new Set();
  /** Claims that take the same side of one proposition drawn as one, with a count (the "Group claims" toggle). */
  let grouping = true;
  const groupButton = $('group-claims');

  /** @param {cytoscape.NodeSingular} n */
  const legendKey = (n) => (n.data('kind') === 'CLAIM' ? 'CLAIM:' + shownStatus(n) : n.data('kind'));

  /**
   * Brings the style of these elements up to date now. Cytoscape.js restyles lazily after a class
   * or data change: until an element's style is read, or the renderer's next frame, ele.visible()
   * and the :visible selector answer from a cache that still holds the old display (and so do the
   * edges' checks via their nodes). Without this, a kind just switched off in the legend still
   * counts as visible to declutter, to a host page and to tests, for as long as a frame takes.
   * Reading one property applies the whole style and clears those caches.
   * @param {cytoscape.NodeCollection} nodes
   */
  function restyleNow(nodes) {
    nodes.forEach((n) => { n.style('display'); });
  }

  /** Applies the legend's switches and the grouping of claims to the elements on screen. */
  function applyVisibility() {
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
    if (tile) arrangeTile();
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
  function renderStatus(truncated) {
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

  function renderLegend() {
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

  /** @param {'empty' | 'error'} kind @param {string} message @param {string} [detail] */
  function showState(kind, message, detail) {
    cy.elements().remove();
    legend.textContent = '';
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
  function showError(err) {
    if (err.status === 404) {
      showState('empty', 'Nothing to show: ' + err.message.replace(/^center: /, '') + '.', 'Search for an entity above to centre the view on it.');
    } else {
      showState('error', 'This view cannot be drawn: ' + err.message, err.status === 400 ? 'Fix the address, or search for an entity above.' : 'Try again in a moment.');
    }
  }

  // ---- the side panel: sources -------------------------------------------------------------

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Partial<HTMLElementTagNameMap[K]> | null} props
   * @param {...(Node | string | null | undefined)} children
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(tag, props, ...children) {
    const e = Object.assign(document.createElement(tag), props || {});
    e.append(...children.filter((c) => c !== null && c !== undefined).map((c) => /** @type {Node | string} */ (c)));
    return e;
  }

  /** @param {...(Node | string | null)} children */
  function openPanel(...children) {
    panelBody.textContent = '';
    panelBody.append(...children.filter((c) => c !== null).map((c) => /** @type {Node | string} */ (c)));
    const title = panelBody.querySelector('h2');
    if (title) title.id = 'panel-title';
    panel.hidden = false;
    panel.scrollTop = 0;
    panel.dataset.state = 'shown';
  }

  let panelSeq = 0;

  function closePanel() {
    panelSeq++;
    panel.hidden = true;
    panelBody.textContent = '';
    panel.dataset.state = 'closed';
    focus(null);
  }

  /** Fades all but what was clicked and its neighbours: a claim with its claimant, subjects and contradictions. */
  /** @param {cytoscape.SingularElementArgument | null} ele */
  function focus(ele) {
    cy.elements().removeClass('faded');
    if (!ele) return;
    const keep = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes());
    cy.elements().not(keep).addClass('faded');
  }

  /** Shows a placeholder; returns a ticket that is stale once another element was clicked. */
  /** @param {string} title */
  function loadingPanel(title) {
    openPanel(el('h2', { textContent: title }), el('p', { className: 'meta', textContent: 'Loading sources…' }));
    panel.dataset.state = 'loading';
    const seq = ++panelSeq;
    return () => seq !== panelSeq;
  }

  /** One citation: the verbatim quote, the document's title, and a link where the document has one. */
  /** @param {Source} s */
  function sourceView(s) {
    const url = s.document.url && /^https?:\/\//i.test(s.document.url) ? s.document.url : null;
    const caption = url
      ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', textContent: s.document.name })
      : el('span', { textContent: s.document.name });
    return el(
      'figure',
      { className: 'source' },
      s.quote ? el('blockquote', { textContent: s.quote }) : null,
      el('figcaption', null, '— ', caption, url ? null : ' (no public link held)'),
    );
  }

  /** @param {Source[]} sources */
  function sourcesView(sources) {
    return sources.length ? el('div', { className: 'sources' }, ...sources.map(sourceView)) : el('p', { className: 'meta', textContent: 'No sources.' });
  }

  /** @param {string} status */
  function badge(status) {
    const b = el('span', { className: 'badge', textContent: words(status) });
    b.style.backgroundColor = STATUS[status].colour;
    return b;
  }

  /** "1 line for, 1 against": the independent lines the status comes from. */
  /** @param {Claim} c */
  function linesText(c) {
    return `${c.support} line${c.support === 1 ? '' : 's'} for, ${c.opposition} against`;
  }

  /** @param {Claim} c */
  function claimView(c) {
    const shown = c.kind === 'QUESTION' ? 'QUESTION' : c.status;
    return el(
      'div',
      { className: 'claim ' + shown },
      el('p', { textContent: c.text }),
      el(
        'p',
        { className: 'meta' },
        badge(shown),
        ` ${words(c.kind)} · ${words(c.polarity)} · by ${c.claimant.name}${c.madeOn ? ' · ' + c.madeOn : ''}`,
      ),
      el('p', { className: 'meta lines', textContent: linesText(c) + (c.kind === 'QUESTION' ? ' (a question asserts nothing: it is not counted)' : '') }),
      sourcesView(c.sources),
    );
  }

  /** Why a claim counts no more: who corrected or replaced it, and from which day. @param {ClaimDetail} c */
  function outOfCountView(c) {
    if (c.status === 'CORRECTED' && c.correctedBy.length) {
      const k = c.correctedBy[0];
      return el('p', { className: 'why', textContent: `Corrected by ${k.claimant.name}${k.madeOn ? ' on ' + k.madeOn : ''}: from that day it counts no more, on either side.` });
    }
    if (c.status === 'SUPERSEDED' && c.supersededBy) {
      return el('p', { className: 'why', textContent: `Superseded by ${c.supersededBy.claimant.name}${c.supersededOn ? ' on ' + c.supersededOn : ''}: from that day it counts no more, on either side.` });
    }
    return null;
  }

  /**
   * The lines of evidence and what did not count, as known on the view's day. A question's own
   * badge stays "question": the lines are the others', and a question is no side of a dispute.
   * @param {ClaimStanding} s @param {boolean} question
   */
  function standingView(s, question) {
    const day = s.asOf ? `as known on ${s.asOf}` : 'as known today';
    const lines = s.lines.map((l, i) =>
      el(
        'li',
        { className: 'line ' + l.polarity },
        el('span', { className: 'meta', textContent: `line ${i + 1} · ${words(l.polarity)} · ${words(l.reliability)} reliability` }),
        ...l.claims.map((c) => el('p', { textContent: `${c.claimant.name}: ${short(c.text, 140)}` })),
        l.sharedBasis.length ? el('p', { className: 'meta', textContent: 'one line: all rest on ' + l.sharedBasis.map((b) => short(b.name || b.text || b.id, 60)).join('; ') }) : null,
      ),
    );
    const excluded = s.excluded.map((x) => el('li', null, el('span', { className: 'meta', textContent: words(x.reason) + ': ' }), short(x.claim.text, 140)));
    return [
      el('h3', { textContent: `Lines of evidence ${day}` }),
      el('p', { className: 'meta' }, badge(question ? 'QUESTION' : s.status), question ? ` the others' lines: ${s.support} for, ${s.opposition} against` : ` ${s.support} for, ${s.opposition} against`),
      el('ol', { className: 'lines' }, ...lines),
      ...(excluded.length ? [el('h3', { textContent: `Not counted ${excluded.length}` }), el('ul', { className: 'excluded' }, ...excluded)] : []),
    ];
  }

  /** @param {string} id */
  function selectOnly(id) {
    cy.elements().unselect();
    cy.getElementById(id).select();
  }

  /** @param {string} id */
  async function showClaim(id) {
    const stale = loadingPanel('Claim');
    try {
      const { claim } = await graphql('claim', { id, asOf: view?.asOf ?? null });
      if (stale()) return;
      if (!claim) return openPanel(el('h2', { textContent: 'Claim' }), el('p', { textContent: 'This claim no longer exists.' }));
      /** @param {Claim[]} list */
      const related = (list) =>
        list.map((o) => {
          const block = claimView(o);
          if (cy.getElementById(o.id).nonempty()) {
            block.append(el('button', { type: 'button', className: 'link', textContent: 'Show in graph', onclick: () => { selectOnly(o.id); showClaim(o.id); } }));
          }
          return block;
        });
      /** @param {string} title @param {Claim[]} list */
      const section = (title, list) => (list.length ? [el('h3', { textContent: `${title} ${list.length}` }), ...related(list)] : []);
      const documents = claim.basedOnDocuments.map((d) =>
        el('p', { className: 'meta' }, d.url ? el('a', { href: d.url, target: '_blank', rel: 'noopener', textContent: d.name }) : d.name),
      );
      openPanel(
        el('h2', { textContent: 'Claim' }),
        claimView(claim),
        outOfCountView(claim),
        ...(claim.standing ? standingView(claim.standing, claim.kind === 'QUESTION') : [el('p', { className: 'meta', textContent: `Not yet made on ${view?.asOf}.` })]),
        ...section('Corrected by', claim.correctedBy),
        ...section('Superseded by', claim.supersededBy ? [claim.supersededBy] : []),
        ...section('Contradicted by', claim.contradictedBy),
        ...section('Rests on', claim.basedOn),
        documents.length ? el('h3', { textContent: `Rests on documents ${documents.length}` }) : null,
        ...documents,
        ...section('Qualified by', claim.qualifiedBy),
        ...section('Qualifies', claim.qualifies),
      );
    } catch (err) {
      if (stale()) return;
      openPanel(el('h2', { textContent: 'Claim' }), el('p', { textContent: 'Could not load the sources: ' + messageOf(err) }));
    }
  }

  /** @param {string} id */
  async function showEntity(id) {
    const stale = loadingPanel(cy.getElementById(id).data('label') || id);
    try {
      const { entity } = await graphql('entity', { id });
      if (stale()) return;
      if (!entity) return openPanel(el('h2', { textContent: id }), el('p', { textContent: 'This entity no longer exists.' }));
      openPanel(
        el('h2', { textContent: entity.name }),
        el('p', { className: 'meta', textContent: words(entity.kind) + (entity.date ? ' · ' + entity.date : '') }),
        entity.description ? el('p', { textContent: entity.description }) : null,
        entity.sources.length ? el('h3', { textContent: 'Sources' }) : null,
        entity.sources.length ? sourcesView(entity.sources) : null,
        el(
          'div',
          { className: 'actions' },
          id === view?.center || view?.expand.includes(id)
            ? null
            : el('button', { type: 'button', textContent: 'Add its neighbours', title: 'Add the entities linked to this one, without moving the view (or double-click it)', onclick: () => expand(id) }),
          id === view?.center ? null : el('button', { type: 'button', textContent: 'Centre the view here', onclick: () => recentre(id) }),
        ),
      );
    } catch (err) {
      if (stale()) return;
      openPanel(el('h2', { textContent: id }), el('p', { textContent: 'Could not load the entity: ' + messageOf(err) }));
    }
  }

  /** @param {cytoscape.EdgeSingular} edge */
  async function showEdge(edge) {
    const type = edge.data('type');
    const source = edge.source();
    const target = edge.target();
    if (type === 'MADE') return showClaim(target.id());
    if (type === 'ABOUT') return showClaim(source.id());
    if (type === 'CONTRADICTS' || type === 'BASED_ON' || type === 'QUALIFIES') return showClaim(source.id());
    const title = `${source.data('label')} → ${words(type)} → ${target.data('label')}`;
    const stale = loadingPanel(title);
    try {
      const { entity } = await graphql('relationship', { from: source.id(), type });
      if (stale()) return;
      const rel = entity && entity.relationships.edges.map((e) => e.node).find((r) => r.node.id === target.id());
      if (!rel) return openPanel(el('h2', { textContent: title }), el('p', { textContent: 'This relationship no longer exists.' }));
      const valid = [rel.validFrom && 'from ' + rel.validFrom, rel.validTo && 'to ' + rel.validTo].filter(Boolean).join(' ');
      openPanel(
        el('h2', { textContent: title }),
        el('p', { className: 'meta', textContent: type + (valid ? ' · valid ' + valid : '') }),
        el('h3', { textContent: 'Sources' }),
        sourcesView(rel.sources),
      );
    } catch (err) {
      if (stale()) return;
      openPanel(el('h2', { textContent: title }), el('p', { textContent: 'Could not load the sources: ' + messageOf(err) }));
    }
  }

  // ---- reader actions ----------------------------------------------------------------------

  let busy = false;
  /** Numbers each load, so that only the last one asked for is drawn (the slider moves faster than the server answers). */
  let loadSeq = 0;

  /** Adds the neighbours of an entity to the view, where there is room, without moving anything drawn. */
  /** @param {string} id */
  async function expand(id) {
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
  async function load(v, how, keep) {
    const seq = ++loadSeq;
    busy = true;
    body.dataset.ready = 'false';
    try {
      const graph = await fetchView(v);
      if (seq !== loadSeq) return;
      remember(graph.view, how);
      draw(graph, keep);
    } catch (err) {
      if (seq !== loadSeq) return;
      if (how) remember(v, how);
      showError(/** @type {ViewFailure} */ (err));
    } finally {
      if (seq === loadSeq) busy = false;
    }
  }

  /** @param {string} id */
  function recentre(id) {
    if (!view) view = { ...DEFAULTS, asOf: null, kinds: null, expand: [], center: id };
    return load({ ...view, center: id, expand: [] }, 'push');
  }

  /**
   * Selects an element and shows its panel. The view does not move: the reader keeps what they
   * were looking at where it was (the panel may cover part of the graph; closing it uncovers it).
   * @param {cytoscape.SingularElementArgument} ele
   */
  function choose(ele) {
    if (ele.isNode()) {
      if (!ele.selected()) selectOnly(ele.id());
      if (ele.data('kind') === 'CLAIM') showClaim(ele.id());
      else showEntity(ele.id());
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

  $('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) {
      closePanel();
      $('cy').focus();
    }
  });
  $('fit').addEventListener('click', fit);
  $('reset').addEventListener('click', () => {
    if (!initialView) return;
    hiddenKinds.clear();
    grouping = true;
    load(initialView, 'replace');
  });
  depthSelect.addEventListener('change', () => {
    if (view) load({ ...view, depth: Number(depthSelect.value), expand: [] }, 'push');
  });
  const legendToggle = $('legend-toggle');
  /** @param {boolean} on */
  function showLegend(on) {
    legend.hidden = !on;
    legendToggle.setAttribute('aria-pressed', String(on));
  }
  legendToggle.addEventListener('click', () => showLegend(legend.hidden));

  window.addEventListener('popstate', (evt) => {
    if (evt.state && evt.state.center) load(evt.state, null);
  });

  // ---- downloads -----------------------------------------------------------------------------

  $('cy').tabIndex = 0;
  const pngButton = /** @type {HTMLButtonElement} */ (document.querySelector('button[data-download="png"]'));
  pngButton.addEventListener('click', () => {
    if (!view || cy.nodes().empty()) return;
    // The graph as drawn on screen, at twice its pixels, on white: what the reader sees, sharper.
    const png = cy.png({ full: false, scale: 2, bg: '#ffffff' });
    el('a', { href: png, download: `${view.center}${view.asOf ? '-' + view.asOf : ''}.png` }).click();
  });

  /** The export links name the view on screen (issue 17's /api/export takes the view's parameters). @param {ViewParams} v */
  function updateDownloads(v) {
    const q = queryOf({ ...v, expand: [] });
    for (const format of ['graphml', 'csv']) {
      const a = /** @type {HTMLAnchorElement | null} */ (document.querySelector(`a[data-download="${format}"]`));
      if (!a) continue;
      a.href = `/api/export?format=${format}&${q}`;
      a.download = `${v.center}${v.asOf ? '-' + v.asOf : ''}${format === 'csv' ? '-csv.zip' : '.graphml'}`;
    }
  }

  // ---- time ----------------------------------------------------------------------------------

  const timeBox = $('time-box');
  const timeInput = $('time', HTMLInputElement);
  const timeValue = $('time-value');
  /** The dates at which the view changes (a relationship starts, or the day after one ends), per view without asOf. */
  let timeline = { key: '', /** @type {string[]} */ dates: /** @type {string[]} */ ([]) };

  /** @param {string} d YYYY-MM-DD @returns {string} the day after */
  function dayAfter(d) {
    const t = new Date(d + 'T00:00:00Z');
    t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10);
  }

  /** @param {ViewParams} v */
  const timelineKey = (v) => queryOf({ ...v, asOf: null, expand: [] });

  /** @param {GraphView} graph */
  function datesOf(graph) {
    /** @type {string[]} */
    const out = [];
    for (const { data } of graph.elements.edges) {
      if (data.validFrom) out.push(data.validFrom);
      if (data.validTo) out.push(dayAfter(data.validTo));
      // An effect of a decision holds while the decision is in force (9999-12-31: no end known).
      for (const d of data.inForceFrom || []) out.push(d);
      for (const d of data.inForceTo || []) if (d < '9999') out.push(dayAfter(d));
    }
    return out;
  }

  /**
   * Gathers the view's dates for the slider: from the view itself when it has no asOf (it then
   * holds every relationship), else from the same view without asOf, asked for once.
   * @param {GraphView} graph
   */
  async function updateTimeline(graph) {
    const key = timelineKey(graph.view);
    if (key !== timeline.key) {
      timeline = { key, dates: [] };
      if (graph.view.asOf) {
        try {
          const all = await fetchView({ ...graph.view, asOf: null });
          if (timeline.key !== key) return;
          timeline.dates = datesOf(all);
        } catch {
          // No slider is better than a wrong one: the view itself is drawn all the same.
        }
      }
    }
    if (!graph.view.asOf) timeline.dates.push(...datesOf(graph));
    timeline.dates = [...new Set(timeline.dates)].sort();
    renderTime();
  }

  /** The slider's stops: the view's dates, the one in the address, and last "all dates" (no asOf). */
  function stops() {
    const dates = new Set(timeline.dates);
    if (view?.asOf) dates.add(view.asOf);
    return [...dates].sort();
  }

  /** @param {number} i @param {string[]} list */
  const stopText = (i, list) => (i < list.length ? 'as of ' + list[i] : 'all dates');

  function renderTime() {
    const list = stops();
    timeBox.hidden = list.length === 0;
    timeInput.max = String(list.length);
    const i = view?.asOf ? list.indexOf(view.asOf) : list.length;
    timeInput.value = String(i);
    timeInput.dataset.dates = list.join(',');
    showTimeValue(i, list);
  }

  /** @param {number} i @param {string[]} list */
  function showTimeValue(i, list) {
    timeValue.textContent = i < list.length ? list[i] : 'all';
    timeInput.setAttribute('aria-valuetext', stopText(i, list));
  }

  timeInput.addEventListener('input', () => showTimeValue(Number(timeInput.value), stops()));
  timeInput.addEventListener('change', () => {
    const list = stops();
    const i = Number(timeInput.value);
    if (view) setAsOf(i < list.length ? list[i] : null);
  });

  /** Shows the view on another day (null: every date), keeping what stays where it is. @param {string | null} asOf */
  function setAsOf(asOf) {
    if (view && asOf !== view.asOf) load({ ...view, asOf }, 'replace', true);
  }

  // ---- the host page: postMessage --------------------------------------------------------------

  /**
   * Whether an origin is one of EMBED_FRAME_ANCESTORS (CSP source expressions: 'self', *, a
   * scheme such as https:, an origin, a host with a *. wildcard or a :* port).
   * @param {string} origin
   */
  function allowedOrigin(origin) {
    if (!origin || origin === 'null') return false;
    return page.frameAncestors.some((src) => {
      if (src === "'self'") return origin === location.origin;
      if (src === '*') return true;
      if (/^[a-z][a-z0-9+.-]*:$/i.test(src)) return origin.startsWith(src.toLowerCase());
      const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?/i.exec(src);
      if (!m) return false;
      let url;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      const scheme = (m[1] || location.protocol.slice(0, -1)).toLowerCase();
      if (url.protocol !== scheme + ':') return false;
      const host = m[3].toLowerCase();
      if (m[2] ? !url.hostname.endsWith('.' + host) : url.hostname !== host) return false;
      const port = url.port || (url.protocol === 'https:' ? '443' : '80');
      return m[4] === '*' || port === (m[4] || (scheme === 'https' ? '443' : '80'));
    });
  }

  /** The framing page's origin when EMBED_FRAME_ANCESTORS lists it; null otherwise or when not framed. */
  const hostOrigin = (() => {
    if (window.parent === window) return null;
    const ancestors = location.ancestorOrigins;
    let origin = ancestors && ancestors.length ? ancestors[0] : null;
    if (!origin && document.referrer) {
      try {
        origin = new URL(document.referrer).origin;
      } catch {
        origin = null;
      }
    }
    return origin && allowedOrigin(origin) ? origin : null;
  })();

  /** The URL parameters of a view, as the address writes them. @param {ViewParams | null} v */
  const paramsOf = (v) => (v ? Object.fromEntries(new URLSearchParams(queryOf(v))) : {});

  /**
   * Sends an event to the host page, addressed to its origin only (a page that navigated the
   * frame's parent elsewhere gets nothing).
   * @param {'ready' | 'select' | 'view' | 'updated'} type @param {Record<string, unknown>} detail
   */
  function tell(type, detail) {
    if (hostOrigin) window.parent.postMessage({ source: 'frr-graph', type, ...detail }, hostOrigin);
  }

  let refused = 0;
  window.addEventListener('message', (evt) => {
    const msg = evt.data;
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    if (evt.source !== window.parent || evt.source === window || !allowedOrigin(evt.origin)) {
      // Counted, for tests and for whoever wonders why a command did nothing.
      body.dataset.refusedMessages = String(++refused);
      return;
    }
    const id = typeof msg.id === 'string' && msg.id.length <= 200 ? msg.id : null;
    if (msg.type === 'center' && id) recentre(id);
    else if (msg.type === 'select' && id) {
      const ele = cy.getElementById(id);
      if (ele.nonempty()) choose(ele);
    } else if (msg.type === 'asOf' && (msg.date === null || (typeof msg.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(msg.date)))) setAsOf(msg.date);
  });

  // ---- search ------------------------------------------------------------------------------

  let searchSeq = 0;
  let searchTimer = 0;
  /** @type {Hit[]} */
  let results = [];

  /** @param {Hit[]} list */
  function showHits(list) {
    results = list;
    hits.textContent = '';
    if (!list.length) hits.append(el('li', { className: 'empty', textContent: 'No match' }));
    list.forEach((h, i) => {
      const li = el('li', { role: 'option', id: 'hit-' + i }, el('span', { textContent: h.entity.name }), el('span', { className: 'kind', textContent: words(h.entity.kind) }));
      li.dataset.id = h.entity.id;
      li.addEventListener('mousedown', (e) => e.preventDefault());
      li.addEventListener('click', () => pick(h.entity.id));
      hits.append(li);
    });
    hits.hidden = false;
    search.setAttribute('aria-expanded', 'true');
  }

  function hideHits() {
    hits.hidden = true;
    search.setAttribute('aria-expanded', 'false');
  }

  /** @param {string} id */
  function pick(id) {
    hideHits();
    search.value = '';
    search.blur();
    recentre(id);
  }

  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    const text = search.value.trim();
    if (!text) return hideHits();
    searchTimer = window.setTimeout(async () => {
      const seq = ++searchSeq;
      try {
        const { search: found } = await graphql('search', { text });
        if (seq === searchSeq) showHits(found);
      } catch (err) {
        if (seq === searchSeq) showHits([]);
      }
    }, 150);
  });
  search.addEventListener('blur', hideHits);
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hideHits();
  });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (results.length) pick(results[0].entity.id);
  });

  // ---- frame size --------------------------------------------------------------------------

  /** @type {boolean | null} */
  let compact = null;
  function fitFrame() {
    const small = window.innerWidth < 560 || window.innerHeight < 380;
    if (small !== compact) {
      compact = small;
      body.classList.toggle('compact', small);
      // A tile has no room for the legend over the graph; it stays one click away.
      showLegend(!small);
    }
    const wasTile = tile;
    tile = window.innerWidth < TILE.width || window.innerHeight < TILE.height;
    body.classList.toggle('tile', tile);
    $('full').hidden = !tile;
    cy.resize();
    if (cy.nodes().empty()) return;
    if (wasTile && !tile) {
      // From a tile to a full view: everything comes back, laid out for the new size.
      cy.nodes().removeClass('tile-off');
      cy.style().update();
      body.dataset.ready = 'false';
      layout(() => markReady('graph'));
    } else fit();
  }
  new ResizeObserver(() => fitFrame()).observe($('cy'));
  fitFrame();

  // ---- live updates ------------------------------------------------------------------------

  /** How long the view waits for more writes before it re-fetches (a curator's burst is one refresh). */
  const LIVE_DEBOUNCE_MS = 300;
  /** How long it waits before following again after the stream broke (a server restarting). */
  const LIVE_RETRY_MS = 2000;
  const LIVE_QUERY = 'subscription EmbedChanges($after: String) { changes(after: $after) { cursor operation entityIds standingChanges { claim { id } after } } }';

  /** Ids the writes since the last refresh touched among those drawn, and the last write's operation and cursor. */
  const touched = new Set();
  let lastWrite = { operation: '', cursor: /** @type {string | null} */ (null) };
  let liveTimer = 0;

  /**
   * Draws the view again as the server now answers it, keeping the places of what stays, and
   * tells the host page what changed. A reader's own load in flight goes first.
   */
  async function refresh() {
    if (!view || busy) {
      liveTimer = window.setTimeout(refresh, LIVE_DEBOUNCE_MS);
      return;
    }
    const seq = ++loadSeq;
    try {
      const graph = await fetchView(view);
      if (seq !== loadSeq) return;
      draw(graph, true);
      body.dataset.liveUpdates = String(Number(body.dataset.liveUpdates || '0') + 1);
      tell('updated', { entityIds: [...touched].sort(), operation: lastWrite.operation, cursor: lastWrite.cursor, params: paramsOf(view) });
      touched.clear();
    } catch {
      // The next write tries again; the drawn view stays as it was.
    }
  }

  /**
   * Follows Subscription.changes over server-sent events (graphql-sse's protocol: a GET on
   * /graphql/stream, which EventSource speaks). A write that touches a drawn entity or claim (a new
   * relationship touches both its ends; a claim's new status names the claim) re-fetches the view.
   * After a broken stream it follows again from the last write's cursor, missing none.
   * @param {string | null} after
   */
  function followChanges(after) {
    if (typeof EventSource === 'undefined') return;
    const params = new URLSearchParams({ query: LIVE_QUERY, variables: JSON.stringify({ after }) });
    const source = new EventSource('/graphql/stream?' + params);
    body.dataset.live = 'connecting';
    source.addEventListener('open', () => (body.dataset.live = 'on'));
    source.addEventListener('next', (evt) => {
      /** @type {{ cursor: string, operation: string, entityIds: string[], standingChanges: { claim: { id: string } }[] } | undefined} */
      let change;
      try {
        change = JSON.parse(/** @type {MessageEvent<string>} */ (evt).data).data.changes;
      } catch {
        return;
      }
      if (!change) return;
      lastWrite = { operation: change.operation, cursor: change.cursor };
      const ids = [...change.entityIds, ...change.standingChanges.map((c) => c.claim.id)].filter((id) => cy.getElementById(id).nonempty());
      if (!ids.length) return;
      ids.forEach((id) => touched.add(id));
      window.clearTimeout(liveTimer);
      liveTimer = window.setTimeout(refresh, LIVE_DEBOUNCE_MS);
    });
    const again = () => {
      source.close();
      body.dataset.live = 'off';
      window.setTimeout(() => followChanges(lastWrite.cursor ?? after), LIVE_RETRY_MS);
    };
    // The server ends a stream it drops (a slow reader) or when it stops; EventSource's own retry would resend the first cursor.
    source.addEventListener('complete', again);
    source.addEventListener('error', again);
  }

  // ---- start -------------------------------------------------------------------------------

  if ('graph' in page) {
    remember(page.graph.view, 'replace');
    draw(page.graph);
    followChanges(null);
  } else {
    showError(Object.assign(new Error(page.error.message), page.error));
  }
})();
