/**
 * The protocol between the harness and a server child, over Node's IPC channel: the child sends
 * `{ ready: port }` once it listens; the harness asks `stats` (Cypher statements run since the
 * last `reset`) around each measured phase, so calls per request come from the server itself.
 */
import neo4j from 'neo4j-driver';
import { loadConfig } from '../../src/config';
import { neo4jTarget } from '../../src/db/connect';

/** What a child reports: statements since the last reset, and the CPU time (user + system, µs) of the process so far. */
export function statsOf(count: { value: number }): { statements: number; cpuUs: number } {
  const cpu = process.cpuUsage();
  return { statements: count.value, cpuUs: cpu.user + cpu.system };
}

/** Starts answering the harness; `count` reads the child's statement counter. */
export function reportToHarness(port: number, count: { value: number }): void {
  process.on('message', (msg: unknown) => {
    if (msg === 'reset') count.value = 0;
    if (msg === 'stats' || msg === 'reset') process.send?.({ stats: statsOf(count) });
  });
  // The harness going away must not leave a server behind.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: port });
}

/** The driver's credentials: the harness passes NEO4J_URI and the password (file) in the environment. */
export function neo4jAuth() {
  const { user, password } = neo4jTarget(loadConfig());
  return user && password ? neo4j.auth.basic(user, password) : undefined;
}
