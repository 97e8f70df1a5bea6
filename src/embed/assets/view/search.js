// @ts-check
/*
 * The search box: type a name, an alias or a near-spelling, pick a hit, and the view re-centres.
 */
import { recentre } from './actions.js';
import { $, el, words } from './base.js';
import { graphql } from './data.js';

/** @typedef {import('./data.js').Hit} Hit */

const search = $('search', HTMLInputElement);
const hits = $('hits');

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
