/**
 * Subscription.changes and the change events it delivers: audit entries in commit order, read
 * from Neo4j by this server's ChangeHub (src/graphql/change-hub.ts); the transports that carry
 * them are in src/http/subscriptions.ts. Their cursors are those of Query.changes.
 */
import type { Resolvers } from '../generated';
import type { Context } from '../context';
import { createLoaders } from '../loaders';
import { badInput, ErrorCode, gqlError } from '../../errors';
import type { ChangeEvent, StandingChange } from '../../domain/elements';
import { decodeCursor, encodeCursor } from '../cursor';

/** The ordering of the change feed's cursors: an entry's place in commit order (its seq). */
export const CHANGES_ORDERING = 'seq';

/** The cursor of the entry numbered `seq`, for Query.changes and Subscription.changes alike. */
function changesCursor(seq: number): string {
  return encodeCursor('changes', CHANGES_ORDERING, [seq]);
}

/** The seq inside a cursor of the change feed, sent as `argument`. */
export function changesSeq(argument: string, cursor: string): number {
  const [seq] = decodeCursor(argument, cursor, 'changes', CHANGES_ORDERING);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) throw badInput(argument, 'is not a cursor this API issued; pass a ChangeEvent cursor or an edge cursor of changes as it came');
  return seq;
}

/** The standing changes whose claims still exist (a claim deleted since cannot be shown). */
async function presentChanges(changes: StandingChange[], ctx: Context): Promise<StandingChange[]> {
  const claims = await ctx.loaders.claim.loadMany(changes.map((c) => c.claim));
  return changes.filter((_c, i) => claims[i] !== null && !(claims[i] instanceof Error));
}

/** Resolvers of schema/subscriptions.graphql. */
export const subscriptionResolvers: Resolvers = {
  Subscription: {
    changes: {
      subscribe: (_p, args, ctx) => {
        if (!ctx.live) throw gqlError(ErrorCode.BAD_REQUEST, 'Subscriptions are served over graphql-ws at /graphql and server-sent events at /graphql/stream.');
        const after = args.after === null || args.after === undefined ? null : changesSeq('after', args.after);
        const ids = args.entityIds ?? null;
        if (ids && ids.length > ctx.config.limits.maxPageSize) throw badInput('entityIds', `at most ${ctx.config.limits.maxPageSize} ids (MAX_PAGE_SIZE), got ${ids.length}`);
        const events = ctx.live.subscribe({ after, entityIds: ids });
        // Each event is resolved with fresh loaders: a claim's status is read as the event finds it.
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          async next() {
            const r = await events.next();
            if (!r.done) ctx.loaders = createLoaders(ctx.db);
            return r.done ? r : { done: false, value: { changes: r.value } };
          },
          return: () => events.return!(),
          throw: (err: unknown) => events.throw!(err),
        } as AsyncIterableIterator<{ changes: ChangeEvent }>;
      },
    },
  },
  ChangeEvent: {
    cursor: (e) => changesCursor(e.seq),
    standingChanges: (e, _a, ctx) => presentChanges(e.standingChanges, ctx),
  },
  AuditEntry: {
    standingChanges: (e, _a, ctx) => presentChanges(e.standingChanges, ctx),
  },
  StandingChange: {
    claim: async (c, _a, ctx) => (await ctx.loaders.claim.load(c.claim))!,
  },
};
