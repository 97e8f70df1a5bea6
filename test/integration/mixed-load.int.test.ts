/**
 * A mixed load of reads and writes, with the graph's invariants checked while it runs, not only
 * after: no claim without its claimant and no dangling reference (the store's seed files pass
 * `seed --check`, the one reference validator), and every claim's stored support, opposition and
 * status agreeing with the lines of evidence the rule of src/domain/evidence.ts counts now.
 *
 * Neo4j reads at read-committed, so a check running beside a commit can see half of it: a
 * violation counts when the next check sees it again (a committed one stays), and the last check,
 * after the load, must be clean outright.
 */
import { EvidenceClaim, standings } from '../../src/domain/evidence';
import { exportSeedFiles } from '../../src/seed/export';
import { checkParsed } from '../../src/seed/check';
import { defaultSeedOptions } from '../../src/seed/seeder';
import { formatProblem } from '../../src/seed/validate';
import { gql, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'mixed-load-curator-token-0123456789';
const auth = { authorization: `Bearer ${CURATOR}` };
const SOURCE = { documentId: 'article-cabinet-insists-police-never-used-clearview', quote: 'Sander Dekker' };
const PROPOSITIONS = ['mix-proposition-0', 'mix-proposition-1', 'mix-proposition-2'];
const WRITERS = 2;
const ROUNDS = 8;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ API_TOKENS: `mix:curator:${CURATOR}`, RATE_LIMIT_PER_MINUTE: '0', QUERY_TIMEOUT_MS: '60000' });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

/** What one check found: problem keys (file and pointer, or claim id and field). */
async function violations(): Promise<Set<string>> {
  const found = new Set<string>();
  const { schemaPath, seedRoot } = defaultSeedOptions(t.config.rootDir);
  const files = await exportSeedFiles(t.conn.db);
  for (const p of checkParsed(files.map((f) => ({ file: f.file, data: JSON.parse(f.text) })), schemaPath, seedRoot)) found.add(`reference ${formatProblem(p)}`);
  await t.conn.db.readTransaction(async (run) => {
    const rows = await run('claim/evidence-input', { propositionIds: PROPOSITIONS });
    const byId = new Map(rows.map((r) => [r.id as string, r as unknown as EvidenceClaim]));
    const computed = standings(rows.filter((r) => r.onProposition).map((r) => r as unknown as EvidenceClaim), byId);
    const stored = await run('claim/by-ids', { ids: [...computed.keys()] });
    for (const { claim } of stored) {
      const want = computed.get(claim.id)!;
      for (const field of ['support', 'opposition', 'status'] as const) {
        if (claim[field] !== want[field]) found.add(`standing ${claim.id}.${field}: stored ${claim[field]}, the lines say ${want[field]}`);
      }
    }
  });
  return found;
}

/** One curator's edits: claimants and their claims on the shared propositions, and deletes of earlier claimants (their claims go with them). */
async function writer(w: number): Promise<string[]> {
  const errors: string[] = [];
  const note = (what: string, res: { errors?: { message: string }[] }) => res.errors && errors.push(`${what}: ${res.errors[0]!.message}`);
  for (let i = 0; i < ROUNDS; i++) {
    const claimant = `mix-claimant-${w}-${i}`;
    note(claimant, await gql(t.url, 'mutation($i: EntityInput!) { upsertEntity(input: $i) { id } }', { i: { id: claimant, kind: 'PERSON', name: `Mixer ${w} ${i}`, sources: [SOURCE] } }, auth));
    const claim = {
      id: `mix-claim-${w}-${i}`,
      text: 'A claim of the mixed load.',
      claimantId: claimant,
      subjectIds: ['clearview-ai'],
      propositionId: PROPOSITIONS[i % PROPOSITIONS.length],
      propositionText: 'A proposition of the mixed load.',
      polarity: (i + w) % 2 === 0 ? 'AFFIRMS' : 'DENIES',
      sources: [SOURCE],
    };
    note(claim.id, await gql(t.url, 'mutation($i: ClaimInput!) { upsertClaim(input: $i) { id } }', { i: claim }, auth));
    if (i >= 2 && i % 2 === 0) note(`delete ${i - 2}`, await gql(t.url, 'mutation($id: ID!) { deleteEntity(id: $id) }', { id: `mix-claimant-${w}-${i - 2}` }, auth));
  }
  return errors;
}

/** A reader of the claims being written and of the curated graph; returns the error codes it met. */
async function reader(stop: () => boolean): Promise<{ reads: number; codes: string[] }> {
  const codes: string[] = [];
  let reads = 0;
  const query = `query($p: ID!) {
    entity(id: "clearview-ai") { id claimsAbout(first: 50) { totalCount edges { node { id support opposition status } } } }
    proposition(id: $p) { id }
    decisionStats(groupBy: COUNTRY) { label count }
    claims(where: {proposition: $p}) { totalCount edges { node { id polarity support opposition } } }
  }`;
  while (!stop()) {
    const res = await gql(t.url, query, { p: PROPOSITIONS[reads % PROPOSITIONS.length] });
    reads++;
    for (const e of res.errors ?? []) codes.push(String(e.extensions?.code));
  }
  return { reads, codes };
}

it('keeps every invariant while curators write and readers read', async () => {
  let writing = true;
  const checks: Set<string>[] = [];
  const persistent: string[] = [];
  const checker = (async () => {
    while (writing) {
      const now = await violations();
      const before = checks[checks.length - 1];
      if (before) for (const v of now) if (before.has(v)) persistent.push(v);
      checks.push(now);
    }
  })();
  const readers = [reader(() => !writing), reader(() => !writing)];
  const writeErrors = (await Promise.all(Array.from({ length: WRITERS }, (_x, w) => writer(w)))).flat();
  writing = false;
  await checker;
  const read = await Promise.all(readers);

  expect(writeErrors).toEqual([]);
  expect(checks.length).toBeGreaterThanOrEqual(2); // checked while the writes ran
  expect(persistent).toEqual([]);
  expect([...(await violations())]).toEqual([]);
  expect(read.flatMap((r) => r.codes)).toEqual([]);
  expect(read.reduce((n, r) => n + r.reads, 0)).toBeGreaterThan(0);
  // The load did write: of each writer's claims, those of the claimants it did not delete remain.
  const left = await gql(t.url, '{ claims(where: {text: {contains: "mixed load"}}) { totalCount } }');
  expect(left.errors).toBeUndefined();
  expect(left.data.claims.totalCount).toBe(WRITERS * (ROUNDS - Math.floor((ROUNDS - 1) / 2)));
}, 600_000);
