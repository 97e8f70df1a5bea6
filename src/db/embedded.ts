/**
 * Runs a real Neo4j 5.26 (Community + APOC core) as a child JVM, from jars that Maven copies
 * out of Maven Central, because the machines have neither Docker nor a Neo4j package.
 * The Java side is neo4j/Launcher.java; its README describes the protocol this file relies on:
 * one `NEO4J_READY <uri>` line on stdout, or one `NEO4J_ERROR <text>` line on stderr.
 *
 * Configuration is passed in; this module never reads process.env (src/config.ts does).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { NEO4J_USER, readOrCreatePassword } from './password';
import { PASSWORD_FILE_NAME, PROJECT_ROOT } from '../config';

/** A running embedded Neo4j child process. */
export interface EmbeddedNeo4j {
  /** Bolt URI, e.g. `bolt://127.0.0.1:7687`. Connect as {@link user} with {@link password}. */
  uri: string;
  /** Always `neo4j`. */
  user: string;
  /** The generated password, as kept in {@link passwordFile}. */
  password: string;
  /** The password file (mode 600): pass it to other processes as NEO4J_PASSWORD_FILE. */
  passwordFile: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 30 s. Safe to call more than once. */
  stop(): Promise<void>;
  /** Settles when the JVM exits, for whatever reason. Never rejects. */
  exited: Promise<{ code: number | null; signal: string | null }>;
}

type Log = (msg: string) => void;

const STAMP = '.stamp';
const PLUGINS = 'plugins';
const JVM_FLAGS = [
  // From Neo4j 5's own neo4j.conf: the page cache and Netty reach into these JDK internals.
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
];
const STOP_GRACE_MS = 30_000;

function run(cmd: string, args: string[], cwd?: string): Promise<{ ok: boolean; out: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      const missing = (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      resolve({ ok: !err, out, missing });
    });
  });
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function requireJava(log: Log): Promise<void> {
  const r = await run('java', ['-version']);
  if (r.missing) {
    throw new Error('Java 17 is required (java not found on PATH). Install OpenJDK 17 or 21 and retry.');
  }
  if (!r.ok) throw new Error(`java -version failed:\n${tail(r.out)}`);
  const major = Number(/version "(?:1\.)?(\d+)/.exec(r.out)?.[1]);
  if (major < 17) throw new Error(`Java 17 is required (java on PATH is version ${major}). Install OpenJDK 17 or 21 and retry.`);
  // Neo4j 5.26 supports Java 17 and 21 only; newer ones may work or fail in obscure ways.
  if (major > 21) log(`warning: java on PATH is version ${major}; Neo4j 5.26 supports Java 17 and 21`);
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await fs.readFile(file)).digest('hex');
}

/**
 * Makes sure `libDir` holds the jars named by the pom (Neo4j Community + APOC core), and
 * `libDir/plugins` the APOC jars alone.
 * The folder is stamped with the pom's sha256, so a second call does nothing at all, and a
 * changed pom triggers a fresh copy. Maven's ~/.m2 cache means a re-copy downloads nothing.
 * Throws with an actionable message if java or mvn is missing, or Maven's last lines on failure.
 */
export async function ensureNeo4jJars(opts: { libDir: string; pomPath: string; log?: Log }): Promise<void> {
  const log = opts.log ?? (() => {});
  const want = await sha256File(opts.pomPath);
  const stamp = path.join(opts.libDir, STAMP);
  const have = await fs.readFile(stamp, 'utf8').catch(() => '');
  if (have.trim() === want) return;

  await requireJava(log);
  const mvn = await run('mvn', ['-v']);
  if (mvn.missing) {
    throw new Error('Maven 3.8+ is required (mvn not found on PATH) to fetch the Neo4j jars from Maven Central. Install Maven and retry.');
  }

  await fs.mkdir(opts.libDir, { recursive: true });
  // Jars of a previous pom would otherwise sit beside the new ones: two Neo4j versions on one classpath.
  for (const f of await fs.readdir(opts.libDir)) {
    if (f.endsWith('.jar')) await fs.rm(path.join(opts.libDir, f));
  }
  log(`fetching Neo4j jars into ${opts.libDir} (first time only)`);
  const r = await run('mvn', [
    '-q', '-B', '-f', path.resolve(opts.pomPath),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${path.resolve(opts.libDir)}`,
    '-DincludeScope=runtime',
  ]);
  if (!r.ok) {
    throw new Error(`Fetching the Neo4j jars with Maven failed (is Maven Central reachable?):\n${tail(r.out)}`);
  }
  // Neo4j loads every class of every jar in its plugin dir, and some of its own jars do not load
  // that way, so APOC gets a folder of its own. It stays in libDir too: its extensions are
  // found on the classpath, as in a server install where plugins/ is on the classpath.
  const plugins = path.join(opts.libDir, PLUGINS);
  await fs.rm(plugins, { recursive: true, force: true });
  await fs.mkdir(plugins);
  for (const f of await fs.readdir(opts.libDir)) {
    if (/^apoc-.*\.jar$/.test(f)) await fs.copyFile(path.join(opts.libDir, f), path.join(plugins, f));
  }
  await fs.writeFile(stamp, `${want}\n`);
  log('Neo4j jars ready');
}

/** A Java source of neo4j/ (Launcher.java, Importer.java), under the project root that config knows. */
function findLauncher(file = 'Launcher.java'): string {
  const source = path.join(PROJECT_ROOT, 'neo4j', file);
  if (!existsSync(source)) throw new Error(`${source} not found: the project root (${PROJECT_ROOT}) lacks neo4j/Launcher.java`);
  return source;
}

/**
 * Compiles the launcher once per source version: compiling a single file on every start
 * costs a second or two. The temp-dir-then-rename keeps concurrent starts from seeing half a build.
 */
async function compileLauncher(source: string, libDir: string): Promise<string> {
  const hash = (await sha256File(source)).slice(0, 16);
  const classes = path.join(libDir, '.launcher', hash);
  if (existsSync(path.join(classes, `${path.basename(source, '.java')}.class`))) return classes;
  const tmp = `${classes}.tmp-${process.pid}`;
  await fs.mkdir(tmp, { recursive: true });
  // --release: the javac on PATH may belong to a newer JDK than the java that will run it.
  const r = await run('javac', ['--release', '17', '-nowarn', '-proc:none', '-cp', path.join(libDir, '*'), '-d', tmp, source]);
  if (!r.ok) {
    await fs.rm(tmp, { recursive: true, force: true });
    const why = r.missing ? ' (javac not found on PATH: a full JDK 17 is needed, not just a JRE)' : `:\n${tail(r.out)}`;
    throw new Error(`Compiling ${source} failed${why}`);
  }
  await fs.rename(tmp, classes).catch(async () => fs.rm(tmp, { recursive: true, force: true }));
  return classes;
}

/**
 * Starts Neo4j on `bolt://127.0.0.1:<port>` with auth on (the password of `passwordFile`,
 * default `<dataDir>/neo4j-password`, generated on first start) and resolves once Bolt accepts
 * connections. Rejects with the launcher's own one-line reason (port in use, data dir not
 * writable, ...) or on timeout, in which case the child is killed.
 *
 * The child's stdin stays an open pipe: when this process dies, even by SIGKILL, the JVM sees
 * EOF and shuts down, so no orphan Neo4j outlives its parent. It runs in a process group of its
 * own, so signals meant for the server's group (Ctrl-C) do not stop it under draining requests.
 *
 * @param opts.heap JVM -Xmx, e.g. `1g`. @param opts.pageCache Neo4j page cache, e.g. `256m`.
 */
export async function startEmbeddedNeo4j(opts: {
  port: number;
  dataDir: string;
  passwordFile?: string;
  libDir: string;
  heap: string;
  pageCache: string;
  readyTimeoutMs: number;
  log?: Log;
}): Promise<EmbeddedNeo4j> {
  const log = opts.log ?? (() => {});
  await requireJava(log);
  await fs.mkdir(opts.dataDir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`data dir ${path.resolve(opts.dataDir)} is not writable (${err.message}); fix its permissions or choose another data dir`);
  });
  const passwordFile = path.resolve(opts.passwordFile ?? path.join(opts.dataDir, PASSWORD_FILE_NAME));
  const password = readOrCreatePassword(passwordFile);
  const libDir = path.resolve(opts.libDir);
  if (!existsSync(path.join(libDir, STAMP))) {
    throw new Error(`No Neo4j jars in ${libDir}: call ensureNeo4jJars() first`);
  }
  const classes = await compileLauncher(findLauncher(), libDir);

  const args = [
    `-Xmx${opts.heap}`,
    '-Xms64m',
    ...JVM_FLAGS,
    '-cp', `${classes}${path.delimiter}${path.join(libDir, '*')}`,
    'Launcher',
    '--port', String(opts.port),
    '--data-dir', path.resolve(opts.dataDir),
    '--pagecache', opts.pageCache,
    '--plugins-dir', path.join(libDir, PLUGINS),
    // The file, not the password: a command line is visible to every local user.
    '--password-file', passwordFile,
  ];
  // Its own process group (detached): a terminal's Ctrl-C (SIGINT to the foreground group) then
  // reaches only the server, which drains its requests before it stops the JVM itself.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });

  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // A failed spawn emits 'error' and never 'exit'.
    child.once('error', () => child.pid === undefined && resolve({ code: null, signal: null }));
  });
  // The launcher exits on stdin EOF; a write error after its death must not crash this process.
  child.stdin?.on('error', () => {});

  let uri: string;
  try {
    uri = await waitForReady(child, exited, opts.readyTimeoutMs, log);
  } catch (err) {
    await kill(child, exited);
    throw err;
  }
  log(`Neo4j ready at ${uri} (pid ${child.pid})`);

  let stopping: Promise<void> | undefined;
  return {
    uri,
    user: NEO4J_USER,
    password,
    passwordFile,
    pid: child.pid as number,
    exited,
    stop: () => (stopping ??= kill(child, exited)),
  };
}

/** Whether `dataDir` holds a database store yet: false before an embedded Neo4j's very first start there. */
export function storeExists(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'databases', 'neo4j'));
}

/**
 * Runs `neo4j-admin database import full` (the import tool among the jars ensureNeo4jJars
 * fetched, through neo4j/Importer.java) into the default database of the embedded store at
 * `dataDir`, which must not be running and must have no store yet ({@link storeExists}): the
 * first start then finds the imported graph. `args` are the tool's options after the database
 * name (--nodes=…, --relationships=…). Rejects with the tool's last lines on failure.
 */
export async function importIntoStore(opts: { dataDir: string; libDir: string; args: string[]; heap?: string; log?: Log }): Promise<void> {
  const log = opts.log ?? (() => {});
  await requireJava(log);
  const dataDir = path.resolve(opts.dataDir);
  if (storeExists(dataDir)) throw new Error(`${dataDir} already holds a store: the import tool only fills a new one`);
  const libDir = path.resolve(opts.libDir);
  const classes = await compileLauncher(findLauncher('Importer.java'), libDir);
  await fs.mkdir(dataDir, { recursive: true });
  // The tool's home: its config (where the store goes) and its report; not the store itself.
  const home = await fs.mkdtemp(path.join(dataDir, '.import-home-'));
  try {
    const conf = path.join(home, 'import.conf');
    await fs.writeFile(conf, `server.directories.data=${dataDir}\nserver.directories.logs=${path.join(dataDir, 'logs')}\n`);
    const r = await run('java', [
      `-Xmx${opts.heap ?? '1g'}`,
      ...JVM_FLAGS,
      '-cp', `${classes}${path.delimiter}${path.join(libDir, '*')}`,
      'Importer', home,
      'database', 'import', 'full', 'neo4j',
      `--additional-config=${conf}`,
      `--report-file=${path.join(home, 'import.report')}`,
      ...opts.args,
    ]);
    if (!r.ok) {
      // A half-written store would pass for a loaded one at the next start: it goes.
      for (const dir of ['databases', 'transactions']) await fs.rm(path.join(dataDir, dir, 'neo4j'), { recursive: true, force: true });
      throw new Error(`neo4j-admin database import failed:\n${tail(r.out)}`);
    }
    log(tail(r.out, 6).replace(/\n+/g, '; '));
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
}

function waitForReady(
  child: ChildProcess,
  exited: Promise<{ code: number | null; signal: string | null }>,
  timeoutMs: number,
  log: Log,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let error: string | undefined;
    const recent: string[] = [];
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };

    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^NEO4J_READY (\S+)/.exec(line);
      if (m) settle(() => resolve(m[1]));
      else if (line.trim()) log(`neo4j: ${line}`);
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      if (line.startsWith('NEO4J_ERROR ')) {
        error = line.slice('NEO4J_ERROR '.length);
        settle(() => reject(new Error(error)));
      } else if (line.trim()) {
        // Kept only to explain a crash that printed no NEO4J_ERROR line (e.g. a JVM flag error).
        recent.push(line);
        if (recent.length > 20) recent.shift();
        log(`neo4j: ${line}`);
      }
    });
    child.once('error', (err) => settle(() => reject(new Error(`Could not start java: ${err.message}`))));
    void exited.then(({ code, signal }) =>
      settle(() =>
        reject(new Error(error ?? `Neo4j exited before it was ready (code ${code}, signal ${signal})${recent.length ? `:\n${recent.join('\n')}` : ''}`)),
      ),
    );
    const timer = setTimeout(
      () => settle(() => reject(new Error(`Neo4j was not ready within ${timeoutMs} ms; the JVM was stopped. Raise the start timeout or look at the logs under the data dir.`))),
      timeoutMs,
    );
  });
}

async function kill(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, STOP_GRACE_MS);
  });
  await Promise.race([exited, forced]);
  clearTimeout(timer);
  await exited;
}
