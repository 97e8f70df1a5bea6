/** The audit log: every write through the API or the seed command, newest first. */
import type { Resolvers } from '../generated';
import { connection, pageArgs } from '../paging';
import { requireCurator } from './curation';
import { badInput } from '../../errors';

/** One audit entry as the API shows it. */
export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  operation: string;
  entityIds: string[];
  changes: { area: string; id: string; before: unknown; after: unknown }[];
  summary: unknown;
}

/** A stored audit entry (a row of audit/list or audit/since) as the API shows it. */
export function auditEntryOf(a: Record<string, unknown>): AuditEntryView {
  const parsed = JSON.parse(a.changesJson as string) as unknown;
  // API writes store the list of changes; bulk seeds store a summary object instead.
  const changes = Array.isArray(parsed) ? (parsed as AuditEntryView['changes']) : [];
  return {
    id: a.id as string,
    at: a.at as string,
    actor: a.actor as string,
    operation: a.operation as string,
    entityIds: (a.entityIds as string[]) ?? [],
    changes,
    summary: Array.isArray(parsed) ? null : parsed,
  };
}

/**
 * An entry as the public change feed shows it: what changed, without what only curators may
 * read (auditLog's reasons): the token's name becomes "curator", a seed's "seed:<OS user>"
 * becomes "seed", and a seed's summary (server paths) is left out.
 */
export function publicAuditEntry(e: AuditEntryView): AuditEntryView {
  return { ...e, actor: e.actor.startsWith('seed:') || e.operation === 'seed' ? 'seed' : 'curator', summary: null };
}

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
    auditLog: async (_p, args, ctx) => {
      // It holds server paths, the seeding OS user, token names and the data of deleted elements.
      requireCurator(ctx);
      const page = pageArgs(args.first, args.after, ctx.config.limits.maxPageSize);
      const [row] = await ctx.db.read('audit/list', { entityId: args.entityId ?? null, ...page });
      const rows = (row!.page as Record<string, unknown>[]).map(auditEntryOf);
      return connection({ total: row!.total as number, rows }, page);
    },
    changes: async (_p, args, ctx) => {
      // A feed for anyone who may read the graph; curators see the entries as auditLog shows them.
      const page = pageArgs(args.first, args.after, ctx.config.limits.maxPageSize);
      const [row] = await ctx.db.read('audit/since', { since: parseSince(args.since), ...page });
      const entries = (row!.page as Record<string, unknown>[]).map(auditEntryOf);
      const rows = ctx.caller.role === 'curator' ? entries : entries.map(publicAuditEntry);
      return connection({ total: row!.total as number, rows }, page);
    },
  },
};
