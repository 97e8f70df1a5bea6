/**
 * The real server (src/main.ts) as a child process, for what only a process shows: exit codes,
 * signals, log lines, memory. Also deadline polling, an extra Neo4j that a test may kill, and
 * the figures file the reliability suite reports in.
 */
import { spawn, ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { loadConfig, PASSWORD_FILE_NAME } from '../../src/config';
import { startEmbeddedNeo4j, EmbeddedNeo4j } from '../../src/db/embedded';
import { readOrCreatePassword } from '../../src/db/password';
import { freePort } from './free-port';

const root = path.resolve(__dirname, '..', '..');

/** A pino log line of the child. */
export type LogLine = { level: number; msg: string; [k: string]: unknown };

/** A running src/main.ts. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  base: string;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** Every JSON log line so far. */
  logs: LogLine[];
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the first log line (past or future) that matches, or rejects at the deadline. */
  waitForLog(match: (l: LogLine) => boolean, timeoutMs: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resident set size of the process now, in KiB (from /proc). */
  rssKb(): number;
  /** Sends SIGTERM (once) and waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export { freePort } from './free-port';

/**
 * Calls `probe` every `everyMs` until it returns something other than undefined, and returns
 * that; rejects with `what` once `timeoutMs` has passed. Readiness is always awaited this way,
 * never by sleeping.
 */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Status of GET `url`, or 0 when the connection fails. */
export async function statusOf(url: string): Promise<number> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** RSS of a process in KiB, from /proc/<pid>/status (Linux). */
export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

/**
 * How to start the server: from source under ts-node (tests, `npm run dev`), or exactly as the
 * README says, `npm start` (builds dist/ if stale, then runs the compiled dist/main.js).
 */
export type StartCommand = 'source' | 'npm-start';

function startCommand(how: StartCommand): [string, string[]] {
  if (how === 'source') return [process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'src/main.ts')]];
  // npm from the same Node installation as the test run; `exec` in the start script makes the
  // server replace npm's shell, and npm forwards SIGTERM to it.
  return [path.join(path.dirname(process.execPath), 'npm'), ['start', '--silent']];
}

/**
 * Spawns the server (src/main.ts unless `how` says `npm start`) with `env` over the test
 * environment (LOG_LEVEL info, PORT 0 unless given) and resolves once it logs that HTTP listens.
 * Rejects with its stderr if it exits first.
 */
export async function spawnServer(env: Record<string, string>, startTimeoutMs = 60_000, how: StartCommand = 'source'): Promise<ServerProcess> {
  const [command, args] = startCommand(how);
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  readline.createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text);
    } catch {
      line = { level: 30, msg: text };
    }
    logs.push(line);
    for (const w of [...waiters]) if (w.match(line)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(line));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const waitForLog = (match: (l: LogLine) => boolean, timeoutMs: number) => {
    const seen = logs.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
      waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      void exited.then(({ code }) => (clearTimeout(timer), reject(new Error(`server exited (${code}) before the log line; stderr: ${stderr}`))));
    });
  };
  const listening = await waitForLog((l) => typeof l.port === 'number' && /HTTP listening/.test(l.msg), startTimeoutMs);
  const port = listening.port as number;
  let stopping: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  return {
    child,
    pid: child.pid!,
    port,
    base: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/graphql`,
    logs,
    stderr: () => stderr,
    waitForLog,
    exited,
    rssKb: () => rssKb(child.pid!),
    stop: () => (stopping ??= (child.exitCode === null && child.signalCode === null && child.kill('SIGTERM'), exited)),
  };
}

/** Resolves once /readyz answers 200; returns how long that took. */
export async function waitUntilReady(server: ServerProcess, timeoutMs: number): Promise<number> {
  const started = Date.now();
  await pollUntil('/readyz 200', async () => ((await statusOf(`${server.base}/readyz`)) === 200 ? true : undefined), timeoutMs);
  return Date.now() - started;
}

/** A Neo4j of the test's own on a fixed port and data folder, so it can be killed and started again as the same database. */
export interface KillableNeo4j {
  port: number;
  uri: string;
  dataDir: string;
  /** Its password file, there before the first start: a server's NEO4J_PASSWORD_FILE. */
  passwordFile: string;
  current: EmbeddedNeo4j | null;
  start(): Promise<EmbeddedNeo4j>;
  /** SIGKILL, as a crash: no clean shutdown. */
  kill(): Promise<void>;
  /** Stops it (if running) and removes its data folder. */
  dispose(): Promise<void>;
}

/** Prepares (does not start) a Neo4j on a free port with a fresh folder under .neo4j/. */
export async function killableNeo4j(name: string): Promise<KillableNeo4j> {
  const config = loadConfig({ ...process.env, NEO4J_URI: '' });
  if (config.neo4j.mode !== 'embedded') throw new Error('unreachable');
  const { libDir } = config.neo4j;
  const port = await freePort();
  const dataDir = path.join(root, '.neo4j', `reliability-${name}-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const passwordFile = path.join(dataDir, PASSWORD_FILE_NAME);
  readOrCreatePassword(passwordFile);
  const neo: KillableNeo4j = {
    port,
    uri: `bolt://127.0.0.1:${port}`,
    dataDir,
    passwordFile,
    current: null,
    start: async () => {
      neo.current = await startEmbeddedNeo4j({ port, dataDir, libDir, heap: '512m', pageCache: '64m', readyTimeoutMs: 120_000 });
      return neo.current;
    },
    kill: async () => {
      const running = neo.current;
      if (!running) return;
      process.kill(running.pid, 'SIGKILL');
      await running.exited;
      neo.current = null;
    },
    dispose: async () => {
      await neo.current?.stop();
      neo.current = null;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return neo;
}

/** Where the suite's figures go; test/reliability/summary-reporter.js prints them at the end. */
export const FIGURES_FILE = path.join(root, 'test', 'artifacts', 'reliability.json');

/** Merges one suite's figures into {@link FIGURES_FILE} under `section`. */
export function recordFigures(section: string, figures: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  const all = fs.existsSync(FIGURES_FILE) ? JSON.parse(fs.readFileSync(FIGURES_FILE, 'utf8')) : {};
  all[section] = figures;
  fs.writeFileSync(FIGURES_FILE, `${JSON.stringify(all, null, 2)}\n`);
}

/** POSTs on a connection of its own, so that a refused connection means the server refused it. */
export function postFreshConnection(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', accept: 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', (err) => reject(Object.assign(new Error(err.message), { cause: err })));
    req.end(body);
  });
}

/**
 * Failures of {@link postAccepted} that mean the server never took the request: the connection
 * was refused, or reset before the server had read the request's headers (a connection still in
 * the kernel's accept queue when the listener closes is reset by the kernel, unseen by the
 * server). Anything else that ends without an answer is a failed request.
 */
export const NOT_ACCEPTED = new Set(['ECONNREFUSED', 'NOT_ACCEPTED']);

/**
 * POSTs on a connection of its own with `Expect: 100-continue`: the server's "100 Continue" says
 * it has the request, and only then is the body sent. So a failure tells whether the request was
 * ever in flight (see NOT_ACCEPTED).
 */
export function postAccepted(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let accepted = false;
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.once('continue', () => {
      accepted = true;
      req.end(body);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const code = accepted ? err.code : err.code === 'ECONNREFUSED' ? 'ECONNREFUSED' : 'NOT_ACCEPTED';
      reject(Object.assign(new Error(err.message), { cause: { code } }));
    });
    req.flushHeaders();
  });
}

/**
 * A request that the server has begun (it answered "100 Continue" to its headers) but whose body
 * is still to come: in flight by construction until `finish` sends the rest and awaits the answer.
 */
export async function heldRequest(url: string, query: string): Promise<{ finish(): Promise<{ status: number; body: string }> }> {
  const body = JSON.stringify({ query });
  const req = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  answer.catch(() => undefined); // awaited by finish(); an early failure must not go unhandled
  await new Promise<void>((resolve) => {
    req.once('continue', () => resolve());
    req.flushHeaders();
  });
  req.write(body.slice(0, 10));
  return {
    finish: () => {
      req.end(body.slice(10));
      return answer;
    },
  };
}
