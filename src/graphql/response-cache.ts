/**
 * The response cache of a read-mostly graph (RESPONSE_CACHE_MB; off at 0, the default): the
 * answers of anonymous queries, kept by operation text, operation name, variables and the graph's
 * version, which is the seq of the last committed audit entry (cypher/audit/last-seq.cypher).
 * Every committed write records an audit entry in its own transaction, so the version advances
 * with every write, and every replica over one Neo4j reads the same one: none serves an answer
 * from before a write that any of them committed before the request arrived.
 *
 * Only anonymous queries without bookmarks and without errors are kept or served: a token's
 * answers may differ by role, and a request that sends Neo4j-Bookmarks asks to see a write that
 * the version it would read may not show yet (a follower behind the leader), so it goes to Neo4j
 * as ever. Fields never public (the audit log, changes) are never kept.
 *
 * The version is read once per request, before the answer is looked up; requests that arrive
 * while a read is on its way wait for the next one rather than join it (a read that started
 * before a request arrived may have missed a write the requester already saw committed). The
 * plugin answers from `responseForOperation`, after parsing, validation, the limits and the cost
 * (didResolveOperation): a cached answer passes every check a fresh one does, and the access log,
 * metrics and Cache-Control plugins see it as any other.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Executor } from '../db/executor';
import { lastAuditSeq } from '../store/audit';
import type { Context } from './context';
import { fieldsAsked, NEVER_PUBLIC } from './cache-hints';
import { BOOKMARKS_HEADER } from '../http/bookmarks';

/** One kept answer: its data and its size, the JSON length counted against the budget. */
interface Entry {
  data: Record<string, unknown>;
  bytes: number;
}

/** Answers by key, least recently used first, within a byte budget; all of one graph version. */
class AnswerLru {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  /** The graph version the entries belong to; a newer one empties the cache. */
  version = -1;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  set(key: string, entry: Entry): void {
    if (entry.bytes > this.maxBytes / 8) return; // one answer may not push out most of the others
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  /**
   * Moves to `version`: another one drops every answer of the old. Another, not only a newer: a
   * store replaced by an older backup's restore still advances the seq, but a replaced Neo4j
   * (NEO4J_URI pointed elsewhere) may count from less.
   */
  at(version: number): void {
    if (version !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
    }
  }
}

/**
 * Reads the graph's version from Neo4j for the requests that arrive: each gets a read that
 * started after it arrived, shared with the others that arrived before that read started.
 */
class VersionReader {
  private next: Promise<number> | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly db: Executor) {}

  read(): Promise<number> {
    // A read already running started before this request arrived: wait for the one after it.
    if (this.next) return this.next;
    if (!this.running) return (this.running = this.start());
    const after = this.running.catch(() => undefined).then(() => {
      this.next = null;
      return (this.running = this.start());
    });
    return (this.next = after);
  }

  private async start(): Promise<number> {
    try {
      return await lastAuditSeq(this.db);
    } finally {
      this.running = null;
    }
  }
}

/** Whether answers to `document` may be kept: a query, asking no field that is never public. */
function keepable(schema: GraphQLSchema, document: DocumentNode, memo: WeakMap<DocumentNode, boolean>): boolean {
  let ok = memo.get(document);
  if (ok === undefined) {
    ok = !fieldsAsked(schema, document).some((f) => NEVER_PUBLIC.has(f.coordinate));
    memo.set(document, ok);
  }
  return ok;
}

/** What the plugin remembers between looking an answer up and keeping it. */
const PENDING = Symbol('responseCacheKey');

/**
 * Apollo plugin: the response cache (see the module's comment). `db` is the server's executor,
 * outside any request (the version read takes no caller's budget).
 */
export function responseCache(schema: GraphQLSchema, db: Executor, maxMb: number): ApolloServerPlugin<Context> {
  const cache = new AnswerLru(maxMb * 1024 * 1024);
  const versions = new VersionReader(db);
  const memo = new WeakMap<DocumentNode, boolean>();
  const eligible = (rc: GraphQLRequestContext<Context>): boolean =>
    rc.operation?.operation === 'query' &&
    rc.contextValue.caller?.role === 'anonymous' &&
    !rc.request.http?.headers.get(BOOKMARKS_HEADER.toLowerCase()) &&
    !!rc.document &&
    keepable(schema, rc.document, memo);
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc) {
          if (!eligible(rc)) return null;
          let version: number;
          try {
            version = await versions.read();
          } catch {
            return null; // Neo4j away: the operation itself will say so
          }
          cache.at(version);
          const key = `${version}\u0000${rc.operationName ?? ''}\u0000${rc.request.query ?? ''}\u0000${JSON.stringify(rc.request.variables ?? {})}`;
          const hit = version === cache.version ? cache.get(key) : undefined;
          if (hit) return { http: { status: undefined, headers: new HeaderMap([['x-response-cache', 'hit']]) }, body: { kind: 'single', singleResult: { data: hit.data } } };
          (rc as unknown as Record<symbol, unknown>)[PENDING] = { key, version };
          return null;
        },
        async willSendResponse(rc) {
          const pending = (rc as unknown as Record<symbol, { key: string; version: number } | undefined>)[PENDING];
          if (!pending || rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          rc.response.http.headers.set('x-response-cache', 'miss');
          if (result.errors || !result.data || pending.version !== cache.version) return;
          cache.set(pending.key, { data: result.data, bytes: JSON.stringify(result.data).length });
        },
      };
    },
  };
}
