/**
 * Compiled execution (COMPILED_EXECUTION, src/graphql/compiled-execution.ts): two servers over
 * one Neo4j, one compiling queries with graphql-jit, answer every question alike, errors and
 * refusals included (an answer with errors is left to graphql-js, so its shape is the formatter's).
 */
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { startTestServer, TestServer } from '../support/helpers';

let plain: TestServer;
let jit: RunningServer;
let jitUrl: string;
beforeAll(async () => {
  plain = await startTestServer({ RATE_LIMIT_PER_MINUTE: '0' });
  jit = await startServer(loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', COMPILED_EXECUTION: 'true' }), plain.conn.db, pino({ level: 'silent' }));
  jitUrl = `http://127.0.0.1:${jit.port}/graphql`;
});
afterAll(async () => {
  await jit?.stop();
  await plain?.close();
});

async function post(url: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: await res.json() };
}

const QUESTIONS: [string, Record<string, unknown>?][] = [
  ['query ($id: ID!) { entity(id: $id) { id name kind ... on Company { description } relationships(first: 5) { totalCount edges { node { type from { id } to { id name } } } } } }', { id: 'clearview-ai' }],
  ['{ search(text: "clearview", first: 5) { entity { id name } } }'],
  ['{ claims(about: "clearview-ai", first: 3, orderBy: [{field: MADE_ON, direction: DESC}]) { totalCount edges { cursor node { id text status claimant { name } sources { quote document { id } } } } } }'],
  ['{ decisionStats(groupBy: COUNTRY) { key label count sumEur } entityCounts { kind count } }'],
  ['{ contradictions(about: "dutch-national-police") { proposition { id text } affirming { id } denying { id } } }'],
  ['{ entity(id: "no-such-entity") { id } node(id: "Entity:cnil") { id ... on Regulator { name } } }'],
  ['{ entities(first: 100000) { totalCount } }'],
  ['{ entities(where: {related: {type: "NO_SUCH"}}) { totalCount } }'],
  ['{ entity(id: "cnil") { nope } }'],
];

describe('compiled execution', () => {
  it('answers every question as graphql-js does, errors and refusals alike', async () => {
    for (const [i, [query, variables]] of QUESTIONS.entries()) {
      const [a, b] = await Promise.all([post(plain.url, query, variables), post(jitUrl, query, variables)]);
      expect({ query, ...b }).toEqual({ query, ...a });
      // The first six answer without errors: those the compiled code gives.
      if (i < 6) expect({ query, errors: (a.body as any).errors }).toEqual({ query, errors: undefined });
    }
  });
});
