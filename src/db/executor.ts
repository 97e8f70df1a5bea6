/**
 * The one owner of the Neo4j driver. Statements are run by name (see cypher.ts); results come
 * back as plain JS values (numbers, 'YYYY-MM-DD' strings, objects), and Neo4j errors are
 * translated to {@link AppError} codes here and nowhere else.
 */
import neo4j, { BookmarkManager, Driver, Neo4jError, ManagedTransaction, Session } from 'neo4j-driver';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AppError, ErrorCode } from '../errors';
import { CypherRegistry } from './cypher';
import { StatementName } from './statements';
import { poolCounts } from './driver';
import type { PoolCounts } from '../metrics';
import type { PoolShare } from './pool-share';

/** Query parameters. */
type Params = Record<string, unknown>;
/** One result row as a plain object. */
export type Row = Record<string, any>;

/**
 * What each statement run reports to listeners (tests count Cypher round trips with it, the
 * metrics time them): once it has its rows, or once it failed, with `error` set.
 */
export interface QueryEvent {
  name: StatementName;
  mode: 'read' | 'write';
  ms: number;
  rows: number;
  /** The failure's Neo4j code, as {@link neo4jCodeOf} bounds it; absent when the statement succeeded. */
  error?: string;
}

/**
 * Statement spans are made here, by hand, rather than by an instrumentation of neo4j-driver: the
 * ones published (for drivers 4 and 5) patch the driver's internals and record the Cypher text,
 * where the statement's name is what an operator can act on. Without a registered SDK (no
 * OTEL_EXPORTER_OTLP_ENDPOINT) this tracer is the API's no-op one.
 */
const tracer = trace.getTracer('frr-graph/db');

/** The code of a pool that lent all its connections for the whole acquisition timeout. */
export const ACQUISITION_TIMEOUT = 'ConnectionAcquisitionTimeout';

/**
 * A driver error's code as a metric label and span attribute: Neo4j's status codes
 * (`Neo.ClientError.Statement.SyntaxError`) and the driver's own (`ServiceUnavailable`) are a
 * closed set; anything else (a message in the code field, none) is `Unknown`.
 */
export function neo4jCodeOf(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : '';
  if (/Connection acquisition timed out/.test(message)) return ACQUISITION_TIMEOUT;
  if (typeof code === 'string' && /^(Neo\.[A-Za-z]+\.[A-Za-z]+\.[A-Za-z]+|ServiceUnavailable|SessionExpired|ProtocolError)$/.test(code)) return code;
  return 'Unknown';
}

/** Per-transaction options. */
interface TxOptions {
  /** Transaction timeout in ms; 0 means none. Defaults to the configured QUERY_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * The causal chain one request runs in. Every session it opens waits for `manager`'s bookmarks
 * (on a cluster member that has not applied them yet, Neo4j holds the transaction until it has)
 * and leaves its own there; `written` receives the bookmarks of each write transaction it
 * commits, which the server returns as `extensions.bookmarks`.
 */
export interface CausalScope {
  manager: BookmarkManager;
  /** Bookmarks after the last write transaction committed in this scope; empty until one commits. */
  written: string[];
}

/**
 * Runs a named statement in the transaction at hand. `parts` fill the statement's `__NAME__`
 * placeholders (see composeStatement); only src/store/filters.ts and src/seed/parts.ts make them.
 */
export type TxRun = (name: StatementName, params?: Params, parts?: Record<string, string>) => Promise<Row[]>;

/** Converts driver values (Integer, temporal, Node, Relationship) into plain JSON-able values. */
export function toPlain(value: unknown): any {
  if (value === null || value === undefined) return null;
  // Most values of a result are strings, numbers, lists and maps: those first, without the
  // driver's type tests (eight property lookups per value; 6 % of the server's CPU under load).
  if (typeof value !== 'object') return typeof value === 'bigint' ? Number(value) : value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k in value) out[k] = toPlain((value as Record<string, unknown>)[k]);
    return out;
  }
  if (neo4j.isInt(value)) return (value as any).toNumber();
  if (
    neo4j.isDate(value as any) ||
    neo4j.isDateTime(value as any) ||
    neo4j.isLocalDateTime(value as any) ||
    neo4j.isDuration(value as any)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value as any) || neo4j.isRelationship(value as any)) return toPlain((value as any).properties);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as object)) out[k] = toPlain(v);
  return out;
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
/** A write met a node or relationship that a concurrent transaction deleted after this one matched it. */
const DELETED_UNDER_US = /Neo\.ClientError\.Statement\.EntityNotFound|Unable to load (NODE|RELATIONSHIP)/;
const TIMEOUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
  // 5.26 reports a transaction cut by its timeout while waiting for a lock under this code.
  'Neo.ClientError.Transaction.LockClientStopped',
]);
/** A bookmark the client sent (header Neo4j-Bookmarks) that this database did not issue. */
const INVALID_BOOKMARK = new Set(['Neo.ClientError.Transaction.InvalidBookmark', 'Neo.ClientError.Transaction.InvalidBookmarkMixture']);
/** The member asked has not caught up with the bookmarks within db.transaction.bookmark_ready_timeout. */
const BOOKMARK_TIMEOUT = 'Neo.TransientError.Transaction.BookmarkTimeout';

/** A read that failed for want of the database, retried once: not one that waited for bookmarks, which would wait twice. */
function retriable(err: unknown): boolean {
  return err instanceof AppError && err.code === ErrorCode.DATABASE_UNAVAILABLE && err.internal.bookmarkWait !== true;
}

/**
 * JS numbers travel to Neo4j as floats, which SKIP, LIMIT and slices refuse: whole-number
 * top-level parameters go as Integers. (Nested values are stored data and left as they are.)
 */
export function toParams(params: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'number' && Number.isSafeInteger(v) ? neo4j.int(v) : v;
  return out;
}

/**
 * Maps a driver error to an AppError; the one place Neo4j error codes are read. Our own errors
 * pass through as they are, thrown by a transaction's work too (the driver rolls back and rethrows
 * them unchanged): a refusal such as deleteEntity's CONFLICT is thrown, not returned.
 */
export function translateError(err: unknown, statement: string): AppError {
  if (err instanceof AppError) return err;
  const code = err instanceof Neo4jError ? err.code : (err as any)?.code;
  const message = err instanceof Error ? err.message : String(err);
  // Every pooled connection busy for connectionAcquisitionTimeout: the database is saturated, not the request wrong.
  if (/Connection acquisition timed out/i.test(message)) {
    return new AppError(ErrorCode.DATABASE_UNAVAILABLE, 'The database has no free connection right now; try again shortly.', {}, { statement });
  }
  if (UNAVAILABLE.has(code) || /connect ECONNREFUSED|Connection was closed|Pool is closed/i.test(message)) {
    return new AppError(ErrorCode.DATABASE_UNAVAILABLE, 'The database is unavailable; try again shortly.', {}, { statement });
  }
  if (INVALID_BOOKMARK.has(code)) {
    return new AppError(ErrorCode.BAD_REQUEST, `Neo4j-Bookmarks: the database did not issue these bookmarks (${message})`, { header: 'Neo4j-Bookmarks' }, { statement });
  }
  if (code === BOOKMARK_TIMEOUT) {
    // Not retried here (see read()): the wait is what db.transaction.bookmark_ready_timeout bounds.
    return new AppError(ErrorCode.DATABASE_UNAVAILABLE, 'The database has not caught up with the bookmarks of this request yet; try again shortly.', {}, { statement, bookmarkWait: true });
  }
  if (TIMEOUT.has(code)) {
    return new AppError(ErrorCode.QUERY_TIMEOUT, 'The query took too long and was stopped by the database.', {}, { statement });
  }
  // Lucene (full-text index) refuses a query whose automaton would be too large: too much text, not a fault of ours.
  if (/automaton is too large|too complex to determinize/i.test(message)) {
    return new AppError(ErrorCode.BAD_USER_INPUT, 'is too complex for the full-text index; use fewer or shorter words', {}, { statement });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new AppError(ErrorCode.CONFLICT, message, {}, { statement });
  }
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `Cypher statement ${statement} failed: ${code ?? ''} ${message}`.trim(), {}, { statement, neo4jCode: code });
}

/**
 * A statement's text with its `__NAME__` placeholders replaced by `parts`; throws naming the
 * statement when a placeholder has no part or a part no placeholder.
 */
export function composeStatement(name: string, text: string, parts: Record<string, string>): string {
  const wanted = new Set([...text.matchAll(/__([A-Z]+)__/g)].map((m) => m[1]!));
  const given = Object.keys(parts);
  const missing = [...wanted].filter((w) => !given.includes(w));
  const extra = given.filter((g) => !wanted.has(g));
  if (missing.length > 0 || extra.length > 0) {
    throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `statement ${name}: placeholders without a part (${missing.join(', ')}) or parts without a placeholder (${extra.join(', ')})`);
  }
  return text.replace(/__([A-Z]+)__/g, (_m, key: string) => parts[key]!);
}

interface ExecutorOptions {
  database: string;
  timeoutMs: number;
  deadline?: number;
  causal: CausalScope;
  /**
   * The caller whose share of the pool each transaction takes a turn of; none outside requests.
   * Without a key: the caller of the request being handled (PoolShare.within), if any.
   */
  share?: { pool: PoolShare; key?: string };
}

/** Owns the driver; runs named statements with the right access mode. */
export class Executor {
  private listeners = new Set<(e: QueryEvent) => void>();

  private readonly options: ExecutorOptions;

  constructor(
    private readonly driver: Driver,
    private readonly cypher: CypherRegistry,
    options: {
      database: string;
      timeoutMs: number;
      deadline?: number;
      /** Sessions wait for and leave bookmarks here: see CausalScope. */
      causal?: CausalScope;
    },
  ) {
    // Work outside requests (schema, seeding, the graph view) is one causal chain of its own, so
    // that a seed's reads see its earlier writes on a cluster whose followers lag.
    this.options = { ...options, causal: options.causal ?? { manager: neo4j.bookmarkManager(), written: [] } };
  }

  /**
   * The same executor with a time budget: every transaction it runs gets at most the time left
   * until `deadline` (epoch ms), so one request cannot hold the database longer than its budget
   * however many statements its resolvers send. Listeners are shared with this executor.
   */
  withDeadline(deadline: number): Executor {
    return this.view({ deadline });
  }

  /**
   * The same executor in the causal chain `causal`: every transaction it runs sees every write
   * whose bookmarks are in `causal.manager`, on whichever cluster member serves it.
   */
  withCausal(causal: CausalScope): Executor {
    return this.view({ causal });
  }

  /**
   * The same executor for one caller: each transaction first takes a turn of the caller's pool
   * share. Without `key`, the caller is that of the request being handled (PoolShare.within).
   */
  withShare(pool: PoolShare, key?: string): Executor {
    return this.view({ share: { pool, key } });
  }

  private view(changes: Partial<ExecutorOptions>): Executor {
    const view = new Executor(this.driver, this.cypher, { ...this.options, ...changes });
    view.listeners = this.listeners;
    return view;
  }

  /** Subscribes to every statement run; returns the unsubscribe function. */
  onQuery(listener: (e: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs one read statement. A single statement is atomic by itself, so it goes as an auto-commit
   * transaction: one round trip (RUN and PULL) where an explicit transaction takes two (BEGIN, RUN
   * and PULL, then COMMIT). The driver does not retry auto-commit transactions, so a connection
   * that died with a restarted Neo4j is retried here, once.
   */
  async read(name: StatementName, params: Params = {}): Promise<Row[]> {
    try {
      return await this.autoCommit(name, params);
    } catch (err) {
      if (!retriable(err)) throw err;
      return this.autoCommit(name, params);
    }
  }

  /**
   * Runs one read statement composed of its file and the parts src/store/filters.ts compiled: each
   * `__NAME__` placeholder of the file is replaced by `parts[NAME]`. The parts come only from the
   * filter compiler (fixed Cypher, values as parameters); a placeholder left without a part, or a
   * part without a placeholder, is a programming error and refuses to run.
   */
  async readComposed(name: StatementName, parts: Record<string, string>, params: Params = {}): Promise<Row[]> {
    const text = composeStatement(name, this.statement(name, 'read'), parts);
    try {
      return await this.autoCommit(name, params, text);
    } catch (err) {
      if (!retriable(err)) throw err;
      return this.autoCommit(name, params, text);
    }
  }

  /** Runs a write statement in its own write transaction. */
  write(name: StatementName, params: Params = {}): Promise<Row[]> {
    return this.session('write', (run) => run(name, params));
  }

  /**
   * Runs several statements in one write transaction: all of them commit, or none.
   * `timeoutMs` overrides the configured timeout (0: none), for bulk loads that are not requests.
   */
  writeTransaction<T>(work: (run: TxRun) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.session('write', work, options);
  }

  /** Runs several statements in one read transaction (one consistent snapshot). */
  readTransaction<T>(work: (run: TxRun) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.session('read', work, options);
  }

  /** Resolves when the database answers; rejects with DATABASE_UNAVAILABLE otherwise. */
  async ping(): Promise<void> {
    await this.read('system/ping');
  }

  /**
   * The bookmarks of an empty transaction on the writer, outside any causal chain: the last
   * transaction the database has committed (Neo4j answers a transaction that wrote nothing with it).
   */
  async latestBookmarks(): Promise<string[]> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite((tx) => tx.run(this.statement('system/ping', 'read')), { timeout: this.timeout({}) });
      return session.lastBookmarks();
    } catch (err) {
      throw translateError(err, 'system/ping');
    } finally {
      await session.close();
    }
  }

  /** What the driver's connection pool holds now (see poolCounts); undefined before the first session. */
  poolCounts(): PoolCounts | undefined {
    return poolCounts(this.driver);
  }

  /** Closes the driver (and its sockets, so Jest can exit). */
  async close(): Promise<void> {
    await this.driver.close();
  }

  /**
   * The text of a statement, refusing a writing one in a read transaction: a cluster sends read
   * transactions to followers, which refuse writes, so the mistake must fail here, on one
   * machine too, not first in production.
   */
  private statement(name: StatementName, mode: 'read' | 'write'): string {
    const s = this.cypher.get(name);
    if (!s) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `unknown Cypher statement ${name}`);
    if (mode === 'read' && s.mode === 'write') {
      throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `Cypher statement ${name} writes; it must run in a write transaction`, {}, { statement: name });
    }
    return s.text;
  }

  private openSession(mode: 'read' | 'write'): Session {
    return this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.options.causal.manager,
    });
  }

  private timeout(options: TxOptions): number {
    const configured = options.timeoutMs ?? this.options.timeoutMs;
    if (this.options.deadline === undefined) return configured;
    const left = Math.floor(this.options.deadline - Date.now());
    if (left <= 0) throw new AppError(ErrorCode.QUERY_TIMEOUT, 'The request used up its time budget (QUERY_TIMEOUT_MS).');
    return configured === 0 ? left : Math.min(configured, left);
  }

  /** Waits for a turn of the caller's pool share (see PoolShare); the function gives it back. */
  private async admit(): Promise<() => void> {
    const share = this.options.share;
    const key = share ? (share.key ?? share.pool.currentKey()) : undefined;
    return share && key !== undefined ? share.pool.acquire(key) : () => undefined;
  }

  private async autoCommit(name: StatementName, params: Params, text = this.statement(name, 'read')): Promise<Row[]> {
    const timeout = this.timeout({});
    const release = await this.admit();
    const session = this.openSession('read');
    try {
      return await this.observed(name, 'read', () => session.run(text, toParams(params), { timeout }));
    } catch (err) {
      throw translateError(err, name);
    } finally {
      await session.close();
      release();
    }
  }

  /**
   * Runs one statement in a span of its own (named after the statement; its parameters are never
   * recorded) and returns its rows as plain objects; tells the listeners how it went.
   */
  private observed(name: StatementName, mode: 'read' | 'write', query: () => PromiseLike<{ records: { toObject(): object }[] }>): Promise<Row[]> {
    const attributes = {
      'db.system': 'neo4j',
      'db.system.name': 'neo4j',
      'db.namespace': this.options.database,
      'db.query.summary': name,
      'db.neo4j.access_mode': mode,
    };
    return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      const started = performance.now();
      try {
        const { records } = await query();
        const rows = records.map((r) => toPlain(r.toObject()) as Row);
        this.tell({ name, mode, ms: performance.now() - started, rows: rows.length });
        return rows;
      } catch (err) {
        const error = neo4jCodeOf(err);
        this.tell({ name, mode, ms: performance.now() - started, rows: 0, error });
        span.setAttributes({ 'error.type': error, 'db.response.status_code': error });
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw err;
      } finally {
        span.end();
      }
    });
  }

  private tell(event: QueryEvent): void {
    for (const l of this.listeners) l(event);
  }

  private async session<T>(mode: 'read' | 'write', work: (run: TxRun) => Promise<T>, options: TxOptions = {}): Promise<T> {
    const timeout = this.timeout(options);
    const release = await this.admit();
    const session = this.openSession(mode);
    let current: StatementName = 'system/ping';
    try {
      const txWork = async (tx: ManagedTransaction) => {
        const run: TxRun = async (name, params = {}, parts) => {
          current = name;
          const text = parts ? composeStatement(name, this.statement(name, mode), parts) : this.statement(name, mode);
          return this.observed(name, mode, () => tx.run(text, toParams(params)));
        };
        return work(run);
      };
      const config = { timeout };
      if (mode === 'read') return await session.executeRead(txWork, config);
      let value: T;
      try {
        value = await session.executeWrite(txWork, config);
      } catch (err) {
        // A node this write matched was deleted by a concurrent transaction before this one could
        // lock it: the work runs once more, in a new transaction that sees it gone (and then
        // refuses cleanly, e.g. a reference check naming the missing element).
        if (!DELETED_UNDER_US.test(`${(err as Neo4jError)?.code} ${(err as Error)?.message}`)) throw err;
        value = await session.executeWrite(txWork, { timeout: this.timeout(options) });
      }
      this.options.causal.written = session.lastBookmarks();
      return value;
    } catch (err) {
      throw translateError(err, current);
    } finally {
      await session.close();
      release();
    }
  }
}
