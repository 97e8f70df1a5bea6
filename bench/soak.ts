/**
 * `npm run soak`: mixed reads and writes at saturation for a bounded time, against the real
 * server (src/main.ts as a child process) over an embedded Neo4j of its own (a fresh folder
 * .neo4j/soak-<pid>, removed at the end), seeded with the curated dataset. Closed-loop clients
 * ask the analyst questions of test/queries/ and, one request in `--write-every`, a curator's
 * mutation (an edit of one of 50 entities, or a new claim). Each minute it prints requests,
 * errors by code, p50/p99 of the requests that ended in that minute and the RSS of the server and
 * of the Neo4j JVM; at the end, the verdict:
 *   - pass: no error other than a query limit (QUERY_TOO_COMPLEX, PAYLOAD_TOO_LARGE,
 *     BATCH_TOO_LARGE, RATE_LIMITED), and flat memory: the mean RSS of each process over the last
 *     third of the minutes at most 10 % above its mean over the middle third (the first third is
 *     warm-up: JIT, page cache, the JVM's heap growing to its working size).
 * Not part of CI. Options: --minutes m (SOAK_MINUTES, default 10), --clients n (16),
 * --write-every n (10), --rate-limit n (RATE_LIMIT_PER_MINUTE of the server, default 0: off, as
 * the point is saturation). Figures go to bench/results/soak.json too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { ensureNeo4jJars, startEmbeddedNeo4j } from '../src/db/embedded';
import { freePort, rssKb, spawnServer, waitUntilReady } from '../test/support/server-process';
import { analystMix, errorCodes, LIMIT_CODES, Operation } from '../test/reliability/workload';

const root = path.resolve(__dirname, '..');
const CURATOR = 'soak-curator-0123456789abcdef';
/** The seed's document that every soak write cites (a quote of it, verbatim). */
const SOURCE = { documentId: 'soak-doc', quote: 'a passage of the soak run' };
const EDITED = 50;
/** Mean RSS growth from the middle third to the last third of the run that still counts as flat. */
const FLAT = 0.1;
const LIMITS = new Set([...LIMIT_CODES, 'RATE_LIMITED']);

interface Args {
  minutes: number;
  clients: number;
  writeEvery: number;
  rateLimit: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { minutes: Number(process.env.SOAK_MINUTES || 10), clients: 16, writeEvery: 10, rateLimit: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = Number(argv[++i]);
    const key = { '--minutes': 'minutes', '--clients': 'clients', '--write-every': 'writeEvery', '--rate-limit': 'rateLimit' }[flag] as keyof Args | undefined;
    if (!key || !Number.isFinite(value) || value < 0 || (key !== 'rateLimit' && value <= 0)) {
      throw new Error(`soak: unknown option or bad value "${flag} ${argv[i] ?? ''}"; options: --minutes m --clients n --write-every n --rate-limit n`);
    }
    args[key] = value;
  }
  if (!(args.minutes > 0)) throw new Error(`soak: SOAK_MINUTES must be a positive number, got "${process.env.SOAK_MINUTES}"`);
  return args;
}

/** The curator's mutations, taken in turn: an edit of one of EDITED entities, or a new claim. */
function writer(): () => Operation {
  let n = 0;
  return () => {
    n++;
    if (n % 2 === 0) {
      return {
        name: 'upsertClaim',
        query: 'mutation C($input: ClaimInput!) { upsertClaim(input: $input) { id status } }',
        variables: {
          input: {
            id: `soak-claim-${process.pid}-${n}`,
            text: `Soak Co states fact ${n}.`,
            claimantId: 'soak-entity-0',
            subjectIds: [`soak-entity-${n % EDITED}`],
            propositionId: `soak-proposition-${n % 100}`,
            propositionText: `Soak proposition ${n % 100}.`,
            polarity: n % 4 === 0 ? 'DENIES' : 'AFFIRMS',
            sources: [SOURCE],
          },
        },
      };
    }
    return {
      name: 'upsertEntity',
      query: 'mutation E($input: EntityInput!) { upsertEntity(input: $input) { id version } }',
      variables: { input: { id: `soak-entity-${n % EDITED}`, kind: 'COMPANY', name: `Soak Co ${n % EDITED} (edit ${n})`, sources: [SOURCE] } },
    };
  };
}

/** p-th percentile (0..100) of sorted numbers. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function post(url: string, op: Operation, headers: Record<string, string>): Promise<{ status: number; codes: string[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query: op.query, variables: op.variables }),
  });
  return { status: res.status, codes: errorCodes(await res.text()) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig({ ...process.env, NEO4J_URI: '' });
  if (config.neo4j.mode !== 'embedded') throw new Error('unreachable');
  const dataDir = path.join(root, '.neo4j', `soak-${process.pid}`);
  await ensureNeo4jJars({ libDir: config.neo4j.libDir, pomPath: path.join(root, 'neo4j', 'pom.xml'), log: (m) => process.stderr.write(`soak: ${m}\n`) });
  const neo = await startEmbeddedNeo4j({ port: await freePort(), dataDir, libDir: config.neo4j.libDir, heap: '1g', pageCache: '256m', readyTimeoutMs: 180_000 });
  const server = await spawnServer({
    NEO4J_URI: neo.uri,
    NEO4J_PASSWORD_FILE: neo.passwordFile,
    NEO4J_PASSWORD: '',
    SEED_ON_START: 'true',
    RATE_LIMIT_PER_MINUTE: String(args.rateLimit),
    API_TOKENS: `soak:curator:${CURATOR}`,
  }).catch(async (err) => {
    await neo.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const stopAll = async () => {
    await server.stop();
    await neo.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    await waitUntilReady(server, 300_000);
    const curator = { authorization: `Bearer ${CURATOR}` };
    const setup: Operation[] = [
      {
        name: 'soak-doc',
        query: 'mutation E($input: EntityInput!) { upsertEntity(input: $input) { id } }',
        variables: { input: { id: 'soak-doc', kind: 'DOCUMENT', name: 'Soak run document', primary: false, reliability: 'LOW', url: 'https://example.org/soak', sources: [] } },
      },
    ];
    for (let k = 0; k < EDITED; k++) {
      setup.push({
        name: 'soak-entity',
        query: 'mutation E($input: EntityInput!) { upsertEntity(input: $input) { id } }',
        variables: { input: { id: `soak-entity-${k}`, kind: 'COMPANY', name: `Soak Co ${k}`, sources: [SOURCE] } },
      });
    }
    const nextWrite = writer();
    for (const op of setup) {
      // The first writes of a cold JVM may miss the time budget on a busy machine: warm-up, not soak.
      for (let attempt = 1; ; attempt++) {
        const res = await post(server.url, op, curator);
        if (res.status === 200 && res.codes.length === 0) break;
        if (attempt >= 5 || !res.codes.every((c) => c === 'QUERY_TIMEOUT')) throw new Error(`soak: setup ${op.name} failed: ${res.status} ${res.codes.join(',')}`);
      }
    }

    const reads = analystMix();
    const started = Date.now();
    const end = started + args.minutes * 60_000;
    let sent = 0;
    type Done = { at: number; ms: number; write: boolean; codes: string[] };
    let minute: Done[] = [];
    const all = { requests: 0, writes: 0, codes: {} as Record<string, number> };
    const client = async () => {
      while (Date.now() < end) {
        const n = sent++;
        const write = n % args.writeEvery === args.writeEvery - 1;
        const op = write ? nextWrite() : reads[n % reads.length]!;
        const t0 = performance.now();
        let codes: string[];
        try {
          const res = await post(server.url, op, write ? curator : {});
          codes = res.status === 200 || res.codes.length > 0 ? res.codes : [`HTTP_${res.status}`];
        } catch (err) {
          codes = [`NETWORK_${(err as { cause?: { code?: string } }).cause?.code ?? 'ERROR'}`];
        }
        minute.push({ at: Date.now(), ms: performance.now() - t0, write, codes });
      }
    };
    const rows: Record<string, unknown>[] = [];
    const report = () => {
      const done = minute;
      minute = [];
      const codes: Record<string, number> = {};
      for (const d of done) for (const c of d.codes) ((codes[c] = (codes[c] ?? 0) + 1), (all.codes[c] = (all.codes[c] ?? 0) + 1));
      all.requests += done.length;
      all.writes += done.filter((d) => d.write).length;
      const ms = done.map((d) => d.ms).sort((a, b) => a - b);
      const row = {
        minute: rows.length + 1,
        requests: done.length,
        writes: done.filter((d) => d.write).length,
        errors: codes,
        p50ms: Math.round(percentile(ms, 50)),
        p99ms: Math.round(percentile(ms, 99)),
        serverRssMb: Math.round(rssKb(server.pid) / 1024),
        neo4jRssMb: Math.round(rssKb(neo.pid) / 1024),
      };
      rows.push(row);
      process.stdout.write(`soak: ${JSON.stringify(row)}\n`);
    };
    const timer = setInterval(report, 60_000);
    await Promise.all(Array.from({ length: args.clients }, client));
    clearInterval(timer);
    if (minute.length > 0 && rows.length < Math.ceil(args.minutes)) report();

    const third = Math.max(1, Math.floor(rows.length / 3));
    const middle = rows.slice(third, rows.length - third);
    const last = rows.slice(rows.length - third);
    const growth = (key: 'serverRssMb' | 'neo4jRssMb') => {
      const before = mean((middle.length > 0 ? middle : rows.slice(0, 1)).map((r) => r[key] as number));
      return mean(last.map((r) => r[key] as number)) / before - 1;
    };
    const unexpected = Object.entries(all.codes).filter(([c]) => !LIMITS.has(c));
    const flat = { server: growth('serverRssMb'), neo4j: growth('neo4jRssMb') };
    const pass = unexpected.length === 0 && flat.server <= FLAT && flat.neo4j <= FLAT;
    const [load1, load5, load15] = (await import('node:os')).loadavg();
    const summary = {
      at: new Date(started).toISOString(),
      args,
      seconds: Math.round((Date.now() - started) / 1000),
      requests: all.requests,
      writes: all.writes,
      perSecond: Math.round(all.requests / ((Date.now() - started) / 1000)),
      errorsByCode: all.codes,
      rssGrowth: { server: Number(flat.server.toFixed(3)), neo4j: Number(flat.neo4j.toFixed(3)) },
      loadAverage: [load1, load5, load15].map((l) => Number(l!.toFixed(1))),
      cores: (await import('node:os')).cpus().length,
      pass,
      minutes: rows,
    };
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', 'soak.json'), `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(
      `soak: ${pass ? 'PASS' : 'FAIL'}: ${all.requests} requests (${all.writes} writes) in ${summary.seconds} s, ` +
        `errors ${JSON.stringify(all.codes)}${unexpected.length ? ` (not limits: ${unexpected.map(([c]) => c).join(', ')})` : ''}, ` +
        `RSS growth server ${(flat.server * 100).toFixed(1)} %, Neo4j ${(flat.neo4j * 100).toFixed(1)} % (flat: at most ${FLAT * 100} %), ` +
        `load average ${summary.loadAverage.join(' ')} on ${summary.cores} cores\n`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    await stopAll();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
