/**
 * Per-request DataLoaders: every field that needs the database at one level of nesting is
 * answered by one Cypher call per loader, whatever the number of parents. Built fresh for each
 * request, so nothing is cached across requests or callers.
 */
import DataLoader from 'dataloader';
import type { Executor } from '../db/executor';
import { stable } from '../db/records';
import type * as M from '../domain/elements';
import type { EvidenceClaim } from '../domain/evidence';
import { countOnly, KeysetPage, keysetArgs, KeysetPageParam, PageRequest } from './paging';
import { claimsAboutEntities, claimsByIds, claimsMadeByEntities, claimsOfPropositions, correctionsOf, evidenceInput, propositionsByIds, qualifiersOf } from '../store/claims';
import { resolveEntities } from '../store/entities';
import { relationshipsOfEntities } from '../store/relationships';
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
 * to the database together, one call per distinct set of arguments (`read`, a store function).
 */
function pagedLoader<K extends { id: string }, T>(
  read: (args: Omit<K, 'id'> & { ids: string[] }) => Promise<{ id: string; page: KeysetPage<T>; others?: M.Entity[] }[]>,
  onOthers?: (others: M.Entity[]) => void,
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
          const found = await read({ ...args, ids: [...new Set(group.map((k) => k.id))] });
          for (const f of found) {
            if (f.others) onOthers?.(f.others);
            pages.set(stable({ ...group[0], id: f.id }), f.page);
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
    const found = await resolveEntities(db, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const primeEntities = (others: M.Entity[]) => {
    for (const e of others) entity.prime(e.id, e);
  };
  const listsById = <T>(found: Map<string, T>, ids: readonly string[], none: () => T) => ids.map((id) => found.get(id) ?? none());
  return {
    entity,
    claim: new DataLoader(async (ids) => byId(ids, await claimsByIds(db, ids))),
    proposition: new DataLoader(async (ids) => byId(ids, await propositionsByIds(db, ids))),
    claimsOfProposition: new DataLoader(async (ids) => listsById(await claimsOfPropositions(db, ids), ids, () => [])),
    qualifiers: new DataLoader(async (ids) => listsById(await qualifiersOf(db, ids), ids, () => [])),
    corrections: new DataLoader(async (ids) => listsById(await correctionsOf(db, ids), ids, () => ({ correctedBy: [], supersededBy: [] }))),
    evidence: new DataLoader(async (ids) => {
      // One call for every proposition asked: the rows of all of them, each claim once.
      const rows = await evidenceInput(db, ids);
      return ids.map(() => rows);
    }),
    relationships: pagedLoader<RelationshipsKey, M.Relationship>((args) => relationshipsOfEntities(db, args), primeEntities),
    claimsAbout: pagedLoader<ClaimsKey, M.Claim>((args) => claimsAboutEntities(db, args)),
    claimsMade: pagedLoader<ClaimsKey, M.Claim>((args) => claimsMadeByEntities(db, args)),
  };
}
