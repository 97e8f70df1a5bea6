/**
 * The serving state of the process, as Apollo Server keeps its own: one state machine, owned
 * here, that main.ts drives (start-up work, Neo4j's supervision, signals) and /readyz reads.
 *
 *   initialized → starting → ready ⇄ degraded
 *        starting, ready, degraded → draining → stopped
 *
 * `starting`: HTTP listens, Neo4j, the schema or the seed is not done yet. `ready`: serving.
 * `degraded`: serving while the embedded Neo4j is being started again (/readyz asks Neo4j, as in
 * `ready`, and answers 503 while it is away). `draining`: a signal (or a failed start-up) came;
 * new connections are refused and requests in flight finish. Any other move is a bug in the
 * caller and is refused with an Error naming both states, so a late event (the JVM restarted
 * during a drain) cannot make a stopping server look ready again.
 */

/** A state of the serving process. */
export type LifecycleState = 'initialized' | 'starting' | 'ready' | 'degraded' | 'draining' | 'stopped';

/** The legal moves: from each state, the states it may go to. */
const NEXT: Readonly<Record<LifecycleState, readonly LifecycleState[]>> = {
  initialized: ['starting'],
  starting: ['ready', 'draining'],
  ready: ['degraded', 'draining'],
  degraded: ['ready', 'draining'],
  draining: ['stopped'],
  stopped: [],
};

/** One process's serving state; see the module's comment for the states and their moves. */
export class Lifecycle {
  private current: LifecycleState = 'initialized';
  private readonly stopping = new AbortController();

  /** The state now. */
  get state(): LifecycleState {
    return this.current;
  }

  /** Aborted once draining begins: the waits of start-up (Neo4j's backoff) end on it. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /** True while /readyz may route readers here (then it still asks Neo4j). */
  get serving(): boolean {
    return this.current === 'ready' || this.current === 'degraded';
  }

  /** Whether a move from the current state to `to` is legal. */
  may(to: LifecycleState): boolean {
    return NEXT[this.current].includes(to);
  }

  /**
   * Moves to `to`.
   * @throws Error when the move is not legal from the current state.
   */
  to(to: LifecycleState): void {
    const from = this.current;
    if (!this.may(to)) throw new Error(`lifecycle: ${from} → ${to} is not a legal move (from ${from}: ${NEXT[from].join(', ') || 'none'})`);
    this.current = to;
    if (to === 'draining') this.stopping.abort();
  }
}
