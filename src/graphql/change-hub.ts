/**
 * Where subscriptions learn of writes: from Neo4j itself, never from memory or a bus of our own.
 * Every audited write numbers its audit entry from one counter in its own transaction
 * (cypher/audit/record.cypher), so entry numbers (seq) follow commit order without gaps. One
 * poller per server reads the entries after the last seq it delivered and hands them to every
 * subscriber of this server; a write made through any replica is therefore seen by all of them.
 *
 * A subscriber that starts from a cursor first reads its backlog (the entries after its seq)
 * itself, while the poller's entries wait in its queue; both are delivered in seq order, each
 * once. Each subscriber's queue, and what its transport has not yet sent, are bounded: over
 * either bound the subscriber is dropped (its transport closes, see src/http/subscriptions.ts),
 * and the client resumes with the last cursor it received.
 */
import type { Logger } from 'pino';
import type { Executor } from '../db/executor';
import type { ChangeEvent } from '../domain/elements';
import { changeEventsAfter, lastAuditSeq } from '../store/audit';
import { metrics } from '../metrics';

/** Shortest wait between two polls (after a poll that found entries, the next one comes at once). */
const MIN_POLL_MS = 20;
/** Entries read by one poll, and by one backlog page. */
const BATCH = 200;
/** What an event waiting in a subscriber's queue is counted as against SUBSCRIPTION_BUFFER_BYTES. */
const QUEUED_EVENT_BYTES = 1000;

/** What a subscriber's transport tells the hub: how much it has not sent yet, and how to drop it. */
export interface SubscriberStream {
  /** Bytes accepted for sending but not yet handed to the network. */
  buffered(): number;
  /** Ends the subscriber's connection (or stream), telling the client why when the transport can. */
  drop(reason: string): void;
}

/** Options of one subscription. */
interface SubscribeOptions {
  /** The seq after which events start; null: from the last committed entry (only new writes). */
  after: number | null;
  /** Only entries that touched one of these ids; null: all. */
  entityIds: string[] | null;
  stream?: SubscriberStream;
  /** Called once when the subscription ends, however it ends. */
  onEnd?: () => void;
}

type Listener = (events: ChangeEvent[]) => void;

/** One server's poller of the audit log and its subscribers. */
export class ChangeHub {
  private readonly listeners = new Set<Listener>();
  /** The seq of the last entry handed to listeners; null until the poller first starts. */
  private last: number | null = null;
  private running = false;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Executor,
    private readonly log: Logger,
    private readonly options: { maxPollMs: number; maxBufferedBytes: number },
  ) {}

  /** Subscribers on this server now. */
  get size(): number {
    return this.listeners.size;
  }

  /** Stops polling for good (the server is stopping); open iterators end. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
    for (const l of [...this.listeners]) l([]);
  }

  /** The seq of the last committed entry. */
  private lastSeq(): Promise<number> {
    return lastAuditSeq(this.db);
  }

  private async poll(): Promise<void> {
    let wait = MIN_POLL_MS;
    while (!this.stopped && this.listeners.size > 0) {
      let found = 0;
      try {
        if (this.last === null) this.last = await this.lastSeq();
        const events = await changeEventsAfter(this.db, { after: this.last, entityIds: null, limit: BATCH });
        found = events.length;
        if (found > 0) {
          this.last = events[events.length - 1]!.seq;
          for (const l of [...this.listeners]) l(events);
        }
        // Writes come in bursts: poll again soon after one, and back off while none come.
        wait = found > 0 ? MIN_POLL_MS : Math.min(wait * 2, this.options.maxPollMs);
      } catch (err) {
        // Neo4j away: subscribers keep waiting (their cursors stay valid); the poller retries slowly.
        this.log.warn({ err }, 'subscriptions: polling the audit log failed; retrying');
        wait = this.options.maxPollMs;
      }
      if (found < BATCH) await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => (clearTimeout(t), resolve());
      });
      this.wake = null;
    }
    this.running = false;
    // Started again later, it starts from the last committed entry, not from a backlog nobody waits for.
    this.last = null;
  }

  private ensurePolling(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.poll();
  }

  /**
   * The events after `options.after` in commit order, then each new one: an async iterator that
   * ends when the client ends it (return()), when the hub stops, or when the subscriber falls too
   * far behind (it is then dropped through its stream and the iterator throws).
   */
  subscribe(options: SubscribeOptions): AsyncIterableIterator<ChangeEvent> {
    const { entityIds, stream, onEnd } = options;
    const wanted = entityIds ? new Set(entityIds) : null;
    const matches = (e: ChangeEvent) => wanted === null || e.entityIds.some((id) => wanted.has(id));
    const queue: ChangeEvent[] = [];
    let delivered: number | null = options.after;
    let catchingUp = true;
    let failure: Error | null = null;
    let done = false;
    let notify: (() => void) | null = null;
    const hub = this;

    // Unread: what waits in the queue and what the transport has not sent (the client is not reading).
    const overflowing = () => queue.length * QUEUED_EVENT_BYTES + (stream?.buffered() ?? 0) > this.options.maxBufferedBytes;
    const fail = (reason: string) => {
      if (failure || done) return;
      failure = new Error(reason);
      this.listeners.delete(listener);
      metrics.subscriptionsDropped.inc();
      metrics.subscriptionsOpen.dec();
      onEnd?.();
      stream?.drop(reason);
      notify?.();
    };
    const listener: Listener = (events) => {
      for (const e of events) if (matches(e)) queue.push(e);
      if (overflowing()) fail('slow consumer: this subscriber left too many events unread; subscribe again with the cursor of the last event it received');
      notify?.();
    };
    // Listening first, then reading the backlog: whatever the poller hands over meanwhile waits
    // in the queue, and what the backlog also holds is skipped by its seq.
    this.listeners.add(listener);
    metrics.subscriptionsOpen.inc();
    this.ensurePolling();

    // One page of the backlog: the matching entries after what was delivered.
    const catchUp = async () => {
      if (delivered === null) delivered = await hub.lastSeq();
      const page = await changeEventsAfter(hub.db, { after: delivered, entityIds: entityIds ?? null, limit: BATCH });
      return { page, more: page.length === BATCH };
    };
    let backlog: ChangeEvent[] = [];

    const finish = () => {
      if (!done && !failure) (metrics.subscriptionsOpen.dec(), onEnd?.());
      done = true;
      this.listeners.delete(listener);
      notify?.();
    };

    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next(): Promise<IteratorResult<ChangeEvent>> {
        for (;;) {
          if (done) return { value: undefined, done: true };
          if (failure) throw failure;
          if (hub.stopped) return (finish(), { value: undefined, done: true });
          if (backlog.length === 0 && catchingUp) {
            const { page, more } = await catchUp();
            backlog = page;
            catchingUp = more;
            continue;
          }
          const live = backlog.length === 0;
          const next = live ? queue.shift() : backlog.shift()!;
          if (next) {
            if (delivered !== null && next.seq <= delivered) continue;
            delivered = next.seq;
            metrics.subscriptionEvents.inc();
            if (live) metrics.subscriptionDelay.observe(Math.max(0, Date.now() - Date.parse(next.at)) / 1000);
            return { value: next, done: false };
          }
          await new Promise<void>((resolve) => (notify = resolve));
          notify = null;
        }
      },
      async return(): Promise<IteratorResult<ChangeEvent>> {
        finish();
        return { value: undefined, done: true };
      },
      async throw(err: unknown): Promise<IteratorResult<ChangeEvent>> {
        finish();
        throw err;
      },
    };
  }
}
