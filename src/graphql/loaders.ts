/**
 * Per-request DataLoaders: every field that needs the database at one level of nesting is
 * answered by one Cypher call per loader, whatever the number of parents. Built fresh for each
 * request, so nothing is cached across requests or callers.
 */
import DataLoader from 'dataloader';
import type { Executor, Row } from '../db/executor';
import type { StatementName } from '../db/statements';
import { claimFromProps, entityFromProps, relationshipFromProps, stable } from '../db/records';
import type * as M from '../domain/elements';
import type { EvidenceClaim } from '../domain/evidence';
import { countOnly, KeysetPage, keysetArgs, KeysetPageParam, keysetPageOf, PageRequest } from './paging';
import { relationshipTypes } from './resolvers/args';

/** The ordering nested connections name in their cursors: each has one order (see their statements). */
export const NESTED_ORDERING = 'default';

/** What one relationships page asks for: the batch key of the loader and of the planner. */
export interface RelationshipsKey {
  id: string;
  types: string[] | null;
  direction: 'OUT' | 'IN' | 'BOTH';
  asOf: string | null;
  page: KeysetPageParam;
}

/**
 * The loader key of `Entity.relationships(args)` of entity `id` (args as `pageRequest` leaves
 * them); throws BAD_USER_INPUT naming the argument.
 */
export function relationshipsKey(
  id: string,
  args: PageRequest & { types?: readonly string[] | null; direction?: string | null; asOf?: string | null },
  maxPageSize: number,
): RelationshipsKey {
  const { page } = keysetArgs(args, maxPageSize, 'Entity.relationships', NESTED_ORDERING);
  return { id, types: relationshipTypes('types', args.types), direction: (args.direction ?? 'BOTH') as RelationshipsKey['direction'], asOf: args.asOf ?? null, page };
}

/** The loader key of `Entity.claimsAbout(args)` or `Entity.claimsMade(args)` of entity `id`. */
export function claimsKey(id: string, args: PageRequest, maxPageSize: number, connection: 'Entity.claimsAbout' | 'Entity.claimsMade'): ClaimsKey {
  return { id, page: keysetArgs(args, maxPageSize, connection, NESTED_ORDERING).page };
}

/** Key of a page of claims of one entity. */
interface ClaimsKey {
  id: string;
  page: KeysetPageParam;
}

/** The loaders of one request. */
export interface Loaders {
  entity: DataLoader<string, M.Entity | null>;
  claim: DataLoader<string, M.Claim | null>;
  proposition: DataLoader<string, M.Proposition | null>;
  claimsOfProposition: DataLoader<string, M.Claim[]>;
  /** The claims that qualify each claim (QUALIFIES, incoming). */
  qualifiers: DataLoader<string, M.Claim[]>;
  /** The claims that correct and that supersede each claim (incoming), oldest first. */
  corrections: DataLoader<string, { correctedBy: M.Claim[]; supersededBy: M.Claim[] }>;
  /** What the evidence rule needs of each proposition: its claims and every claim in their bases. */
  evidence: DataLoader<string, EvidenceClaim[]>;
  relationships: DataLoader<RelationshipsKey, KeysetPage<M.Relationship>, string>;
  claimsAbout: DataLoader<ClaimsKey, KeysetPage<M.Claim>, string>;
  claimsMade: DataLoader<ClaimsKey, KeysetPage<M.Claim>, string>;
}

function byId<T extends { id: string }>(ids: readonly string[], items: T[]): (T | null)[] {
  const map = new Map(items.map((i) => [i.id, i]));
  return ids.map((id) => map.get(id) ?? null);
}

/**
 * A loader of pages keyed by entity id plus page arguments: keys that share their arguments go
 * to the database together, one call per distinct set of arguments.
 */
function pagedLoader<K extends { id: string }, T>(
  db: Executor,
  statement: StatementName,
  toItem: (p: Row) => T,
  onRows?: (rows: Row[]) => void,
): DataLoader<K, KeysetPage<T>, string> {
  return new DataLoader<K, KeysetPage<T>, string>(
    async (keys) => {
      const groups = new Map<string, K[]>();
      for (const k of keys) {
        const { id: _id, ...args } = k;
        const sig = stable(args);
        groups.set(sig, [...(groups.get(sig) ?? []), k]);
      }
      const pages = new Map<string, KeysetPage<T>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { id: _id, ...args } = group[0]!;
          const rows = await db.read(statement, { ...args, ids: [...new Set(group.map((k) => k.id))] });
          onRows?.(rows);
          for (const r of rows) {
            pages.set(stable({ ...group[0], id: r.id }), keysetPageOf(r, toItem));
          }
        }),
      );
      return keys.map((k) => pages.get(stable(k)) ?? countOnly<T>(0));
    },
    // Keys in any property order name the same page: the planner primes keys it builds itself.
    { cacheKeyFn: (k) => stable(k) },
  );
}

/** Builds the loaders for one request. */
export function createLoaders(db: Executor): Loaders {
  // By id or former id: a merged entity's old id answers with the entity it was merged into.
  const entity = new DataLoader<string, M.Entity | null>(async (ids) => {
    const rows = await db.read('entity/resolve', { ids: [...ids] });
    const found = new Map(rows.map((r) => [r.id as string, entityFromProps(r.entity)]));
    return ids.map((id) => found.get(id) ?? null);
  });
  const primeEntities = (rows: Row[]) => {
    for (const r of rows) for (const rel of r.page as Row[]) if (rel.other) entity.prime(rel.other.id, entityFromProps(rel.other));
  };
  return {
    entity,
    claim: new DataLoader(async (ids) => {
      const rows = await db.read('claim/by-ids', { ids: [...ids] });
      return byId(ids, rows.map((r) => claimFromProps(r.claim)));
    }),
    proposition: new DataLoader(async (ids) => {
      const rows = await db.read('claim/propositions-by-ids', { ids: [...ids] });
      return byId(ids, rows.map((r) => r.proposition as M.Proposition));
    }),
    claimsOfProposition: new DataLoader(async (ids) => {
      const rows = await db.read('claim/by-propositions', { ids: [...ids] });
      const map = new Map(rows.map((r) => [r.id as string, (r.claims as Row[]).map(claimFromProps)]));
      return ids.map((id) => map.get(id) ?? []);
    }),
    qualifiers: new DataLoader(async (ids) => {
      const rows = await db.read('claim/qualifiers', { ids: [...ids] });
      const map = new Map(rows.map((r) => [r.id as string, (r.claims as Row[]).map(claimFromProps)]));
      return ids.map((id) => map.get(id) ?? []);
    }),
    corrections: new DataLoader(async (ids) => {
      const rows = await db.read('claim/corrections', { ids: [...ids] });
      const map = new Map(rows.map((r) => [r.id as string, { correctedBy: (r.correctedBy as Row[]).map(claimFromProps), supersededBy: (r.supersededBy as Row[]).map(claimFromProps) }]));
      return ids.map((id) => map.get(id) ?? { correctedBy: [], supersededBy: [] });
    }),
    evidence: new DataLoader(async (ids) => {
      // One call for every proposition asked: the rows of all of them, each claim once.
      const rows = (await db.read('claim/evidence-input', { propositionIds: [...ids] })) as unknown as (EvidenceClaim & { onProposition: boolean })[];
      return ids.map(() => rows);
    }),
    relationships: pagedLoader<RelationshipsKey, M.Relationship>(db, 'relationship/of-entities', relationshipFromProps, primeEntities),
    claimsAbout: pagedLoader<ClaimsKey, M.Claim>(db, 'claim/about-entities', claimFromProps),
    claimsMade: pagedLoader<ClaimsKey, M.Claim>(db, 'claim/made-by-entities', claimFromProps),
  };
}
