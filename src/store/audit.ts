/**
 * The read side of the audit log: its pages (auditLog, the change feeds), the entries after a
 * seq (subscriptions), and the entry as the API and the public feed show it. The one module that
 * knows the audit statements that read and their parameters.
 */
import type { Executor, Row } from '../db/executor';
import type { ChangeEvent, StandingChange } from '../domain/elements';
import { AREA_BY_NAME } from '../seed/areas';
import { KeysetPage, KeysetPageParam, keysetPageOf } from './page';

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
function auditEntryOf(a: Record<string, unknown>): AuditEntryView {
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

/** One page of the audit log, newest first: of the entries touching `entityId`, or (null) of all. */
export async function auditPage(db: Executor, args: { entityId: string | null; page: KeysetPageParam }): Promise<KeysetPage<AuditEntryView>> {
  const [row] = await db.read('audit/list', { entityId: args.entityId, page: args.page });
  return keysetPageOf(row!, auditEntryOf);
}

/** One page of the entries since `since` (an ISO date-time in UTC), in commit order. */
export async function changesSince(db: Executor, args: { since: string; page: KeysetPageParam }): Promise<KeysetPage<AuditEntryView>> {
  const [row] = await db.read('audit/since', { since: args.since, page: args.page });
  return keysetPageOf(row!, auditEntryOf);
}

/** A stored audit entry (audit/after's `entry`) as a change event. */
function changeEventOf(a: Row): ChangeEvent {
  return {
    seq: Number(a.seq),
    at: a.at as string,
    actor: a.actor as string,
    operation: a.operation as string,
    entityIds: (a.entityIds as string[]) ?? [],
    standingChanges: a.standingChangesJson ? (JSON.parse(a.standingChangesJson as string) as StandingChange[]) : [],
  };
}

/** The seq of the last committed entry. */
export async function lastAuditSeq(db: Executor): Promise<number> {
  const [row] = await db.read('audit/last-seq');
  return Number(row!.seq);
}

/** At most `limit` entries after seq `after`, in commit order: of those touching `entityIds`, or (null) of all. */
export async function changeEventsAfter(db: Executor, args: { after: number; entityIds: readonly string[] | null; limit: number }): Promise<ChangeEvent[]> {
  const rows = await db.read('audit/after', { after: args.after, entityIds: args.entityIds ? [...args.entityIds] : null, limit: args.limit });
  return rows.map((r) => changeEventOf(r.entry));
}
