// @ts-check
/*
 * The host page: events to the page that frames the view, and its commands, by postMessage
 * (docs/embed.md, "Talking to the host page"), only from and to the origins of
 * EMBED_FRAME_ANCESTORS.
 */
import { body, page } from './base.js';

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

/**
 * Sends an event to the host page, addressed to its origin only (a page that navigated the
 * frame's parent elsewhere gets nothing).
 * @param {'ready' | 'select' | 'view' | 'updated'} type @param {Record<string, unknown>} detail
 */
export function tell(type, detail) {
  if (hostOrigin) window.parent.postMessage({ source: 'frr-graph', type, ...detail }, hostOrigin);
}

/**
 * What the view does for the host page's commands.
 * @typedef {{ center: (id: string) => void, select: (id: string) => void, asOf: (date: string | null) => void }} HostCommands
 */

/**
 * Obeys the host page's commands, from the parent window on an allowed origin only.
 * @param {HostCommands} commands
 */
export function listenToHost(commands) {
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
    if (msg.type === 'center' && id) commands.center(id);
    else if (msg.type === 'select' && id) commands.select(id);
    else if (msg.type === 'asOf' && (msg.date === null || (typeof msg.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(msg.date)))) commands.asOf(msg.date);
  });
}
