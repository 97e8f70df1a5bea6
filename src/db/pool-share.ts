/**
 * One caller's share of the driver's connection pool: at most `share` of its transactions hold a
 * connection at once, and the rest wait their turn here, holding nothing. Without it one caller's
 * slow requests (a flood, or bookmarks Neo4j must wait for) could take all 50 pooled connections,
 * and every other caller would wait for the pool instead of being served.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError, ErrorCode } from '../errors';

/** A caller's transactions holding a connection, and those waiting for one of the caller's share. */
interface Holder {
  held: number;
  waiting: (() => void)[];
}

/** Per-caller admission to the pool (POOL_SHARE_PER_CALLER). */
export class PoolShare {
  private readonly holders = new Map<string, Holder>();
  private readonly scope = new AsyncLocalStorage<string>();

  /**
   * @param share most transactions of one caller at once.
   * @param maxWaitMs longest wait for a turn before the request is refused (RATE_LIMITED).
   */
  constructor(
    readonly share: number,
    private readonly maxWaitMs = 5_000,
  ) {}

  /**
   * Runs `work` (a route's handling of one request, and everything it awaits) as caller `key`:
   * an executor from `Executor.withShare(pool)` without a key takes its turns from that caller's
   * share. For routes that build their executor once (the view, the exports, /reconcile) rather
   * than per request as /graphql's context does.
   */
  within<T>(key: string, work: () => T): T {
    return this.scope.run(key, work);
  }

  /** The caller of the request being handled (see within); undefined outside one. */
  currentKey(): string | undefined {
    return this.scope.getStore();
  }

  /** Transactions of `key` holding a turn now (tests read it). */
  heldBy(key: string): number {
    return this.holders.get(key)?.held ?? 0;
  }

  /**
   * Waits for a turn of `key`'s share; resolves to the function that gives it back (call it once).
   * @throws AppError RATE_LIMITED when no turn came within maxWaitMs.
   */
  async acquire(key: string): Promise<() => void> {
    let h = this.holders.get(key);
    if (!h) this.holders.set(key, (h = { held: 0, waiting: [] }));
    const holder = h;
    if (holder.held < this.share) {
      holder.held++;
    } else {
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          holder.waiting.splice(holder.waiting.indexOf(turn), 1);
          reject(
            new AppError(
              ErrorCode.RATE_LIMITED,
              `More than ${this.share} of this caller's transactions at once (POOL_SHARE_PER_CALLER), and none ended within ${this.maxWaitMs} ms; retry shortly.`,
            ),
          );
        }, this.maxWaitMs);
        holder.waiting.push(turn);
      });
      // The turn was handed over by release() without lowering `held`.
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = holder.waiting.shift();
      if (next) return next();
      holder.held--;
      if (holder.held === 0) this.holders.delete(key);
    };
  }
}
