/**
 * Start-up faults end in one line that names the cause, a non-zero exit, and no stack trace.
 * Runs the real entry point (src/main.ts) as a child process. A Neo4j that does not answer is not
 * such a fault: the server waits for it (see the test below).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { gql } from '../support/helpers';
import { spawnServer, statusOf, waitUntilReady } from '../support/server-process';

const root = path.resolve(__dirname, '..', '..');

function start(env: Record<string, string>): Promise<{ code: number; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', path.join(root, 'src/main.ts')],
      { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', SEED_ON_START: 'false', ...env }, timeout: 60_000 },
      (e, _out, err) => resolve({ code: (e as any)?.code ?? 0, err }),
    );
  });
}

describe('npm start when something is wrong', () => {
  it('names the variable of a bad setting and exits 2', async () => {
    const r = await start({ PORT: 'forty' });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('configuration error: PORT must be a whole number, got "forty"');
  });

  it('refuses one token value under two names or roles, naming API_TOKENS, and exits 2', async () => {
    const r = await start({ API_TOKENS: 'ann:reader:same-token-0123456789,cur:curator:same-token-0123456789' });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('configuration error: API_TOKENS: "ann" and "cur" have the same token; give each its own');
  });

  it('waits for an unreachable NEO4J_URI with /readyz 503 and one log line, and exits 0 on SIGTERM', async () => {
    const server = await spawnServer({ NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_RETRY_INITIAL_MS: '10', NEO4J_RETRY_MAX_MS: '50', LOG_LEVEL: 'debug' });
    try {
      expect(await statusOf(`${server.base}/healthz`)).toBe(200);
      expect(await statusOf(`${server.base}/readyz`)).toBe(503);
      // Attempts are logged at debug level only; at info the wait is one line however long it lasts.
      await server.waitForLog((l) => l.msg === 'Neo4j attempt failed' && (l.attempt as number) >= 3, 30_000);
      expect(await statusOf(`${server.base}/readyz`)).toBe(503);
      const res = await gql(server.url, '{ entity(id: "clearview-ai") { name } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      // Everything at info or above after the line that HTTP listens.
      const waiting = server.logs.filter((l) => l.level >= 30).slice(1);
      expect(waiting).toHaveLength(1);
      expect(waiting[0]!.msg).toMatch(/^Neo4j at bolt:\/\/127\.0\.0\.1:1 does not answer; retrying with backoff/);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
    expect(server.stderr()).toBe('');
  });

  it('says the HTTP port is taken, and exits 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await start({ PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.err.trim()).toBe(`start-up failed: port ${port} is in use: stop what uses it or set PORT`);
    } finally {
      blocker.close();
    }
  });
});

describe('npm start', () => {
  it('builds dist/ and serves from compiled JavaScript, reading cypher/, schema/ and assets from the project root', async () => {
    // The run's Neo4j (global-setup's NEO4J_URI); no seed, so the test leaves the data as it is.
    const server = await spawnServer({ SEED_ON_START: 'false' }, 120_000, 'npm-start');
    try {
      await waitUntilReady(server, 60_000);
      expect(fs.existsSync(path.join(root, 'dist', 'main.js'))).toBe(true);
      // npm's child (its shell, replaced by `exec`) runs dist/main.js, not ts-node.
      const [serverPid] = fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim().split(' ');
      const cmdline = fs.readFileSync(`/proc/${serverPid}/cmdline`, 'utf8').split('\0');
      expect(cmdline.some((a) => a.endsWith('dist/main.js'))).toBe(true);
      expect(cmdline.join(' ')).not.toMatch(/ts-node/);
      // A statement from cypher/ through a resolver typed by schema/: answers without errors.
      const res = await gql(server.url, '{ entity(id: "no-such-entity-npm-start") { name } }');
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ entity: null });
      // An asset read from src/embed/assets at runtime.
      const icon = await fetch(`${server.base}/favicon.ico`);
      expect(icon.status).toBe(200);
      expect(await icon.text()).toMatch(/<svg/);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  });
});

