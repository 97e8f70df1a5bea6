/**
 * Deleting an entity (Mutation.deleteEntity): refused while anything refers to it, else the
 * entity goes with its relationships and the claims it alone made or is the only subject of,
 * the evidence rule re-runs over the propositions those claims were on, and the audit entry is
 * recorded, all in one write transaction.
 */
import type { Executor } from '../db/executor';
import { AppError, ErrorCode } from '../errors';
import { recordAudit, scoreEvidence } from './seeder';

/** One element that refers to an entity (see cypher/entity/references.cypher). */
interface Reference {
  area: string;
  id: string;
  field: string;
}

/** How many referring elements a refused delete names (the count covers all). */
const MAX_LISTED_REFERENCES = 20;

/**
 * The refusal of a delete that would leave dangling references: CONFLICT, naming the first
 * referring elements and how many there are, so the curator knows what to edit first.
 */
function stillReferenced(id: string, total: number, first: Reference[]): AppError {
  const listed = first.map((r) => `${r.area} ${r.id} (${r.field})`).join(', ');
  const more = total > first.length ? ` and ${total - first.length} more` : '';
  return new AppError(
    ErrorCode.CONFLICT,
    `entity "${id}" is still referred to by ${total} element${total === 1 ? '' : 's'}: ${listed}${more}; nothing was deleted`,
    { references: first, referenceCount: total },
  );
}

/**
 * Deletes entity `id` for `actor`; false when there is no such entity. Throws CONFLICT (rolling
 * the transaction back) while an element still refers to it.
 */
export function deleteEntity(db: Executor, id: string, actor: string): Promise<boolean> {
  return db.writeTransaction(async (run): Promise<boolean> => {
    // Locked before anything is read: a write that depends on the entity (a claim it makes,
    // a relationship to it) and locks it too runs wholly before or wholly after the delete.
    await run('seed/lock', { ids: [id] });
    // In the same transaction as the delete: a citation added meanwhile cannot slip between.
    // Thrown, the refusal rolls the transaction back and reaches the client as it is (the executor passes AppErrors through).
    const [refs] = await run('entity/references', { id, max: MAX_LISTED_REFERENCES });
    if (refs && refs.total > 0) throw stillReferenced(id, refs.total as number, refs.first as Reference[]);
    const [row] = await run('entity/delete', { id });
    if (!row) return false;
    const removed = [
      { area: 'entities', id, before: row.entity, after: null },
      ...(row.relationships as Record<string, unknown>[]).map((r) => ({ area: 'relationships', id: r.id as string, before: r, after: null })),
      ...(row.claims as Record<string, unknown>[]).map((c) => ({ area: 'claims', id: c.id as string, before: c, after: null })),
    ];
    const touched = new Set([id, ...(row.relationships as { from: string; to: string }[]).flatMap((r) => [r.from, r.to]), ...removed.filter((c) => c.area === 'claims').map((c) => c.id)]);
    // The lines of evidence of the propositions the removed claims were on change with them.
    const standingChanges = await scoreEvidence(run, [], [...new Set((row.claims as { propositionId: string }[]).map((c) => c.propositionId))]);
    await recordAudit(run, { actor, operation: 'deleteEntity', entityIds: [...touched], changes: removed, standingChanges });
    return true;
  });
}
