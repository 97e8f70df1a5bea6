/**
 * Issue 12 item 3: how an operator stops `npm start`, with requests in flight, against the real
 * process tree (npm, node, the embedded Neo4j's JVM), each run with its own data folder and ports:
 *   - SIGTERM to npm's pid (what `kill` and container runtimes send) reaches the server;
 *   - Ctrl-C (SIGINT to the terminal's foreground process group) reaches the server but not the
 *     JVM, which runs in its own group and is stopped by the server after the drain.
 * In both, every request in flight gets its whole answer, then every process of the tree exits.
 */
import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startLoad, Outcome } from './workload';
import { freePort, heldRequest, NOT_ACCEPTED, pollUntil, postAccepted, recordFigures, statusOf } from '../support/server-process';

const root = path.resolve(__dirname, '..', '..');
const ENTITY = '{ entity(id: "clearview-ai") { name } }';
const figures: Record<string, unknown> = {};
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(root, '.neo4j', 'signals-'));
});
/** Every `npm start` of this file: a test that fails midway must not leave its tree (and the JVM holding dataDir) behind for the next. */
const started: ChildProcess[] = [];
afterEach(() => {
  for (const npm of started.splice(0)) {
    // The whole tree at once: the JVM's parent is the server, so once that is gone it is no longer found below npm.
    for (const pid of tree(npm.pid!).filter(running)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
});
afterAll(() => {
  recordFigures('signals', figures);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Fields of /proc/<pid>/stat after the command name: state, ppid, pgrp, ...; null once gone. */
function stat(pid: number): { state: string; ppid: number; pgrp: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid, pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return null;
  }
}

/** Running (not exited, not a zombie waiting to be reaped). */
const running = (pid: number) => {
  const s = stat(pid);
  return s !== null && s.state !== 'Z';
};

/** `pid` and every process below it, from /proc. */
function tree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const walk = (p: number) => (out.push(p), (children.get(p) ?? []).forEach(walk));
  walk(pid);
  return out;
}

const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

/**
 * `npm start` as a terminal runs it: the leader of a process group of its own (the foreground
 * group that Ctrl-C signals), with its own ports and data folder; resolves once /readyz is 200.
 */
async function npmStart(terminal = false): Promise<{ npm: ChildProcess; base: string; exited: Promise<unknown>; output: () => string }> {
  const [port, bolt] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NEO4J_EMBEDDED_PORT: String(bolt),
    NEO4J_DATA_DIR: dataDir,
    NEO4J_HEAP: '512m',
    NEO4J_PAGECACHE: '64m',
    LOG_LEVEL: 'info',
  };
  delete env.NEO4J_URI; // the embedded Neo4j, not the run's
  // A terminal's shell has no NODE_ENV=test (Jest's), which changes what libraries do on signals.
  if (terminal) delete env.NODE_ENV;
  const npm = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(npm);
  let output = '';
  npm.stdout!.on('data', (d) => (output += d));
  npm.stderr!.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => npm.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  await pollUntil('npm start to be ready', async () => ((await statusOf(`${base}/readyz`)) === 200 ? true : undefined), 240_000, 250);
  return { npm, base, exited, output: () => output };
}

const ok = (o: { status: number; body: string }) => o.status === 200 && JSON.parse(o.body).data?.entity?.name === 'Clearview AI';

/** Signals a running `npm start` under load with requests held in flight, and checks the whole stop. */
async function stopUnderLoad(how: 'SIGTERM to npm' | 'Ctrl-C') {
  const { npm, base, exited, output } = await npmStart();
  const pids = tree(npm.pid!);
  const java = pids.find((p) => /\bLauncher\b/.test(cmdline(p)));
  // `npm start` runs the compiled server (dist/main.js), not ts-node.
  const server = pids.find((p) => /dist\/main\.js/.test(cmdline(p)));
  expect(java).toBeDefined();
  expect(server).toBeDefined();
  // The JVM is out of the terminal's foreground group; the server is in it.
  expect(stat(java!)!.pgrp).not.toBe(npm.pid);
  expect(stat(server!)!.pgrp).toBe(npm.pid);

  const load = startLoad(`${base}/graphql`, 4, postAccepted, [{ name: 'entity', query: ENTITY }]);
  await pollUntil('20 answers before the signal', async () => (load.outcomes.filter((o) => o.status === 200).length >= 20 ? true : undefined), 60_000);
  const held = await Promise.all(Array.from({ length: 4 }, () => heldRequest(`${base}/graphql`, ENTITY)));

  const signalledAt = Date.now();
  if (how === 'Ctrl-C') process.kill(-npm.pid!, 'SIGINT');
  else process.kill(npm.pid!, 'SIGTERM');
  await pollUntil('new connections refused', async () => ((await statusOf(`${base}/healthz`)) === 0 ? true : undefined), 10_000);
  const heldAnswers = await Promise.all(held.map((h) => h.finish()));
  await exited;
  const outcomes: Outcome[] = await load.stop();
  const left = await pollUntil('every process of the tree to exit', async () => (pids.some(running) ? undefined : pids.filter(running)), 60_000, 200);

  expect(heldAnswers.filter((a) => !ok(a))).toEqual([]);
  // Every request got a whole, successful answer, or was never taken by the server (refused):
  // none that the server had was reset, cut or answered with an error.
  expect(outcomes.filter((o) => !(o.status === 200 && o.codes.length === 0) && !(o.status === 0 && NOT_ACCEPTED.has(o.failure!)))).toEqual([]);
  expect(left).toEqual([]);
  expect(output()).toMatch(/"msg":"stopped"/);
  figures[how] = {
    processes: pids.length,
    heldInFlight: heldAnswers.length,
    requests: outcomes.length,
    answered: outcomes.filter((o) => o.status === 200).length,
    inFlightAtSignal: outcomes.filter((o) => o.startedAt < signalledAt && o.endedAt > signalledAt).length + heldAnswers.length,
    stoppedMs: Date.now() - signalledAt,
  };
}

/**
 * Ctrl-C after a subscription's event stream (graphql-sse, /graphql/stream) was opened and ended:
 * Apollo's own signal handlers once stopped the server a second time, concurrently with main.ts,
 * and the two stops waited on each other until SHUTDOWN_GRACE_MS; the process then exited 1 and
 * left its JVM running.
 */
async function stopAfterStream() {
  const { npm, base, exited, output } = await npmStart(true);
  const pids = tree(npm.pid!);
  const stream = new AbortController();
  const res = await fetch(`${base}/graphql/stream?query=${encodeURIComponent('subscription { changes { cursor } }')}`, { headers: { accept: 'text/event-stream' }, signal: stream.signal });
  expect(res.status).toBe(200);
  stream.abort();
  await res.body?.cancel().catch(() => undefined);
  process.kill(-npm.pid!, 'SIGINT');
  await exited;
  const left = await pollUntil('every process of the tree to exit', async () => (pids.some(running) ? undefined : pids.filter(running)), 60_000, 200);
  expect(left).toEqual([]);
  expect(output()).toMatch(/"msg":"stopped"/);
  expect(output()).not.toMatch(/shutdown took too long/);
}

describe('stopping `npm start` with requests in flight', () => {
  it('SIGTERM to the npm process reaches the server: requests in flight finish, then npm, node and the JVM all exit', () => stopUnderLoad('SIGTERM to npm'), 300_000);

  it('Ctrl-C (SIGINT to the foreground process group) does not reach the JVM: requests in flight finish, then everything exits', () => stopUnderLoad('Ctrl-C'), 300_000);

  it('Ctrl-C after a subscription stream ended: the server stops once, with its JVM', () => stopAfterStream(), 300_000);
});
