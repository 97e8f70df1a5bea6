/**
 * `npm run bench`: this server against @neo4j/graphql and the raw driver, over the same Neo4j
 * and generated graph, size by size. Each system is its own child process; the load generator
 * (autocannon) runs here. Same concurrency and duration for all; a warm-up pass over every query
 * and system first, then a short warm-up before each measurement; systems in alternating order. Writes bench/results/<size>.json and prints a table per size and
 * the closing line.
 *
 *   npm run bench                                  10k and 100k nodes
 *   npm run bench -- --size 1000000                the large size
 *   npm run bench -- --size 500 --duration 1       smoke run (results in bench/results/tmp/)
 *
 * Options: --size N (repeatable), --rounds n (2), --duration s per round (3), --warmup s (1) before each cell,
 * --first-warmup s (5) per query and system before anything is measured, --connections n (8),
 * --queries a,b (a subset), --reseed (load again even if the stamp matches), --profile-seeder
 * (the seeder child writes a --cpu-prof profile to bench/results/tmp/prof),
 * --seed-only (load each size afresh and report the seeding, nothing else),
 * --commit-every N (the seeder's bulk mode, rows per transaction; default 50000; 0: one transaction), --neo4j-uri bolt://… (wipe and use that Neo4j instead),
 * --first-load import|transactions (how an empty store is loaded: through neo4j-admin database import, the default, or the
 * seeder's transactions into the running Neo4j, as before; --commit-every applies to the latter).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { WORKLOAD, BenchQuery } from './workload';
import { openStore, SeedInfo, Store } from './store';

/**
 * The systems under test: ours, ours with its response cache (RESPONSE_CACHE_MB; the targets are
 * measured without it), the library, the raw driver.
 */
export const SYSTEMS = ['ours', 'ours-cached', 'library', 'raw'] as const;

/** How the tables name a system. */
const SHOWN: Record<string, string> = { ours: 'ours', 'ours-cached': 'ours, cached', library: '@neo4j/graphql', raw: 'raw' };

/** Our server, with or without its response cache. */
const isOurs = (s: string): boolean => s === 'ours' || s === 'ours-cached';
type System = (typeof SYSTEMS)[number];

/** One measured cell of a table. */
export interface Cell {
  query: string;
  system: System;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  cypherPerRequest: number;
  /** CPU time (user + system) the server process spent per completed request, ms: less sensitive to a busy machine than req/s. */
  cpuMsPerRequest: number;
  /** CPU time Neo4j spent per completed request, ms (NaN for an external Neo4j): with the server's, what one request costs the machine. */
  neo4jCpuMsPerRequest: number;
}

interface Args {
  sizes: number[];
  rounds: number;
  duration: number;
  warmup: number;
  firstWarmup: number;
  connections: number;
  queries: string[] | null;
  reseed: boolean;
  profileSeeder: boolean;
  profileOurs: boolean;
  /** Only load the store (always afresh) and report the seeding: no servers, no load. */
  seedOnly: boolean;
  commitEvery: number | null;
  firstLoad: 'import' | 'transactions';
  neo4jUri?: string;
  oursFrom: OursFrom;
}

/** Where our server runs from: compiled dist/ (as `npm start`), or src/ under ts-node (as tests and `npm run dev`). */
type OursFrom = 'dist' | 'source';

const ROOT = path.resolve(__dirname, '..');
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [], rounds: 2, duration: 3, warmup: 1, firstWarmup: 5, connections: 8, queries: null, reseed: false, profileSeeder: false, profileOurs: false, seedOnly: false, commitEvery: 50_000, firstLoad: 'import', oursFrom: 'dist' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const num = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number`);
      return n;
    };
    if (flag === '--size') args.sizes.push(...value().split(',').map(Number));
    else if (flag === '--duration') args.duration = num();
    else if (flag === '--rounds') args.rounds = num();
    else if (flag === '--warmup') args.warmup = Number(value());
    else if (flag === '--first-warmup') args.firstWarmup = Number(value());
    else if (flag === '--connections') args.connections = num();
    else if (flag === '--queries') args.queries = value().split(',');
    else if (flag === '--reseed') args.reseed = true;
    else if (flag === '--profile-seeder') args.profileSeeder = true;
    else if (flag === '--profile-ours') args.profileOurs = true;
    else if (flag === '--seed-only') args.seedOnly = args.reseed = true;
    else if (flag === '--commit-every') args.commitEvery = Number(value()) || null;
    else if (flag === '--neo4j-uri') args.neo4jUri = value();
    else if (flag === '--first-load') {
      const how = value();
      if (how !== 'import' && how !== 'transactions') throw new Error('--first-load must be import or transactions');
      args.firstLoad = how;
    }
    else if (flag === '--ours-from') {
      const from = value();
      if (from !== 'dist' && from !== 'source') throw new Error('--ours-from must be dist or source');
      args.oursFrom = from;
    }
    else throw new Error(`unknown option ${flag}`);
  }
  if (args.sizes.length === 0) args.sizes = [10_000, 100_000];
  if (args.sizes.some((s) => !Number.isInteger(s) || s < 100)) throw new Error('--size must be a whole number of at least 100');
  return args;
}

/** A server child: ours, the library's, or the raw one. */
interface Child {
  system: System;
  url: string;
  proc: ChildProcess;
  stats(msg: 'stats' | 'reset'): Promise<{ statements: number; cpuUs: number }>;
}

/**
 * The command line of a server child. Ours is the real entry point as `npm start` runs it
 * (compiled dist/main.js; src/main.ts under ts-node with `--ours-from source`) with the probe
 * preloaded; the library's and the raw server are bench code under ts-node.
 */
function childArgs(system: System, uri: string, oursFrom: OursFrom, profile: boolean): string[] {
  if (!isOurs(system)) return ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'servers', `${system}.ts`), uri];
  const prof = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, 'bench', 'results', 'tmp', 'prof')}`] : [];
  const probe = [...prof, '-r', path.join(__dirname, 'servers', 'ours-probe.js')];
  if (oursFrom === 'dist') return [...probe, path.join(ROOT, 'dist', 'main.js')];
  return ['-r', 'ts-node/register/transpile-only', ...probe, path.join(ROOT, 'src', 'main.ts')];
}

function startChild(system: System, uri: string, credentials: Record<string, string>, oursFrom: OursFrom, profile = false): Promise<Child> {
  // No rate limit: the bench is the flood it would refuse. No 10 s time budget either: the raw
  // server and the library have none, and on a busy machine Neo4j's first planning of a statement
  // alone can take longer (measured: 4–14 s for relationship/of-entities at load average 26).
  const env: NodeJS.ProcessEnv = { NEO4J_URI: uri, ...credentials, PORT: '0', LOG_LEVEL: 'warn', SEED_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '0', QUERY_TIMEOUT_MS: '120000', ...(system === 'ours-cached' ? { RESPONSE_CACHE_MB: '64' } : {}) };
  const proc = spawn(process.execPath, childArgs(system, uri, oursFrom, profile), {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${system} server did not start within 120 s`)), 120_000);
    proc.once('exit', (code) => reject(new Error(`${system} server exited with ${code} before it was ready`)));
    proc.once('message', (m: any) => {
      clearTimeout(timer);
      const base = `http://127.0.0.1:${m.ready}`;
      resolve({
        system,
        url: system === 'raw' ? `${base}/q/` : `${base}/graphql`,
        proc,
        stats: (msg) =>
          new Promise((res) => {
            proc.once('message', (r: any) => res(r.stats));
            proc.send(msg);
          }),
      });
    });
  });
}

/** The HTTP body one system gets for one query's variables. */
function body(system: System, q: BenchQuery, v: Record<string, unknown>): string | null {
  if (system === 'raw') return JSON.stringify(v);
  if (isOurs(system)) return JSON.stringify({ query: q.ours, variables: v });
  if ('cannot' in q.library) return null;
  return JSON.stringify({ query: q.library.query, variables: q.library.variables?.(v) ?? v });
}

function target(c: Child, q: BenchQuery): string {
  return c.system === 'raw' ? `${c.url}${q.name}` : c.url;
}

const CALIBRATION_REQUESTS = 4;

/**
 * Before any load, a few requests one at a time per query and system: each must answer without
 * errors; their mean response size and Cypher calls are recorded. (Counting calls during the
 * load would also count the requests still in flight when a phase ends.)
 */
async function check(children: Child[], queries: BenchQuery[], store: Store) {
  const found: Record<string, Record<string, { bytes: number; calls: number }>> = {};
  for (const q of queries) {
    found[q.name] = {};
    for (const c of children) {
      if (c.system === 'library' && 'cannot' in q.library) continue;
      let bytes = 0;
      await c.stats('reset');
      for (let i = 0; i < CALIBRATION_REQUESTS; i++) {
        const v = q.variables(store.generated.pools, () => (i + 0.5) / CALIBRATION_REQUESTS);
        const res = await fetch(target(c, q), { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(c.system, q, v)! });
        const text = await res.text();
        const json = JSON.parse(text);
        if (res.status !== 200 || json.errors) throw new Error(`${c.system} ${q.name} failed: ${text.slice(0, 500)}`);
        if (json.data === null || json.data === undefined) throw new Error(`${c.system} ${q.name} answered no data`);
        bytes += text.length;
      }
      const { statements: calls } = await c.stats('stats');
      found[q.name]![c.system] = { bytes: Math.round(bytes / CALIBRATION_REQUESTS), calls: calls / CALIBRATION_REQUESTS };
    }
  }
  return found;
}

/** Runs autocannon against one system with one query; returns the cell. */
async function load(c: Child, q: BenchQuery, store: Store, seconds: number, connections: number, seed: number): Promise<Omit<Cell, 'cypherPerRequest'> & { cpuUs: number; neo4jCpuUs: number }> {
  let state = seed >>> 0 || 1;
  const r = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  let errors = 0;
  const cpuBefore = (await c.stats('stats')).cpuUs;
  const neo4jBefore = store.neo4jCpuSeconds();
  const result = await autocannon({
    url: target(c, q),
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: body(c.system, q, q.variables(store.generated.pools, r)) }),
        onResponse: (status, resBody) => {
          if (status !== 200 || resBody.includes('"errors"')) errors++;
        },
      },
    ],
  });
  const done = result.requests.total;
  const cpuUs = (await c.stats('stats')).cpuUs - cpuBefore;
  const neo4jAfter = store.neo4jCpuSeconds();
  const neo4jCpuUs = neo4jBefore === null || neo4jAfter === null ? NaN : (neo4jAfter - neo4jBefore) * 1e6;
  return {
    query: q.name,
    system: c.system,
    rps: done / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: done,
    errors: errors + result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest: done > 0 ? cpuUs / 1000 / done : NaN,
    neo4jCpuMsPerRequest: done > 0 ? neo4jCpuUs / 1000 / done : NaN,
    cpuUs,
    neo4jCpuUs,
  };
}

function others(): string {
  const comm = (pid: string) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      return '';
    }
  };
  const names = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(comm);
  return `${names.filter((n) => n === 'java').length} java and ${names.filter((n) => n === 'node' || n.startsWith('node')).length} node processes`;
}

/** Machine facts for the README. */
function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? '?'}`,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** A markdown table of one size. */
export function table(cells: Cell[]): string {
  const lines = [
    '| query | system | req/s | p50 ms | p99 ms | errors | Cypher calls/req | server CPU ms/req | Neo4j CPU ms/req | ours ÷ this |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const q of [...new Set(cells.map((c) => c.query))]) {
    const ours = cells.find((c) => c.query === q && c.system === 'ours');
    for (const s of SYSTEMS) {
      const c = cells.find((x) => x.query === q && x.system === s);
      if (!c) {
        lines.push(`| ${q} | ${SHOWN[s]} | cannot express | | | | | | | |`);
        continue;
      }
      const ratio = ours && s !== 'ours' ? fmt(ours.rps / c.rps, 2) : '';
      lines.push(
        `| ${q} | ${SHOWN[s]} | ${fmt(c.rps)} | ${fmt(c.p50)} | ${fmt(c.p99)} | ${c.errors} | ${fmt(c.cypherPerRequest, 2)} | ${fmt(c.cpuMsPerRequest, 2)} | ${fmt(c.neo4jCpuMsPerRequest, 2)} | ${ratio} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Throughput ratios of one size: ours ÷ library (expressible queries), raw ÷ ours. */
function ratios(cells: Cell[]) {
  const rps = (q: string, s: System) => cells.find((c) => c.query === q && c.system === s)?.rps;
  const vsLibrary: Record<string, number> = {};
  const rawOverhead: Record<string, number> = {};
  for (const q of new Set(cells.map((c) => c.query))) {
    const [o, l, r] = [rps(q, 'ours'), rps(q, 'library'), rps(q, 'raw')];
    if (o && l) vsLibrary[q] = o / l;
    if (o && r) rawOverhead[q] = r / o;
  }
  return { vsLibrary, rawOverhead };
}

/** What one size's run found: the JSON written to bench/results/<size>.json. */
export interface SizeResult {
  size: number;
  graph: { nodes: number; relationships: number };
  seed: SeedInfo;
  cells: Cell[];
  ratios: ReturnType<typeof ratios>;
  [more: string]: unknown;
}

async function runSize(size: number, args: Args): Promise<SizeResult> {
  const started = Date.now();
  const store = await openStore(size, { externalUri: args.neo4jUri, reseed: args.reseed, commitEvery: args.commitEvery, profileSeeder: args.profileSeeder, firstLoad: args.firstLoad });
  const children: Child[] = [];
  try {
    children.push(...(await Promise.all(SYSTEMS.map((s) => startChild(s, store.uri, store.credentials, args.oursFrom, args.profileOurs)))));
    const queries = WORKLOAD.filter((q) => !args.queries || args.queries.includes(q.name));
    const calibration = await check(children, queries, store);
    const load0 = os.loadavg();
    const background = others();
    // Rounds: the machine is shared, so each cell is measured more than once, at different
    // moments, and systems take turns going first (the order rotates per query and reverses per round).
    // A cold JVM and page cache would make whoever runs first look slow: one pass over every
    // query and system before anything is measured.
    for (const [qi, q] of queries.entries()) {
      for (const c of children) {
        if (c.system === 'library' && 'cannot' in q.library) continue;
        // Long enough for both JVM's and V8's compilers: measured, a 1 s pass left the first
        // measured cell at a third of its later rate (lookup, ours: 185 req/s in round 1, 578 in round 2).
        if (args.firstWarmup > 0) await load(c, q, store, args.firstWarmup, args.connections, qi * 31 + 1);
      }
    }
    const rounds: (Omit<Cell, 'cypherPerRequest'> & { cpuUs: number; neo4jCpuUs: number })[][] = [];
    for (let round = 0; round < args.rounds; round++) {
      for (const [qi, q] of queries.entries()) {
        const rotated = children.map((_, i) => children[(i + qi) % children.length]!);
        for (const c of round % 2 === 0 ? rotated : rotated.reverse()) {
          if (c.system === 'library' && 'cannot' in q.library) continue;
          if (args.warmup > 0) await load(c, q, store, args.warmup, args.connections, qi * 31 + round * 7 + 3);
          const cell = await load(c, q, store, args.duration, args.connections, qi * 31 + round * 7 + 5);
          (rounds[qi * SYSTEMS.length + SYSTEMS.indexOf(c.system)] ??= []).push(cell);
          log(`${size} round ${round + 1} ${q.name} ${c.system}: ${fmt(cell.rps)} req/s, p50 ${cell.p50} ms, p99 ${cell.p99} ms, ${cell.errors} errors`);
        }
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const cells: Cell[] = rounds.filter(Boolean).map((measured) => ({
      query: measured[0]!.query,
      system: measured[0]!.system,
      rps: mean(measured.map((m) => m.rps)),
      p50: mean(measured.map((m) => m.p50)),
      p99: mean(measured.map((m) => m.p99)),
      requests: measured.reduce((n, m) => n + m.requests, 0),
      errors: measured.reduce((n, m) => n + m.errors, 0),
      // Over all rounds: a round that completed no request (a very busy machine) still counts its CPU time.
      cpuMsPerRequest: measured.reduce((n, m) => n + m.cpuUs, 0) / 1000 / Math.max(1, measured.reduce((n, m) => n + m.requests, 0)),
      neo4jCpuMsPerRequest: measured.reduce((n, m) => n + m.neo4jCpuUs, 0) / 1000 / Math.max(1, measured.reduce((n, m) => n + m.requests, 0)),
      cypherPerRequest: calibration[measured[0]!.query]![measured[0]!.system]!.calls,
    }));
    const result = {
      size,
      at: new Date().toISOString(),
      command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
      machine: machine(),
      background: { loadAvgBefore: load0.map((x) => +x.toFixed(2)), loadAvgAfter: os.loadavg().map((x) => +x.toFixed(2)), processesAtStart: background },
      neo4j: { heap: store.heap, pageCache: store.pageCache, peakRssMb: store.neo4jPeakRssMb() },
      settings: { connections: args.connections, rounds: args.rounds, durationS: args.duration, warmupS: args.warmup, firstWarmupS: args.firstWarmup, oursFrom: args.oursFrom },
      graph: { nodes: store.generated.nodes, relationships: store.generated.relationships },
      seed: store.seed,
      calibration,
      cells,
      ratios: ratios(cells),
      cannotExpress: Object.fromEntries(queries.filter((q) => 'cannot' in q.library).map((q) => [q.name, (q.library as { cannot: string }).cannot])),
      wallSeconds: Math.round((Date.now() - started) / 1000),
    };
    // Only full runs of the real sizes replace the committed results; smoke and partial runs go to tmp/.
    const partial = size < 10_000 || !!args.neo4jUri || !!args.queries;
    const dir = partial ? path.join(ROOT, 'bench', 'results', 'tmp') : path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${size}.json`), `${JSON.stringify(result, null, 1)}\n`);
    return result;
  } finally {
    for (const c of children) c.proc.kill('SIGTERM');
    await store.stop();
  }
}

/** `--seed-only`: each size loaded into an empty store, the seeding reported (both modes: run it with and without --commit-every 0). */
async function seedOnly(args: Args): Promise<void> {
  for (const size of args.sizes) {
    const store = await openStore(size, { externalUri: args.neo4jUri, reseed: true, commitEvery: args.commitEvery, profileSeeder: args.profileSeeder, firstLoad: args.firstLoad });
    await store.stop();
    const s = store.seed;
    const slowest = Object.entries(s.statements ?? {}).sort((a, b) => b[1].ms - a[1].ms).slice(0, 6).map(([k, v]) => `${k} ${fmt(v.ms)} ms/${v.calls}`);
    process.stdout.write(
      `seed ${fmt(size)} (${s.firstLoad === 'import' ? `first load through the import tool; Neo4j's start, ${fmt((s.startMs ?? 0) / 1000, 1)} s, besides` : args.commitEvery === null ? 'one transaction' : `bulk, ${fmt(args.commitEvery)} rows per transaction`}): ${fmt(s.elementsPerSec)} elements/s ` +
        `(${fmt(s.elements)} elements in ${fmt(s.ms / 1000, 1)} s, with indexes online ${fmt(s.msWithIndexes / 1000, 1)} s; seeder peak RSS ${s.seederPeakRssMb} MiB, Neo4j peak RSS ${s.neo4jPeakRssMb ?? '?'} MiB)\n` +
        `  CPU: seeder ${s.cpuSeconds?.seeder ?? '?'} s, Neo4j ${s.cpuSeconds?.neo4j ?? '?'} s (${s.cpuSeconds?.neo4j ? fmt((s.elements / (s.cpuSeconds.seeder + s.cpuSeconds.neo4j)), 0) : '?'} elements per CPU second; ${os.cpus().length} cores)\n` +
        `  slowest statements (pipelined: their times overlap): ${slowest.join(', ')}\n`,
    );
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // What `npm start` does first: bring dist/ up to date (a no-op when it is).
  if (args.oursFrom === 'dist') execFileSync(path.join(path.dirname(process.execPath), 'npm'), ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (args.seedOnly) return seedOnly(args);
  const results: SizeResult[] = [];
  for (const size of args.sizes) {
    const r = await runSize(size, args);
    results.push(r);
    const s = r.seed;
    process.stdout.write(
      `\n## ${fmt(size)} nodes (${fmt(r.graph.nodes)} nodes, ${fmt(r.graph.relationships)} relationships)\n\n${table(r.cells)}\n\n` +
        `seed: ${fmt(s.elementsPerSec)} elements/s (${fmt(s.elements)} elements in ${fmt(s.ms / 1000, 1)} s, seeder peak RSS ${s.seederPeakRssMb} MiB, ` +
        `Neo4j peak RSS ${s.neo4jPeakRssMb ?? '?'} MiB) — ${s.measured ? 'measured in this run' : `reused store, measured ${s.at}`}\n`,
    );
  }
  // The 1M run compares its lookup latency with the latest 10k result, whichever run made it.
  const small = path.join(ROOT, 'bench', 'results', '10000.json');
  const large = results.find((r) => r.size >= 1_000_000);
  if (large && fs.existsSync(small)) {
    const p50 = (r: SizeResult) => r.cells.find((c) => c.query === 'lookup' && c.system === 'ours')?.p50 ?? NaN;
    const base = JSON.parse(fs.readFileSync(small, 'utf8')) as SizeResult;
    process.stdout.write(`lookup p50 at ${fmt(large.size)}: ${p50(large)} ms vs ${p50(base)} ms at 10,000 (${(p50(large) / p50(base)).toFixed(2)}×)\n`);
  }
  const minLibrary = Math.min(...results.flatMap((r) => Object.values(r.ratios.vsLibrary)));
  const maxRaw = Math.max(...results.flatMap((r) => Object.values(r.ratios.rawOverhead)));
  const seed = Math.min(...results.map((r) => r.seed.elementsPerSec));
  process.stdout.write(`\nbench: min ratio vs @neo4j/graphql ${minLibrary.toFixed(2)}; max overhead vs raw driver ${maxRaw.toFixed(2)}; seed ${Math.round(seed)} elements/s\n`);
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
