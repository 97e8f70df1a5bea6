/**
 * The process's Prometheus metrics (prom-client), in one registry of their own: what
 * docs/operations.md#metrics describes, served at GET /metrics. Every label takes its values from
 * a closed set (routes, statement names, error codes, operation types) or is bounded here
 * (operation names), so a client cannot make the series grow without limit.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds: 1 ms to 10 s, the span between a cached lookup and QUERY_TIMEOUT_MS's default. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seeds and exports take seconds to minutes. */
const RUN_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 1800];

/** Distinct operation names kept as labels; later new names count as OTHER_OPERATIONS. */
export const MAX_OPERATION_NAMES = 200;
/** The label of an operation without a name. */
export const ANONYMOUS = 'anonymous';
/** The label of operation names beyond MAX_OPERATION_NAMES, or not GraphQL names. */
export const OTHER_OPERATIONS = 'other';

/** What the driver's connection pool holds now, over every server it talks to (src/db/driver.ts reads it). */
export interface PoolCounts {
  /** Connections lent to sessions. */
  inUse: number;
  /** Connections open and waiting in the pool. */
  idle: number;
  /** Sessions waiting for a connection (the pool is at maxConnectionPoolSize). */
  waiting: number;
}

/** A histogram of request-scale durations (LATENCY_BUCKETS). */
function latency<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Histogram<L> {
  return new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: [registry] });
}

/** A counter. */
function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  return new Counter({ name, help, labelNames, registers: [registry] });
}

/** Runs of a job (seeds, exports): counted by a label and their outcome, timed by the label. */
export class Runs {
  private readonly count: Counter<string>;
  private readonly duration: Histogram<string>;

  constructor(registry: Registry, job: string, private readonly label: string, what: string, outcomes: string) {
    this.count = counter(registry, `frr_${job}_runs_total`, `${what} and outcome (${outcomes}).`, [label, 'outcome']);
    this.duration = new Histogram({ name: `frr_${job}_run_duration_seconds`, help: `${what}: duration.`, labelNames: [label], buckets: RUN_BUCKETS, registers: [registry] });
  }

  /** Counts one run; times it unless it was refused before it began (`seconds` undefined). */
  record(value: string, outcome: string, seconds?: number): void {
    this.count.inc({ [this.label]: value, outcome });
    if (seconds !== undefined) this.duration.observe({ [this.label]: value }, seconds);
  }
}

/** The registry and every metric of the process. */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = latency(
    this.registry,
    'frr_http_request_duration_seconds',
    'HTTP requests by method, route and status: duration until the response is sent (its _count counts requests).',
    ['method', 'route', 'status'],
  );

  readonly graphqlOperations = counter(
    this.registry,
    'frr_graphql_operations_total',
    'GraphQL operations by name, type and outcome (ok, refused, error); code is the error code of a refusal or an error, limit the limit a QUERY_TOO_COMPLEX refusal names.',
    ['operation_name', 'operation_type', 'outcome', 'code', 'limit'],
  );

  readonly graphqlDuration = latency(
    this.registry,
    'frr_graphql_operation_duration_seconds',
    'GraphQL operations by name and type: duration from the request read to the response ready.',
    ['operation_name', 'operation_type'],
  );

  readonly cypherDuration = latency(
    this.registry,
    'frr_cypher_statement_duration_seconds',
    'Cypher statements by statement name and access mode: duration of the statement and the transfer of its rows (its _count counts statements run, failed ones too).',
    ['statement', 'mode'],
  );

  readonly cypherErrors = counter(this.registry, 'frr_cypher_statement_errors_total', 'Cypher statements that failed, by statement name, access mode and Neo4j error code.', ['statement', 'mode', 'neo4j_code']);

  readonly poolAcquisitionTimeouts = counter(
    this.registry,
    'frr_neo4j_pool_acquisition_timeouts_total',
    'Statements that failed because no connection of the pool became free within the acquisition timeout (5 s).',
    [],
  );

  /** Runs of the seeder (start-up seed, curation mutations, restore, dry runs). */
  readonly seeds = new Runs(this.registry, 'seed', 'operation', 'Runs of the seeder (start-up seed, curation mutations, restore, check: a dry run) by operation', 'written, unchanged, refused, failed');

  /** Downloads of /api/export. */
  readonly exports = new Runs(this.registry, 'export', 'format', 'Exports served by /api/export by format', 'ok, refused, failed, aborted: the client left');

  /** Subscriptions open now on this server (both transports). */
  readonly subscriptionsOpen = new Gauge({ name: 'frr_subscriptions_open', help: 'Subscriptions open now on this server (graphql-ws and graphql-sse).', registers: [this.registry] });

  readonly subscriptionEvents = counter(this.registry, 'frr_subscription_events_total', 'Change events handed to subscribers (one per subscriber and event).', []);

  readonly subscriptionsDropped = counter(
    this.registry,
    'frr_subscriptions_dropped_total',
    'Subscribers dropped for leaving more than SUBSCRIPTION_BUFFER_BYTES unread (slow consumers; they resume with their last cursor).',
    [],
  );

  readonly subscriptionDelay = latency(
    this.registry,
    'frr_subscription_delay_seconds',
    "Live change events: delay from the write's audit timestamp (taken last in its transaction, just before commit) to the event handed to a subscriber's transport.",
    [],
  );

  private readonly operationNames = new Set<string>();
  private pool: () => PoolCounts | undefined = () => undefined;

  constructor() {
    // Node's own (process_cpu_seconds_total, nodejs_eventloop_lag_seconds, heap): under their standard names.
    collectDefaultMetrics({ register: this.registry });
    const stats = () => this.pool();
    const read = (pick: (s: PoolCounts) => number) =>
      function collect(this: Gauge) {
        const now = stats();
        // Without a driver (not connected yet) or a shape this version does not know: no sample.
        this.reset();
        if (now) this.set(pick(now));
      };
    new Gauge({ name: 'frr_neo4j_pool_connections_in_use', help: 'Connections of the Neo4j driver pool lent to a session now.', registers: [this.registry], collect: read((s) => s.inUse) });
    new Gauge({ name: 'frr_neo4j_pool_connections_idle', help: 'Connections of the Neo4j driver pool open and idle now.', registers: [this.registry], collect: read((s) => s.idle) });
    new Gauge({
      name: 'frr_neo4j_pool_acquisitions_waiting',
      help: 'Sessions waiting now for a connection of the pool (all 50 in use); they fail after the acquisition timeout.',
      registers: [this.registry],
      collect: read((s) => s.waiting),
    });
  }

  /** Where the pool gauges read at scrape time. */
  observePool(read: () => PoolCounts | undefined): void {
    this.pool = read;
  }

  /**
   * The label of a client-chosen operation name: a GraphQL name, among the first
   * MAX_OPERATION_NAMES seen; anything else is OTHER_OPERATIONS, so a client sending a new name
   * with every request adds no series.
   */
  operationLabel(name: string | null | undefined): string {
    if (!name) return ANONYMOUS;
    if (this.operationNames.has(name)) return name;
    if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name) || this.operationNames.size >= MAX_OPERATION_NAMES) return OTHER_OPERATIONS;
    this.operationNames.add(name);
    return name;
  }

}

/** The process's metrics: one registry, shared by the HTTP server, the executor's listener and the seeder. */
export const metrics = new Metrics();
