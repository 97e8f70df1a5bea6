/** Creates the Neo4j driver for a target, with timeouts short enough for a request path. */
import neo4j, { Driver } from 'neo4j-driver';

/**
 * A driver for `uri`. Retries of transient errors stop after a few seconds so that a request
 * against a dead database answers DATABASE_UNAVAILABLE quickly instead of hanging.
 */
export function createDriver(uri: string, user?: string, password?: string): Driver {
  const auth = user && password ? neo4j.auth.basic(user, password) : undefined;
  return neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    maxTransactionRetryTime: 3_000,
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 3_000,
    maxConnectionPoolSize: 50,
    logging: { level: 'error', logger: () => undefined },
  });
}
