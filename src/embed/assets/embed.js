// @ts-check
/*
 * The embeddable graph view (GET /embed). Draws a view with Cytoscape.js from the JSON block the
 * server put in the page, then follows the reader: click an entity to add its neighbours, click a
 * claim or an edge to read its sources, search to re-centre. The address always names the view on
 * screen, so it can be shared or framed as it is. Served as written: no framework, no build step,
 * nothing from another host. Type-checked by `tsc -p tsconfig.view.json` (JSDoc types; the page
 * data's types are the server's own, from page.ts).
 *
 * For tests and dashboards: window.__frrGraph = { cy, view }, and <body data-ready="true"
 * data-center="…" data-nodes="…"> once a view is drawn (data-state="empty" or "error" instead of
 * a graph when there is none). The side panel says data-state="loading", then "shown".
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
 * @typedef {Claim & { contradictedBy: Claim[], basedOn: Claim[], basedOnDocuments: DocumentRef[],
 *   qualifiedBy: Claim[], qualifies: Claim[] }} ClaimDetail
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
  /** Claims are diamonds coloured by status. @type {Record<string, { colour: string, text: string }>} */
  const STATUS = {
    // From independent lines of evidence: claims that rest on one basis count once, questions never.
    DISPUTED: { colour: '#dc2626', text: 'disputed: a line of evidence on each side' },
    CORROBORATED: { colour: '#16a34a', text: 'corroborated: two independent lines, none against' },
    UNCONTESTED: { colour: '#a3a3a3', text: 'uncontested' },
  };
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
    // The toolbar's downloads: this view, exported by /api/export (docs/data-out.md).
    for (const a of document.querySelectorAll('a[data-download]')) a.setAttribute('href', '/api/export?format=' + a.getAttribute('data-download') + '&' + queryOf(v));
    depthSelect.value = String(v.depth);
  }

  // ---- talking to the server ---------------------------------------------------------------

  // The GraphQL documents the view sends. test/unit/view-documents.test.ts runs the lines between
  // the two markers and validates each document against the server's schema: keep them self-contained.
  // documents:start
  const SOURCES = 'sources { quote document { id name url } }';
  const CLAIM_FIELDS = `id text status kind support opposition polarity madeOn claimant { id name } ${SOURCES}`;
  /** @type {{ [K in keyof Results]: string }} */
  const DOCUMENTS = {
    claim: `query EmbedClaim($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS}
    contradictedBy { ${CLAIM_FIELDS} } basedOn { ${CLAIM_FIELDS} } basedOnDocuments { id name url } qualifiedBy { ${CLAIM_FIELDS} } qualifies { ${CLAIM_FIELDS} } } }`,
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

  const cy = cytoscape({
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
          label: (n) => short(n.data('label'), 34),
          'font-size': 12,
          color: '#111827',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'wrap',
          'text-max-width': '120px',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
          'text-background-padding': '1px',
          'text-background-shape': 'roundrectangle',
          'min-zoomed-font-size': 7,
        },
      },
      {
        selector: 'node[distance = 0]',
        style: { width: 52, height: 52, 'font-size': 17, 'font-weight': 700, 'border-width': 4, 'border-color': '#1e3a8a', 'z-index': 5 },
      },
      { selector: 'node.expanded', style: { 'border-width': 4, 'border-color': '#374151', 'border-style': 'double' } },
      {
        selector: 'node[kind = "CLAIM"]',
        style: {
          shape: 'diamond',
          width: 16,
          height: 16,
          'background-color': (n) => (STATUS[n.data('status')] || STATUS.UNCONTESTED).colour,
          label: '',
          'font-size': 11,
          'text-max-width': '170px',
        },
      },
      {
        selector: 'node[kind = "CLAIM"][status = "DISPUTED"]',
        style: {
          width: 26,
          height: 26,
          'border-width': 3,
          'border-color': '#7f1d1d',
          /** @param {cytoscape.NodeSingular} n */
          label: (n) => short(n.data('label'), 44),
          color: '#7f1d1d',
          'z-index': 8,
        },
      },
      {
        selector: 'node.hover, node:selected',
        style: { label: /** @param {cytoscape.NodeSingular} n */ (n) => short(n.data('label'), 160), 'text-max-width': '220px', 'z-index': 30, 'text-background-opacity': 0.95 },
      },
      // The selection ring leaves the fill alone: a selected disputed claim stays red.
      { selector: 'node:selected', style: { 'border-color': '#2563eb', 'border-width': 4, 'overlay-opacity': 0 } },
      {
        selector: 'edge',
        style: {
          width: 1.4,
          'curve-style': 'bezier',
          'line-color': '#b6c0cc',
          'target-arrow-shape': 'triangle',
          'target-arrow-color': '#b6c0cc',
          'arrow-scale': 0.9,
          label: 'data(type)',
          'font-size': 9,
          color: '#475569',
          'text-rotation': 'autorotate',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'text-background-padding': '1px',
          'min-zoomed-font-size': 7,
        },
      },
      {
        // Claim edges are many and say little on their own; they step back behind the relationships.
        selector: 'edge[type = "ABOUT"], edge[type = "MADE"]',
        // Their labels show once zoomed in (font 8 needs zoom 1.2 to reach 10px).
        style: { 'line-style': 'dotted', 'line-color': '#d6dbe1', 'target-arrow-color': '#d6dbe1', color: '#94a3b8', 'font-size': 8, 'min-zoomed-font-size': 10 },
      },
      {
        selector: 'edge[type = "BASED_ON"], edge[type = "QUALIFIES"]',
        style: { 'line-style': 'dashed', 'line-color': '#64748b', 'target-arrow-color': '#64748b', color: '#475569', 'font-size': 9 },
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
          'font-size': 11,
          'font-weight': 700,
          'z-index': 9,
        },
      },
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

  /** @param {boolean} fresh all of the graph, or only the nodes marked new @param {() => void} done */
  function layout(fresh, done) {
    const nodes = fresh ? cy.nodes() : cy.nodes().filter((n) => n.scratch('_new'));
    if (fresh) seedPositions(nodes);
    const run = cy.layout({
      name: 'cose',
      animate: false,
      randomize: false,
      fit: false,
      nodeRepulsion: (n) => (n.data('kind') === 'CLAIM' ? 30000 : 150000),
      idealEdgeLength: (e) => (e.data('type') === 'CONTRADICTS' ? 40 : CLAIM_EDGE(e) ? 70 : 130),
      gravity: 0.3,
      // Each iteration compares every pair of nodes: a view of thousands gets fewer, or the frame would freeze.
      numIter: Math.max(10, Math.round(2000 * Math.min(1, (300 / Math.max(cy.nodes().length, 1)) ** 2))),
      componentSpacing: 60,
    });
    run.one('layoutstop', () => {
      nodes.forEach((n) => {
        n.removeScratch('_new');
      });
      if (fresh) stretchToFrame();
      fit();
      done();
    });
    run.run();
  }

  /** Force-directed layouts come out roughly round; a frame is usually wide. Stretch to use it. */
  function stretchToFrame() {
    const bb = cy.nodes().boundingBox();
    if (bb.w < 1 || bb.h < 1) return;
    const frame = cy.width() / Math.max(cy.height(), 1);
    const sx = Math.min(Math.max(frame / (bb.w / bb.h), 1), 2.2);
    const sy = Math.min(Math.max((bb.w / bb.h) / frame, 1), 2.2);
    const cx = bb.x1 + bb.w / 2;
    const cyy = bb.y1 + bb.h / 2;
    cy.nodes().positions((n) => ({ x: cx + (n.position('x') - cx) * sx, y: cyy + (n.position('y') - cyy) * sy }));
  }

  function fit() {
    const small = Math.min(cy.width(), cy.height()) < 400;
    cy.fit(undefined, small ? 6 : 28);
  }

  /** @param {'graph' | 'empty' | 'error'} state */
  function markReady(state) {
    Object.assign(window, { __frrGraph: { cy, view } });
    body.dataset.center = view ? view.center : '';
    body.dataset.nodes = String(cy.nodes().length);
    body.dataset.state = state;
    body.dataset.ready = 'true';
  }

  /** @param {GraphView} graph */
  function draw(graph) {
    body.dataset.ready = 'false';
    closePanel();
    stateBox.hidden = true;
    body.classList.remove('no-view');
    cy.elements().remove();
    cy.add(graph.elements);
    for (const id of graph.view.expand) cy.getElementById(id).addClass('expanded');
    const centre = cy.nodes('[distance = 0]');
    $('title').textContent = '';
    $('title').append(centre.data('label') || graph.view.center, Object.assign(document.createElement('small'), { textContent: ` · depth ${graph.view.depth}${graph.view.asOf ? ' · as of ' + graph.view.asOf : ''}` }));
    document.title = `${centre.data('label') || graph.view.center} — graph view`;
    renderLegend();
    renderStatus(graph.truncated);
    layout(true, () => markReady('graph'));
  }

  /** @param {GraphView} graph @param {string} expandedId */
  function merge(graph, expandedId) {
    const added = cy.add(
      [...graph.elements.nodes, ...graph.elements.edges].filter((el) => cy.getElementById(el.data.id).empty()),
    );
    const origin = cy.getElementById(expandedId).position();
    added.nodes().forEach((n, i) => {
      n.scratch('_new', true);
      // New neighbours start around the node they belong to; the layout then settles them.
      n.position({ x: origin.x + 60 * Math.cos(i), y: origin.y + 60 * Math.sin(i) });
    });
    renderLegend();
    renderStatus(graph.truncated);
    layout(false, () => markReady('graph'));
  }

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

  /** @param {HTMLElement} sw @param {string} label @param {number} [count] */
  function legendItem(sw, label, count) {
    const li = document.createElement('li');
    li.append(sw, label);
    if (count !== undefined) li.append(Object.assign(document.createElement('span'), { className: 'count', textContent: String(count) }));
    return li;
  }

  function renderLegend() {
    legend.textContent = '';
    /** @type {Map<string, number>} */
    const counts = new Map();
    cy.nodes().forEach((n) => {
      const key = n.data('kind') === 'CLAIM' ? 'CLAIM:' + n.data('status') : n.data('kind');
      counts.set(key, (counts.get(key) || 0) + 1);
    });
    const entities = document.createElement('ul');
    for (const k of KINDS.values()) {
      if (counts.has(k.kind)) entities.append(legendItem(swatch(k.colour, k.shape), words(k.kind), counts.get(k.kind)));
    }
    const claims = document.createElement('ul');
    for (const s of Object.keys(STATUS)) {
      if (!counts.has('CLAIM:' + s)) continue;
      claims.append(legendItem(swatch(STATUS[s].colour, 'diamond', s === 'DISPUTED' ? 'sw-disputed' : ''), words(s), counts.get('CLAIM:' + s)));
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
    return el(
      'div',
      { className: 'claim ' + c.status },
      el('p', { textContent: c.text }),
      el(
        'p',
        { className: 'meta' },
        badge(c.status),
        ` ${words(c.kind)} · ${words(c.polarity)} · by ${c.claimant.name}${c.madeOn ? ' · ' + c.madeOn : ''}`,
      ),
      el('p', { className: 'meta lines', textContent: linesText(c) + (c.kind === 'QUESTION' ? ' (a question asserts nothing: it is not counted)' : '') }),
      sourcesView(c.sources),
    );
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
      const { claim } = await graphql('claim', { id });
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

  /** @param {string} id */
  async function expand(id) {
    if (busy || !view || id === view.center || view.expand.includes(id)) return;
    busy = true;
    body.dataset.ready = 'false';
    try {
      const graph = await fetchView({ ...view, center: id, depth: 1, expand: [] });
      remember({ ...view, expand: [...view.expand, id] }, 'replace');
      cy.getElementById(id).addClass('expanded');
      merge(graph, id);
    } catch (err) {
      $('status').textContent = 'Could not expand: ' + messageOf(err);
      markReady('graph');
    } finally {
      busy = false;
    }
  }

  /** @param {ViewParams} v @param {'push' | 'replace' | null} how */
  async function load(v, how) {
    busy = true;
    body.dataset.ready = 'false';
    try {
      const graph = await fetchView(v);
      remember(graph.view, how);
      draw(graph);
    } catch (err) {
      if (how) remember(v, how);
      showError(/** @type {ViewFailure} */ (err));
    } finally {
      busy = false;
    }
  }

  /** @param {string} id */
  function recentre(id) {
    if (!view) view = { ...DEFAULTS, asOf: null, kinds: null, expand: [], center: id };
    return load({ ...view, center: id, expand: [] }, 'push');
  }

  /** Where the panel would hide what was clicked, pans it into the part of the graph left in view. */
  /** @param {cytoscape.SingularElementArgument} ele */
  function reveal(ele) {
    const free = panel.getBoundingClientRect().left - $('cy').getBoundingClientRect().left;
    if (panel.hidden || free < 160) return;
    const p = ele.isNode() ? ele.renderedPosition() : ele.renderedMidpoint();
    if (p.x > free - 40) cy.panBy({ x: free / 2 - p.x, y: 0 });
  }

  cy.on('tap', 'node', (evt) => {
    const n = evt.target;
    if (n.data('kind') === 'CLAIM') {
      showClaim(n.id());
    } else {
      showEntity(n.id());
      expand(n.id());
    }
    focus(n);
    reveal(n);
  });
  cy.on('tap', 'edge', (evt) => {
    showEdge(evt.target);
    focus(evt.target);
    reveal(evt.target);
  });
  cy.on('dbltap', 'node', (evt) => {
    if (evt.target.data('kind') !== 'CLAIM') recentre(evt.target.id());
  });
  cy.on('tap', (evt) => {
    if (evt.target === cy) closePanel();
  });
  cy.on('mouseover', 'node', (evt) => evt.target.addClass('hover'));
  cy.on('mouseout', 'node', (evt) => evt.target.removeClass('hover'));

  $('panel-close').addEventListener('click', closePanel);
  $('fit').addEventListener('click', fit);
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
    cy.resize();
    if (cy.nodes().nonempty()) fit();
  }
  new ResizeObserver(() => fitFrame()).observe($('cy'));
  fitFrame();

  // ---- start -------------------------------------------------------------------------------

  if ('graph' in page) {
    remember(page.graph.view, 'replace');
    draw(page.graph);
  } else {
    showError(Object.assign(new Error(page.error.message), page.error));
  }
})();
