// @ts-check
/*
 * What every module of the view shares: the page's data (the JSON block page.ts writes), its
 * elements, the text helpers, and the claim statuses' palette. Imports nothing.
 */

/**
 * @typedef {import('../../page').PageData} PageData
 * @typedef {import('../../page').ViewKind} ViewKind
 */

/**
 * The page's element with this id; fails loudly when page.ts and the view disagree.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {{ new (): T, prototype: T }} [type] the element's class, checked
 * @returns {T}
 */
export function $(id, type) {
  const e = document.getElementById(id);
  if (!e || (type && !(e instanceof type))) throw new Error(`the page has no ${type ? type.name : 'element'} #${id}`);
  return /** @type {T} */ (e);
}

/** @type {PageData} */
export const page = JSON.parse($('frr-view').textContent || 'null');
export const DEFAULTS = page.defaults;
export const body = document.body;

/** Colour and shape per entity kind, in legend order: the domain's list, which page.ts puts in the page. */
export const KINDS = new Map(page.kinds.map((k) => [k.kind, k]));
/** @type {ViewKind} */
const OTHER_KIND = { kind: 'OTHER', colour: '#9ca3af', shape: 'ellipse' };
/** @param {string} kind */
export const kindOf = (kind) => KINDS.get(kind) || OTHER_KIND;

/**
 * Claims are diamonds; their status shows in colour AND in pattern, so that a colour-blind reader
 * tells them apart too: disputed filled with a thick dark border, corroborated filled with a
 * double border, uncontested hollow, corrected hollow with a dashed border, superseded grey with a
 * dotted one. A question is never a side of a dispute: it is drawn as a question (a rounded,
 * blue-edged diamond) whatever the lines of the others on its proposition. `rank` orders a
 * group's representative (most telling first).
 * @type {Record<string, { colour: string, text: string, rank: number }>}
 */
export const STATUS = {
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
export const shownStatus = (n) => (n.data('claimKind') === 'QUESTION' ? 'QUESTION' : n.data('status'));

/** @param {string} s */
export const words = (s) => s.toLowerCase().replace(/_/g, ' ');
/** @param {unknown} err */
export const messageOf = (err) => (err instanceof Error ? err.message : String(err));
/** @param {string} s @param {number} n */
export const short = (s, n) => (s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s);

/**
 * An element with properties and children (null and undefined children are left out).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Partial<HTMLElementTagNameMap[K]> | null} props
 * @param {...(Node | string | null | undefined)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props, ...children) {
  const e = Object.assign(document.createElement(tag), props || {});
  e.append(...children.filter((c) => c !== null && c !== undefined).map((c) => /** @type {Node | string} */ (c)));
  return e;
}
