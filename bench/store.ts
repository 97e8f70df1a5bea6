/**
 * A Neo4j loaded with the generated graph of one size: its own embedded Neo4j in
 * .neo4j/bench-<size>, seeded through the project's seeder in a child process (measured): by
 * default as a first load through the import tool (src/seed/bulk-import.ts), with
 * `firstLoad: 'transactions'` through the seeder's transactions into the running Neo4j; or
 * reused when a stamp says the store holds this generator version's graph of this size.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { connect } from '../src/db/connect';
import { ensureNeo4jJars, startEmbeddedNeo4j } from '../src/db/embedded';
import { generate, Generated, GENERATOR_VERSION } from './generate';
import { freePort } from '../test/support/free-port';

/** How the store was loaded: measured now, or the measurement stamped when it was loaded. */
export interface SeedInfo {
  measured: boolean;
  at: string;
  nodes: number;
  relationships: number;
  elements: number;
  ms: number;
  msWithIndexes: number;
  elementsPerSec: number;
  seederPeakRssMb: number;
  neo4jPeakRssMb: number | null;
  /** The seeder's bulk mode: rows per transaction (null: one transaction). */
  commitEvery: number | null;
  /**
   * How the empty store was loaded: 'import' (neo4j-admin database import into the stopped store,
   * then schema, standings and audit once it runs; `ms` leaves out the JVM's start, `startMs`) or
   * 'transactions' (the seeder's writes into the running Neo4j). Absent in stamps from before.
   */
  firstLoad?: 'import' | 'transactions';
  /** Import only: validation, CSV and the import tool, before Neo4j starts. */
  importMs?: number;
  /** Import only: the JVM's start on the imported store (not in `ms`). */
  startMs?: number;
  /** Time per Cypher statement of the seeder. */
  statements: Record<string, { calls: number; ms: number }>;
  /**
   * CPU seconds spent while seeding, by the seeder process (validation, comparison, packing the
   * rows) and by Neo4j (null on an external one): what bounds elements/s on a machine of few cores.
   */
  cpuSeconds?: { seeder: number; neo4j: number | null };
}

/** A running, loaded Neo4j. */
export interface Store {
  uri: string;
  /** How a child process logs in to it: NEO4J_PASSWORD_FILE of the embedded store, or this process's own settings. */
  credentials: Record<string, string>;
  heap: string;
  pageCache: string;
  seed: SeedInfo;
  generated: Generated;
  /** Peak RSS of the Neo4j JVM so far, MiB (null for an external Neo4j). */
  neo4jPeakRssMb(): number | null;
  /** CPU seconds the Neo4j process has used so far (null for an external one). */
  neo4jCpuSeconds(): number | null;
  stop(): Promise<void>;
}

const ROOT = loadConfig({}).rootDir;
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSecondsOf(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; in clock ticks (100/s on Linux).
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMb(pid: number): number | null {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}

/** Memory of the bench Neo4j by size; the machine is shared, so no more than the size needs. */
function memoryFor(size: number): { heap: string; pageCache: string; seederHeapMb: number } {
  if (size >= 500_000) return { heap: '4g', pageCache: '3g', seederHeapMb: 10_240 };
  if (size >= 50_000) return { heap: '3g', pageCache: '1g', seederHeapMb: 4096 };
  return { heap: '1g', pageCache: '256m', seederHeapMb: 2048 };
}

/** The generated JSON of a size, from bench/results/tmp/gen-<size>, made again only if stale. */
function generated(size: number): Generated {
  const dir = path.join(ROOT, 'bench', 'results', 'tmp', `gen-${size}`);
  const meta = path.join(dir, 'generated.json');
  if (fs.existsSync(meta)) {
    const g = JSON.parse(fs.readFileSync(meta, 'utf8'));
    if (g.version === GENERATOR_VERSION && g.size === size) return g as Generated;
  }
  const started = Date.now();
  const g = generate(size, dir);
  log(`generated ${g.nodes} nodes and ${g.relationships} relationships into ${path.relative(ROOT, dir)} in ${Date.now() - started} ms`);
  return g;
}

/**
 * Seeds `g` with the project's seeder, in a child process: into the Neo4j at `target.uri`, or
 * (`target.importInto`) as a first load through the import tool into that data dir.
 */
async function seed(
  target: { uri: string } | { importInto: string; heap: string; pageCache: string },
  credentials: Record<string, string>,
  g: Generated,
  seederHeapMb: number,
  commitEvery: number | null,
  profile: boolean,
): Promise<Omit<SeedInfo, 'neo4jPeakRssMb'>> {
  const prof = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, 'bench', 'results', 'tmp', 'prof')}`] : [];
  const mode = 'uri' in target ? [target.uri, g.dir, String(commitEvery ?? '')] : ['--import', target.importInto, g.dir, target.heap, target.pageCache];
  const child = spawn(
    process.execPath,
    [...prof, `--max-old-space-size=${seederHeapMb}`, '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'seed-child.ts'), ...mode],
    { stdio: ['ignore', 'pipe', 'inherit'], cwd: ROOT, env: { ...process.env, ...credentials } },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`seeding failed (exit ${code})`);
  const r = JSON.parse(out.trim().split('\n').pop()!);
  if (r.problems.length > 0) throw new Error(`the generated seed has problems:\n${r.problems.join('\n')}`);
  const elements = g.nodes + g.relationships;
  return {
    measured: true,
    at: new Date().toISOString(),
    nodes: g.nodes,
    relationships: g.relationships,
    elements,
    ms: Math.round(r.ms),
    msWithIndexes: Math.round(r.msWithIndexes),
    elementsPerSec: Math.round(elements / (r.ms / 1000)),
    seederPeakRssMb: r.peakRssMb,
    commitEvery: 'uri' in target ? commitEvery : null,
    firstLoad: 'uri' in target ? 'transactions' : 'import',
    ...('uri' in target ? {} : { importMs: Math.round(r.importMs), startMs: Math.round(r.startMs) }),
    statements: Object.fromEntries(Object.entries(r.statements as SeedInfo['statements']).map(([k, v]) => [k, { calls: v.calls, ms: Math.round(v.ms) }])),
    cpuSeconds: { seeder: r.cpuSeconds, neo4j: null },
  };
}

/**
 * Starts (and if needed loads) the Neo4j of one size. With `externalUri` the given Neo4j is
 * wiped and loaded instead (the smoke test's), and nothing is stamped.
 */
export async function openStore(
  size: number,
  opts: { externalUri?: string; reseed?: boolean; commitEvery: number | null; profileSeeder?: boolean; firstLoad?: 'import' | 'transactions' },
): Promise<Store> {
  const g = generated(size);
  const mem = memoryFor(size);
  if (opts.externalUri) {
    const credentials = Object.fromEntries(
      ['NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_PASSWORD_FILE'].flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])),
    );
    const conn = await connect(loadConfig({ NEO4J_URI: opts.externalUri, LOG_LEVEL: 'silent', ...credentials }), () => undefined);
    await conn.db.write('admin/wipe');
    await conn.close();
    const s = await seed({ uri: opts.externalUri }, credentials, g, mem.seederHeapMb, opts.commitEvery, !!opts.profileSeeder);
    return { uri: opts.externalUri, credentials, heap: '?', pageCache: '?', seed: { ...s, neo4jPeakRssMb: null }, generated: g, neo4jPeakRssMb: () => null, neo4jCpuSeconds: () => null, stop: async () => {} };
  }

  const dataDir = path.join(ROOT, '.neo4j', `bench-${size}`);
  const stampFile = `${dataDir}.stamp.json`;
  const stamp = fs.existsSync(stampFile) ? JSON.parse(fs.readFileSync(stampFile, 'utf8')) : null;
  const reuse = !opts.reseed && stamp?.generatorVersion === GENERATOR_VERSION && stamp?.size === size && fs.existsSync(dataDir);
  if (!reuse) {
    fs.rmSync(stampFile, { force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const libDir = path.join(ROOT, '.neo4j', 'lib');
  await ensureNeo4jJars({ libDir, pomPath: path.join(ROOT, 'neo4j', 'pom.xml'), log });
  let imported: SeedInfo | undefined;
  if (!reuse && opts.firstLoad !== 'transactions') {
    log(`loading ${g.nodes + g.relationships} elements into the empty store through the import tool (the seeder validates first)`);
    const s = await seed({ importInto: dataDir, heap: mem.heap, pageCache: mem.pageCache }, {}, g, mem.seederHeapMb, null, !!opts.profileSeeder);
    imported = { ...s, neo4jPeakRssMb: null };
    fs.writeFileSync(stampFile, JSON.stringify({ generatorVersion: GENERATOR_VERSION, size, seed: imported }, null, 1));
    log(`loaded in ${(s.ms / 1000).toFixed(1)} s (import tool ${((s.importMs ?? 0) / 1000).toFixed(1)} s; Neo4j's start ${((s.startMs ?? 0) / 1000).toFixed(1)} s besides): ${s.elementsPerSec} elements/s`);
  }
  const neo = await startEmbeddedNeo4j({
    port: await freePort(),
    dataDir,
    libDir,
    heap: mem.heap,
    pageCache: mem.pageCache,
    readyTimeoutMs: 600_000,
  });
  log(`Neo4j for ${size} nodes at ${neo.uri} (heap ${mem.heap}, page cache ${mem.pageCache}, ${imported ? 'the imported store' : reuse ? 'reusing the loaded store' : 'empty store'})`);
  try {
    let info: SeedInfo;
    if (imported) {
      info = imported;
    } else if (reuse) {
      info = { ...stamp.seed, measured: false };
    } else {
      log(`seeding ${g.nodes + g.relationships} elements through the project's seeder`);
      const cpu0 = cpuSecondsOf(neo.pid);
      const s = await seed({ uri: neo.uri }, { NEO4J_PASSWORD_FILE: neo.passwordFile }, g, mem.seederHeapMb, opts.commitEvery, !!opts.profileSeeder);
      info = { ...s, neo4jPeakRssMb: peakRssMb(neo.pid), cpuSeconds: { seeder: s.cpuSeconds!.seeder, neo4j: +(cpuSecondsOf(neo.pid) - cpu0).toFixed(1) } };
      fs.writeFileSync(stampFile, JSON.stringify({ generatorVersion: GENERATOR_VERSION, size, seed: info }, null, 1));
      log(`seeded in ${(s.ms / 1000).toFixed(1)} s: ${s.elementsPerSec} elements/s, seeder peak RSS ${s.seederPeakRssMb} MiB`);
    }
    return {
      uri: neo.uri,
      credentials: { NEO4J_PASSWORD_FILE: neo.passwordFile },
      heap: mem.heap,
      pageCache: mem.pageCache,
      seed: info,
      generated: g,
      neo4jPeakRssMb: () => peakRssMb(neo.pid),
      neo4jCpuSeconds: () => cpuSecondsOf(neo.pid),
      stop: () => neo.stop(),
    };
  } catch (err) {
    await neo.stop();
    throw err;
  }
}
