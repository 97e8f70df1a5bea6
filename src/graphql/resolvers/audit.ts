/** The audit log: every write through the API or the seed command, newest first. */
import type { Resolvers } from '../generated';
import { keysetArgs, keysetConnection, pageRequest } from '../paging';
import { requireCurator } from './curation';
import { badInput } from '../../errors';
import { auditPage, changesSince, publicAuditEntry } from '../../store/audit';
import { CHANGES_ORDERING, changesSeq } from './subscriptions';

/** `since` of changes: an ISO 8601 date-time with its offset (or a date, meaning its midnight UTC), as an ISO string in UTC. */
export function parseSince(since: string): string {
  const m = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(since.trim());
  const at = m ? Date.parse(since.trim()) : NaN;
  if (Number.isNaN(at)) throw badInput('since', `must be an ISO 8601 date-time with its offset such as 2026-01-31T12:00:00Z (or a date), got "${since.slice(0, 60)}"`);
  return new Date(at).toISOString();
}

/** Resolvers of schema/audit.graphql. */
export const auditResolvers: Resolvers = {
  Query: {
    auditLog: async (_p, args, ctx, info) => {
      // It holds server paths, the seeding OS user, token names and the data of deleted elements.
      requireCurator(ctx);
      const page = keysetArgs(pageRequest(args, info), ctx.config.limits.maxPageSize, 'auditLog', 'at DESC');
      return keysetConnection(await auditPage(ctx.db, { entityId: args.entityId ?? null, page: page.page }), page);
    },
    changes: async (_p, args, ctx, info) => {
      // A feed for anyone who may read the graph; curators see the entries as auditLog shows them.
      // In commit order (seq), not by `at`: a write committing after a later-stamped one would
      // otherwise land behind a cursor already handed out. Its cursors are the subscription's.
      for (const arg of ['after', 'before'] as const) if (args[arg] !== null && args[arg] !== undefined) changesSeq(arg, args[arg]!);
      const page = keysetArgs(pageRequest(args, info), ctx.config.limits.maxPageSize, 'changes', CHANGES_ORDERING);
      const entries = await changesSince(ctx.db, { since: parseSince(args.since), page: page.page });
      return keysetConnection(ctx.caller.role === 'curator' ? entries : { ...entries, rows: entries.rows.map(publicAuditEntry) }, page);
    },
  },
};
