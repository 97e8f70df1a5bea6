// @ts-check
/*
 * The side panel: what a clicked claim, entity or relationship says, with its sources (the
 * verbatim quote, the document, its link). It says data-state="loading", then "shown".
 */
import { view } from './address.js';
import { $, STATUS, el, messageOf, short, words } from './base.js';
import { graphql } from './data.js';
import { cy } from './style.js';

/**
 * @typedef {import('./data.js').Source} Source
 * @typedef {import('./data.js').Claim} Claim
 * @typedef {import('./data.js').ClaimDetail} ClaimDetail
 * @typedef {import('./data.js').ClaimStanding} ClaimStanding
 * @typedef {{ expand: (id: string) => void, recentre: (id: string) => void }} EntityActions what an entity's panel offers
 */

const panel = $('panel');
const panelBody = $('panel-body');

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

export function closePanel() {
  panelSeq++;
  panel.hidden = true;
  panelBody.textContent = '';
  panel.dataset.state = 'closed';
  focus(null);
}

/** Fades all but what was clicked and its neighbours: a claim with its claimant, subjects and contradictions. */
/** @param {cytoscape.SingularElementArgument | null} ele */
export function focus(ele) {
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
export function selectOnly(id) {
  cy.elements().unselect();
  cy.getElementById(id).select();
}

/** @param {string} id */
export async function showClaim(id) {
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

/** @param {string} id @param {EntityActions} actions */
export async function showEntity(id, actions) {
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
          : el('button', { type: 'button', textContent: 'Add its neighbours', title: 'Add the entities linked to this one, without moving the view (or double-click it)', onclick: () => actions.expand(id) }),
        id === view?.center ? null : el('button', { type: 'button', textContent: 'Centre the view here', onclick: () => actions.recentre(id) }),
      ),
    );
  } catch (err) {
    if (stale()) return;
    openPanel(el('h2', { textContent: id }), el('p', { textContent: 'Could not load the entity: ' + messageOf(err) }));
  }
}

/** @param {cytoscape.EdgeSingular} edge */
export async function showEdge(edge) {
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

$('panel-close').addEventListener('click', closePanel);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !panel.hidden) {
    closePanel();
    $('cy').focus();
  }
});
