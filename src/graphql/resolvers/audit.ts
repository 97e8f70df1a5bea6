/** The audit log: every write through the API or the seed command, newest first. */
import type { Resolvers } from '../generated';
import { keysetArgs, keysetConnection, keysetPageOf, pageRequest } from '../paging';
import { requireCurator } from './curation';
import { badInput } from '../../errors';
import { AREA_BY_NAME } from '../../seed/areas';
import type { StandingChange } from '../../domain/elements';
import { CHANGES_ORDERING, changesSeq } from './subscriptions';

/** One audit entry as the API shows it. */
export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  operation: string;
  entityIds: string[];
  changes: { area: string; id: string; before: unknown; after: unknown }[];
  summary: unknown;
  /** Claims whose status the write changed (entries written before these were recorded: none). */
  standingChanges: StandingChange[];
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
    standingChanges: a.standingChangesJson ? (JSON.parse(a.standingChangesJson as string) as StandingChange[]) : [],
  };
}

/**
 * One side of a change as the public sees it: the element in the names of the seed files and of
 * /api/export's seed layout (`aliases`, `sources: [{document, quote}]`, a claim's `claimant`), not
 * the storage keys (`aliasText`, `sourceDocs`, `sourceQuotes`, `claimantId`). A side an erasure
 * withheld (`{"withheld": …}`, see src/seed/erase.ts) stays as it is.
 */
function publicElement(area: string, id: string, stored: unknown): unknown {
  const module = AREA_BY_NAME.get(area);
  if (stored === null || typeof stored !== 'object' || !module || 'withheld' in stored) return stored ?? null;
  const item = module.fromStored(stored as Record<string, unknown>) as Record<string, unknown>;
  if (area !== 'relationships') return item;
  // A relationship's ends and type are in its id (from:TYPE:to), not among its stored properties.
  const [from, type, to] = id.split(':');
  return { from, type, to, ...item };
}

/**
 * An entry as the public change feed shows it: what changed, in the public names, without what
 * only curators may read (auditLog's reasons): the token's name becomes "curator", a seed's
 * "seed:<OS user>" becomes "seed", and a seed's summary (server paths) is left out.
 */
export function publicAuditEntry(e: AuditEntryView): AuditEntryView {
  return {
    ...e,
    actor: e.actor.startsWith('seed:') || e.operation === 'seed' ? 'seed' : 'curator',
    changes: e.changes.map((c) => ({ ...c, before: publicElement(c.area, c.id, c.before), after: publicElement(c.area, c.id, c.after) })),
    summary: null,
  };
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
    auditLog: async (_p, args, ctx, info) => {
      // It holds server paths, the seeding OS user, token names and the data of deleted elements.
      requireCurator(ctx);
      const page = keysetArgs(pageRequest(args, info), ctx.config.limits.maxPageSize, 'auditLog', 'at DESC');
      const [row] = await ctx.db.read('audit/list', { entityId: args.entityId ?? null, page: page.page });
      return keysetConnection(keysetPageOf(row!, auditEntryOf), page);
    },
    changes: async (_p, args, ctx, info) => {
      // A feed for anyone who may read the graph; curators see the entries as auditLog shows them.
      // In commit order (seq), not by `at`: a write committing after a later-stamped one would
      // otherwise land behind a cursor already handed out. Its cursors are the subscription's.
      for (const arg of ['after', 'before'] as const) if (args[arg] !== null && args[arg] !== undefined) changesSeq(arg, args[arg]!);
      const page = keysetArgs(pageRequest(args, info), ctx.config.limits.maxPageSize, 'changes', CHANGES_ORDERING);
      const [row] = await ctx.db.read('audit/since', { since: parseSince(args.since), page: page.page });
      const entries = keysetPageOf(row!, auditEntryOf);
      return keysetConnection(ctx.caller.role === 'curator' ? entries : { ...entries, rows: entries.rows.map(publicAuditEntry) }, page);
    },
  },
};
