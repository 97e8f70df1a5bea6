/** Creates the Neo4j driver for a target, with timeouts short enough for a request path. */
import neo4j, { Driver } from 'neo4j-driver';

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
