/** Creates the Neo4j driver for a target, with timeouts short enough for a request path. */
import neo4j, { Driver } from 'neo4j-driver';
import type { PoolCounts } from '../metrics';

/**
 * A driver for `uri`. A request against a dead database must answer DATABASE_UNAVAILABLE in
 * about a second, not hang: the driver's retry waits 1 s before its first retry and doubles
 * the wait, so a 500 ms retry budget allows exactly one retry (enough for a pooled connection
 * that died with the old Neo4j to be replaced by a fresh one once Neo4j is back) and a failure
 * costs about 1 s. The pool itself needs no reset: broken connections are dropped when used.
 */
export function createDriver(uri: string, user?: string, password?: string): Driver {
  const auth = user && password ? neo4j.auth.basic(user, password) : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    maxTransactionRetryTime: 500,
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 3_000,
    maxConnectionPoolSize: 50,
    logging: { level: 'error', logger: () => undefined },
  });
}

/**
 * The pool's counts, read from neo4j-driver 6's internals (the driver publishes none):
 * `_connectionProvider._connectionPool` with its per-address `_activeResourceCounts`, `_pools`
 * and `_acquireRequests`. Undefined before the first session, and when a driver version lays them
 * out otherwise (test/integration/metrics.int.test.ts fails when the installed driver lays them out otherwise).
 */
export function poolCounts(driver: Driver): PoolCounts | undefined {
  const pool = (driver as unknown as { _connectionProvider?: { _connectionPool?: Record<string, unknown> } })._connectionProvider?._connectionPool;
  const active = pool?._activeResourceCounts as Record<string, number> | undefined;
  const idle = pool?._pools as Record<string, { length: number }> | undefined;
  const waiting = pool?._acquireRequests as Record<string, unknown[]> | undefined;
  if (!active || !idle || !waiting || typeof active !== 'object' || typeof idle !== 'object' || typeof waiting !== 'object') return undefined;
  const sum = (values: number[]) => values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return {
    inUse: sum(Object.values(active)),
    idle: sum(Object.values(idle).map((p) => p?.length ?? 0)),
    waiting: sum(Object.values(waiting).map((r) => (Array.isArray(r) ? r.length : 0))),
  };
}
