// @ts-check
/*
 * Live updates: the view follows Subscription.changes and draws itself again when a committed
 * write touches what it shows (docs/embed.md, "Live updates"). <body data-live> is "on" while it
 * follows.
 */
import { isBusy, startLoad } from './actions.js';
import { paramsOf, view } from './address.js';
import { body } from './base.js';
import { fetchView } from './data.js';
import { draw } from './draw.js';
import { tell } from './host.js';
import { cy } from './style.js';

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
  if (!view || isBusy()) {
    liveTimer = window.setTimeout(refresh, LIVE_DEBOUNCE_MS);
    return;
  }
  const stale = startLoad();
  try {
    const graph = await fetchView(view);
    if (stale()) return;
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
export function followChanges(after) {
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
