/** The per-request context: loaders are built fresh for every request, never shared. */
import type { Executor } from '../db/executor';
import { createLoaders, Loaders } from './loaders';
import type { Config } from '../config';
import type { CostBudget } from './limits';
import type { Caller } from '../domain/caller';


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
}

/**
 * The context of one request (or one embed view): the executor with the request's time budget
 * (QUERY_TIMEOUT_MS, shared by every statement its resolvers run) and fresh loaders over it.
 */
export function createContext(db: Executor, config: Config, caller: Caller): Context {
  const scoped = db.withDeadline(Date.now() + config.queryTimeoutMs);
  return { db: scoped, loaders: createLoaders(scoped), config, caller, cost: { spent: 0 }, outcomes: {} };
}
