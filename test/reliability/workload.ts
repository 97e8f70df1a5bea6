/**
 * The analyst questions of test/queries/, with the variables the analyst tests use: the request
 * mix of the load run and of the fault scenarios, so that load means real questions, not a ping.
 */
import { queryFile } from '../support/helpers';

/** One GraphQL request body. */
export interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const MIX: [string, Record<string, unknown>?][] = [
  ['minister-vs-buzzfeed', { claimId: 'dekker-not-implemented-operationally', about: 'dutch-national-police' }],
  ['complaints-with-regulators'],
  ['complaints-per-country'],
  ['complaint-filing-date-values', { entity: 'noyb-complaint-dsb' }],
  ['fines-with-amounts', { regulator: 'cnil' }],
  ['ico-decision-appeal-chain', { id: 'ico-monetary-penalty-and-enforcement-notice-2022' }],
  ['does-the-ico-have-jurisdiction'],
  ['decisions-by-country-and-period', { country: 'united-kingdom' }],
  ['path-with-sources', { from: 'sander-dekker', to: 'catch' }],
  ['as-of', { id: 'sander-dekker', asOf: '2021-09-28' }],
  ['what-did-sander-dekker-claim', { id: 'sander-dekker' }],
  ['claims-of-a-status-paged', { status: 'UNCONTESTED', first: 5 }],
  ['search-by-other-name', { text: 'Capture' }],
  ['entity-counts-per-kind'],
  ['subgraph-around-clearview', { center: 'clearview-ai', depth: 1, limit: 200, includeClaims: true }],
  ['which-tool-do-the-dutch-police-use'],
  ['what-the-police-policy-prohibits'],
  ['who-asked-the-written-questions'],
];

/** The analyst questions as request bodies. */
export function analystMix(): Operation[] {
  return MIX.map(([name, variables]) => ({ name, query: queryFile(name), variables }));
}

/** The `extensions.code` of every error in a GraphQL response body (UNPARSEABLE when it is not JSON). */
export function errorCodes(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
    return (parsed.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
  } catch {
    return ['UNPARSEABLE'];
  }
}

/** Codes that mean a query limit refused the request: expected under load, not failures. */
export const LIMIT_CODES = new Set(['QUERY_TOO_COMPLEX', 'PAYLOAD_TOO_LARGE', 'BATCH_TOO_LARGE']);

/** What happened to one request of a {@link Load}. */
export interface Outcome {
  op: string;
  startedAt: number;
  endedAt: number;
  /** HTTP status; 0 when no response came (refused, reset). */
  status: number;
  codes: string[];
  /** The network error when status is 0. */
  failure?: string;
}

/** A closed-loop load of `concurrency` clients, each sending the next request when the last one ends. */
export interface Load {
  outcomes: Outcome[];
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<Outcome[]>;
}

/**
 * Starts a closed-loop load against `url` with `ops` (default: the analyst mix). `send` defaults
 * to fetch; scenarios that need one connection per request pass their own.
 */
export function startLoad(
  url: string,
  concurrency: number,
  send: (url: string, body: string) => Promise<{ status: number; body: string }> = postJson,
  ops: Operation[] = analystMix(),
): Load {
  const outcomes: Outcome[] = [];
  let running = true;
  let next = 0;
  const client = async () => {
    while (running) {
      const op = ops[next++ % ops.length]!;
      const startedAt = Date.now();
      try {
        const res = await send(url, JSON.stringify({ query: op.query, variables: op.variables }));
        outcomes.push({ op: op.name, startedAt, endedAt: Date.now(), status: res.status, codes: errorCodes(res.body) });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause;
        outcomes.push({ op: op.name, startedAt, endedAt: Date.now(), status: 0, codes: [], failure: cause?.code ?? (err as Error).message });
        // A refused connection fails in microseconds: do not spin.
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    outcomes,
    stop: async () => {
      running = false;
      await Promise.all(clients);
      return outcomes;
    },
  };
}

/** POSTs a JSON body with fetch (keep-alive). */
export async function postJson(url: string, body: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
  return { status: res.status, body: await res.text() };
}

/** Counts of each error code in `outcomes`. */
export function countCodes(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) for (const c of o.codes) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}
