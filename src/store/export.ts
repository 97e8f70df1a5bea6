/**
 * The read side of the whole-graph export: every entity (with its relationships), every claim,
 * every disputed proposition, page by page. Each page is its own auto-commit read, so nothing
 * stays open between pages: a consumer that stops (a client that disconnected) leaves no
 * transaction behind, and a page waits for the consumer before the next is read. The price: a
 * write committed during an export can show in the pages after it. The one module that knows the
 * export statements and their parameters.
 */
import type { Executor, Row } from '../db/executor';
import type { Props } from '../db/records';

/** Rows per page of the whole-graph export: one auto-commit read each. */
export const EXPORT_PAGE_SIZE = 500;

/** Pages of a keyset-paged export statement until one comes back short. */
async function* pages(db: Executor, name: 'export/entities-page' | 'export/claims-page' | 'export/contradictions-page', key: (row: Row) => string, params: Record<string, unknown>, pageSize: number): AsyncGenerator<Row[]> {
  let after = '';
  for (;;) {
    const rows = await db.read(name, { ...params, after, limit: pageSize });
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = key(rows[rows.length - 1]!);
  }
}

/** An entity's stored properties, with its outgoing relationships' (type, fromId, toId included) when asked. */
interface ExportedEntity {
  entity: Props;
  relationships: Props[];
}

/** Every entity, by id, a page at a time; `withRelationships`: each with its relationships, else none. */
export async function* entityPages(db: Executor, options: { withRelationships: boolean }, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportedEntity[]> {
  for await (const rows of pages(db, 'export/entities-page', (row) => row.entity.id as string, { withRelationships: options.withRelationships }, pageSize)) {
    yield rows.map((r) => ({ entity: r.entity as Props, relationships: (r.relationships as Props[] | null) ?? [] }));
  }
}

/** Every claim's stored properties, by id, a page at a time. */
export async function* claimPages(db: Executor, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<Props[]> {
  for await (const rows of pages(db, 'export/claims-page', (row) => row.claim.id as string, {}, pageSize)) yield rows.map((r) => r.claim as Props);
}

/** A disputed proposition: the claims that affirm it and those that deny it (counted ones, by id). */
interface ExportedDispute {
  affirming: string[];
  denying: string[];
}

/** Every disputed proposition, by id, a page at a time. */
export async function* disputePages(db: Executor, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportedDispute[]> {
  for await (const rows of pages(db, 'export/contradictions-page', (row) => row.id as string, {}, pageSize)) {
    yield rows.map((r) => ({ affirming: r.affirming as string[], denying: r.denying as string[] }));
  }
}
