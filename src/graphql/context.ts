/** The per-request context: loaders are built fresh for every request, never shared. */
import type { CausalScope, Executor } from '../db/executor';
import { createLoaders, Loaders } from './loaders';
import type { Config } from '../config';
import type { CostBudget } from './limits';
import type { Caller } from '../domain/caller';
import type { ChangeEvent } from '../domain/elements';


/** What a curation write did to its element. */
export type WriteOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED';

/** What every resolver receives. */
export interface Context {
  db: Executor;
  loaders: Loaders;
  config: Config;
  caller: Caller;
  /** Complexity spent so far by this request's operations: a batch (or an embed view) shares one MAX_COMPLEXITY. */
  cost: CostBudget;
  /** Each upsert's outcome by response key; the server returns them as `extensions.outcomes`. */
  outcomes: Record<string, WriteOutcome>;
  /** The request's causal chain (bookmarks); the server returns its writes' bookmarks as `extensions.bookmarks`. */
  causal?: CausalScope;
  /**
   * A subscription's link to its server's change hub through its transport (src/http/subscriptions.ts);
   * absent for queries and mutations over HTTP. Throws when the caller holds MAX_SUBSCRIPTIONS already.
   */
  live?: { subscribe(options: { after: number | null; entityIds: string[] | null }): AsyncIterableIterator<ChangeEvent> };
}

/**
 * The context of one request (or one embed view): the executor with the request's time budget
 * (QUERY_TIMEOUT_MS, shared by every statement its resolvers run) and, when given, its causal
 * chain (see src/http/bookmarks.ts), with fresh loaders over it.
 */
export function createContext(db: Executor, config: Config, caller: Caller, causal?: CausalScope): Context {
  const timed = db.withDeadline(Date.now() + config.queryTimeoutMs);
  const scoped = causal ? timed.withCausal(causal) : timed;
  return { db: scoped, loaders: createLoaders(scoped), config, caller, cost: { spent: 0 }, outcomes: {}, causal };
}
