// @ts-check
/*
 * The address: the view on screen as URL parameters (src/embed/params.ts). The address always
 * names the view on screen, so it can be shared or framed as it is; the "Open" links and the
 * export downloads name it too. Who else shows the view (the time slider, the host page) hears
 * of each change through onViewChange.
 */
import { $, DEFAULTS, page } from './base.js';

/** @typedef {import('../../params').ViewParams} ViewParams */

/** The view on screen: the /api/graph parameters (see src/embed/params.ts). @type {ViewParams | null} */
export let view = null;
/** The view the page was opened with ("Reset" goes back to it). @type {ViewParams | null} */
export const initialView = 'graph' in page ? page.graph.view : null;

/** @param {ViewParams} v */
export function queryOf(v) {
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

/** The URL parameters of a view, as the address writes them. @param {ViewParams | null} v */
export const paramsOf = (v) => (v ? Object.fromEntries(new URLSearchParams(queryOf(v))) : {});

/** @type {((v: ViewParams, url: string) => void)[]} */
const listeners = [];

/**
 * Calls `listener` after every change of the view on screen, with the view and its address.
 * @param {(v: ViewParams, url: string) => void} listener
 */
export function onViewChange(listener) {
  listeners.push(listener);
}

const depthSelect = $('depth', HTMLSelectElement);

/** @param {ViewParams} v @param {'push' | 'replace' | null} how replace when not push */
export function remember(v, how) {
  view = v;
  const url = pageUrl(v);
  if (how === 'push') history.pushState(v, '', url);
  else history.replaceState(v, '', url);
  $('open', HTMLAnchorElement).href = url;
  $('full', HTMLAnchorElement).href = url;
  depthSelect.value = String(v.depth);
  updateDownloads(v);
  for (const listener of listeners) listener(v, location.origin + url);
}

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
