/**
 * Issue 18 item 3: a write the server acknowledged survives a crash of everything. Curators send
 * upsertClaim mutations (each writes a claim, its proposition, their links, the standings and an
 * audit entry, in one transaction) from several clients at once; mid-load the Neo4j JVM and the
 * server are both killed with SIGKILL, no shutdown of either. Both are started again on the same
 * data folder, and then:
 *   - every acknowledged mutation (200, no error) is there: claim, proposition, audit entry;
 *   - every mutation without an answer (in flight at the kill) is there entirely or not at all;
 *   - every mutation answered with an error left nothing.
 */
import { gql } from '../support/helpers';
import { killableNeo4j, KillableNeo4j, pollUntil, recordFigures, ServerProcess, spawnServer, waitUntilReady } from '../support/server-process';
import { loadConfig } from '../../src/config';
import { createExecutor } from '../../src/db/connect';
import { NEO4J_USER, readOrCreatePassword } from '../../src/db/password';
import type { Executor } from '../../src/db/executor';
import { leadingPage } from '../../src/graphql/paging';

const CURATOR = 'durability-curator-0123456789abcdef';
const curator = { authorization: `Bearer ${CURATOR}` };
const CLIENTS = 8;
/** Acknowledged mutations before the kill: enough that the kill lands among many in flight. */
const ACKED_BEFORE_KILL = 150;
const CLAIM = 'mutation C($input: ClaimInput!) { upsertClaim(input: $input) { id } }';
const ENTITY = 'mutation E($input: EntityInput!) { upsertEntity(input: $input) { id } }';
const src = [{ documentId: 'durability-doc', quote: 'a passage for the durability test' }];

let neo: KillableNeo4j;
let server: ServerProcess | undefined;
let env: Record<string, string>;

/**
 * Starts the test's Neo4j, trying again when a start does not finish within killableNeo4j's
 * deadline: on a machine shared by several test runs a JVM start has taken over two minutes.
 */
async function startNeo4j(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await neo.start();
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

beforeAll(async () => {
  neo = await killableNeo4j('durability');
  await startNeo4j();
  // What is measured is what survives, not speed: a generous time budget keeps a busy machine's
  // slow commits from turning into refusals (which are checked too: a refused write left nothing).
  env = {
    NEO4J_URI: neo.uri,
    NEO4J_PASSWORD_FILE: neo.passwordFile,
    SEED_ON_START: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    QUERY_TIMEOUT_MS: '60000',
    API_TOKENS: `ada:curator:${CURATOR}`,
  };
  server = await spawnServer(env);
  await waitUntilReady(server, 60_000);
}, 420_000);

afterAll(async () => {
  await server?.stop();
  await neo?.dispose();
});

type Fate = 'acked' | 'refused' | 'unanswered';

const claimInput = (i: number) => ({
  id: `durability-claim-${i}`,
  text: `Durability Co says ${i}.`,
  claimantId: 'durability-co',
  subjectIds: ['durability-co'],
  propositionId: `durability-proposition-${i}`,
  propositionText: `Durability Co says ${i}.`,
  polarity: 'AFFIRMS',
  sources: src,
});

/** What is stored of mutation i: its claim, its proposition and an audit entry naming the claim. */
async function stored(db: Executor, ids: number[]): Promise<Map<number, [boolean, boolean, boolean]>> {
  const claims = new Set((await db.read('claim/by-ids', { ids: ids.map((i) => `durability-claim-${i}`) })).map((r) => r.claim.id as string));
  const propositions = new Set((await db.read('claim/propositions-by-ids', { ids: ids.map((i) => `durability-proposition-${i}`) })).map((r) => r.proposition.id as string));
  const [audit] = await db.read('audit/list', { entityId: null, page: leadingPage(1_000_000) });
  const audited = new Set((audit!.page as { entityIds: string[] }[]).flatMap((e) => e.entityIds));
  return new Map(ids.map((i) => [i, [claims.has(`durability-claim-${i}`), propositions.has(`durability-proposition-${i}`), audited.has(`durability-claim-${i}`)]]));
}

it('keeps every acknowledged mutation, with its audit entry, across SIGKILL of Neo4j and the server mid-load; an unanswered one is all there or absent', async () => {
  const live = server!;
  for (const input of [
    { id: 'durability-doc', kind: 'DOCUMENT', name: 'Durability test document', primary: false, reliability: 'LOW', url: 'https://example.org/durability', sources: [] },
    { id: 'durability-co', kind: 'COMPANY', name: 'Durability Co', sources: src },
  ]) {
    expect((await gql(live.url, ENTITY, { input }, curator)).errors).toBeUndefined();
  }

  const fates = new Map<number, Fate>();
  let next = 0;
  let sending = true;
  let acked = 0;
  const client = async () => {
    while (sending) {
      const i = next++;
      fates.set(i, 'unanswered');
      try {
        const res = await gql(live.url, CLAIM, { input: claimInput(i) }, curator);
        const ok = res.status === 200 && !res.errors && res.data?.upsertClaim?.id === `durability-claim-${i}`;
        fates.set(i, ok ? 'acked' : 'refused');
        if (ok) acked++;
      } catch {
        // No answer: the server died with the request in flight. Its fate is what the database says.
        sending = false;
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);
  await pollUntil(`${ACKED_BEFORE_KILL} acknowledged mutations`, async () => (acked >= ACKED_BEFORE_KILL ? true : undefined), 120_000, 20);
  // Both at once, mid-load: no drain, no checkpoint, no goodbye to the clients.
  process.kill(live.pid, 'SIGKILL');
  await Promise.all([neo.kill(), live.exited]);
  sending = false;
  await Promise.all(clients);
  server = undefined;

  await startNeo4j();
  server = await spawnServer(env);
  await waitUntilReady(server, 120_000);

  const config = loadConfig({ ...process.env, NEO4J_URI: neo.uri, NEO4J_PASSWORD_FILE: neo.passwordFile });
  const db = createExecutor(config, neo.uri, NEO4J_USER, readOrCreatePassword(neo.passwordFile));
  try {
    const all = [...fates.keys()];
    const found = await stored(db, all);
    const ackedIds = all.filter((i) => fates.get(i) === 'acked');
    const unanswered = all.filter((i) => fates.get(i) === 'unanswered');
    const refused = all.filter((i) => fates.get(i) === 'refused');
    const lost = ackedIds.filter((i) => found.get(i)!.some((there) => !there));
    const refusedButWritten = refused.filter((i) => found.get(i)!.some(Boolean));
    const halfWritten = all.filter((i) => new Set(found.get(i)).size > 1);
    const unansweredCommitted = unanswered.filter((i) => found.get(i)!.every(Boolean)).length;
    recordFigures('durability', {
      sent: all.length,
      acknowledged: ackedIds.length,
      refused: refused.length,
      unansweredAtKill: unanswered.length,
      unansweredThatCommitted: unansweredCommitted,
      acknowledgedLost: lost.length,
      refusedButWritten: refusedButWritten.length,
      halfWritten: halfWritten.length,
    });
    expect(ackedIds.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);
    expect(refusedButWritten).toEqual([]);
    expect(lost).toEqual([]);
    expect(halfWritten).toEqual([]);
    // And the restarted server serves what survived.
    const first = await gql(server.url, '{ claim(id: "durability-claim-0") { proposition { id } claimant { id } } }');
    expect(first.data.claim).toEqual({ proposition: { id: 'durability-proposition-0' }, claimant: { id: 'durability-co' } });
  } finally {
    await db.close();
  }
}, 600_000);
