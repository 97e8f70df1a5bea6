/**
 * Start-up faults end in one line that names the cause, a non-zero exit, and no stack trace.
 * Runs the real entry point (src/main.ts) as a child process.
 */
import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

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

  it('says the Neo4j of NEO4J_URI does not answer, and exits 1', async () => {
    const r = await start({ NEO4J_URI: 'bolt://127.0.0.1:1', PORT: '0' });
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^start-up failed: Neo4j at bolt:\/\/127\.0\.0\.1:1 does not answer .*check NEO4J_URI/);
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
