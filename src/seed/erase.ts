/**
 * `npm run erase -- ID`: for an erasure request about a named person (or any deleted entity),
 * withholds what the audit log recorded of the deleted entity's content, for good: the entity's
 * own properties, its relationships' and the claims by or about it, in every entry that touched
 * it. The entries stay (who, when, which operation, which ids), so the change feed and auditLog
 * still say that it was created, changed and deleted; what it said is gone.
 *
 * Refused (exit 1, nothing changed) while the entity is stored: delete it first (deleteEntity).
 * Exit codes: 0 done, 1 refused or failed, 2 usage error. The backups hold no audit entries.
 */
import { loadConfigOrExit } from '../config';
import { connect } from '../db/connect';
import type { Executor } from '../db/executor';
import { AppError, ErrorCode } from '../errors';
import { AREA_BY_NAME } from './areas';

/** What replaces a withheld side of a change. */
export const WITHHELD = { withheld: 'erased on request' } as const;

/** A recorded change: the stored element before and after a write. */
interface RecordedChange {
  area: string;
  id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * True when a side of a change is the erased entity's content or names it: what its area says
 * names an entity (`namesEntity`: a relationship's end, a claim's claimant or subject).
 */
function concerns(change: RecordedChange, id: string): boolean {
  if (change.id === id) return true;
  const names = AREA_BY_NAME.get(change.area)?.namesEntity;
  return names !== undefined && [change.before, change.after].some((side) => side !== null && names(id, change.id, side));
}

/** The changes of one entry with every side about `id` withheld (null sides stay null: created and removed still show). */
function withheldChanges(changes: RecordedChange[], id: string): RecordedChange[] {
  return changes.map((c) =>
    concerns(c, id) ? { ...c, before: c.before === null ? null : { ...WITHHELD }, after: c.after === null ? null : { ...WITHHELD } } : c,
  );
}

/**
 * Withholds the recorded content of the deleted entity `id` in one transaction; the number of
 * entries rewritten. Refused while the entity is stored.
 */
export async function eraseDeleted(db: Executor, id: string): Promise<number> {
  return db.writeTransaction(async (run) => {
    if ((await run('entity/by-ids', { ids: [id] })).length > 0) throw new AppError(ErrorCode.CONFLICT, `entity ${id} is still stored: delete it first (deleteEntity); nothing was changed`);
    const entries = await run('audit/touching', { id });
    const rewritten = entries.flatMap((e) => {
      const parsed = JSON.parse(e.changesJson as string) as unknown;
      // A bulk seed records a summary, not the elements.
      if (!Array.isArray(parsed)) return [];
      const changesJson = JSON.stringify(withheldChanges(parsed as RecordedChange[], id));
      return changesJson === e.changesJson ? [] : [{ id: e.id as string, changesJson }];
    });
    if (rewritten.length > 0) await run('audit/withhold', { entries: rewritten });
    return rewritten.length;
  });
}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0]!.startsWith('-')) {
    process.stderr.write('usage: npm run erase -- ENTITY_ID\n');
    return 2;
  }
  const config = loadConfigOrExit();
  const conn = await connect(config, (m) => process.stderr.write(`erase: ${m}\n`), true);
  try {
    const n = await eraseDeleted(conn.db, argv[0]!);
    process.stdout.write(`erase: withheld the content of ${argv[0]} in ${n} audit entr${n === 1 ? 'y' : 'ies'}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`erase: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await conn.close();
  }
}

// Run as a command, not when a test imports it.
if (require.main === module) main(process.argv.slice(2)).then((code) => process.exit(code));
