/**
 * The read side of claims and propositions: the filtered and sorted list, claimStats, the
 * contradictions, the claims of propositions and of entities, what qualifies, corrects and
 * supersedes a claim, and what the evidence rule reads. The one module that knows the claim
 * statements, their composed parts and their parameters.
 */
import type { Executor, Row } from '../db/executor';
import type { Props } from '../db/records';
import type * as M from '../domain/elements';
import type { EvidenceClaim } from '../domain/evidence';
import { claimGroupKey, claimsAboutAnchor, ClaimWhere, compileClaimKeyset, compileClaimWhere } from './filters';
import type { ClaimGroup, ClaimOrder } from './generated';
import { KeysetPage, KeysetPageParam, keysetPageOf } from './page';
import { claimFromProps } from './rows';

/** The conditions of a claim list: each filter with the argument path its errors name (`where`, `arguments`). */
type ClaimFilters = readonly (readonly [ClaimWhere | null | undefined, string])[];

/** Sort keys of a claim list (ClaimOrder). */
type ClaimSortKeys = readonly ClaimOrder[] | null | undefined;

/** The name of a claim list's order, which its cursors carry; throws BAD_USER_INPUT naming `orderBy[i].field`. */
export function claimOrdering(orderBy: ClaimSortKeys): string {
  return compileClaimKeyset(orderBy).ordering;
}

/** How many claims the filters select; throws BAD_USER_INPUT naming the filter's argument path. */
export async function countClaims(db: Executor, filters: ClaimFilters): Promise<number> {
  const filter = compileClaimWhere(filters);
  // Claims about one entity: start from that entity's claims instead of testing every claim.
  const about = claimsAboutAnchor(filters);
  const [row] =
    about === null
      ? await db.readComposed('claim/count', { WHERE: filter.where }, { f: filter.params })
      : await db.readComposed('claim/count-about', { WHERE: filter.where }, { f: filter.params, about });
  return row!.total as number;
}

/** One keyset page of the claims the filters select, in the asked order. */
export async function claimPage(db: Executor, args: { filters: ClaimFilters; orderBy: ClaimSortKeys; page: KeysetPageParam }): Promise<KeysetPage<M.Claim>> {
  const sort = compileClaimKeyset(args.orderBy);
  const filter = compileClaimWhere(args.filters);
  const [row] = await db.readComposed('claim/list', { WHERE: filter.where, KEYS: sort.KEYS, ORDER: sort.ORDER }, { f: filter.params, page: args.page });
  return keysetPageOf(row!, claimFromProps);
}

/** One group of claimStats. */
interface ClaimStatsRow {
  key: string;
  label: string;
  count: number;
}

/** Claims grouped by `groupBy`. */
export async function claimStats(db: Executor, args: { where: ClaimWhere | null | undefined; groupBy: ClaimGroup }): Promise<ClaimStatsRow[]> {
  const filter = compileClaimWhere([[args.where, 'where']]);
  const rows = await db.readComposed('claim/stats', { WHERE: filter.where, GROUP: claimGroupKey(args.groupBy) }, { f: filter.params });
  return rows.map((r) => ({ key: String(r.key), label: String(r.label), count: r.count }));
}

/** A disputed proposition with every claim on it, oldest first. */
interface DisputedProposition {
  propositionId: string;
  claims: M.Claim[];
}

/** The propositions whose claims contradict each other, about one entity or (null) any. */
export async function disputedPropositions(db: Executor, about: string | null): Promise<DisputedProposition[]> {
  const rows = await db.read('claim/contradictions', { about });
  return rows.map((r) => ({ propositionId: r.propositionId as string, claims: (r.claims as Props[]).map(claimFromProps) }));
}

/** The stored properties of the claims of `ids`, for the exports that write them out. */
export async function storedClaims(db: Executor, ids: readonly string[]): Promise<Props[]> {
  if (ids.length === 0) return [];
  return (await db.read('claim/by-ids', { ids: [...ids] })).map((r) => r.claim as Props);
}

/** The claims of `ids` that are stored, in no particular order. */
export async function claimsByIds(db: Executor, ids: readonly string[]): Promise<M.Claim[]> {
  return (await storedClaims(db, ids)).map(claimFromProps);
}

/** The propositions of `ids` that are stored. */
export async function propositionsByIds(db: Executor, ids: readonly string[]): Promise<M.Proposition[]> {
  return (await db.read('claim/propositions-by-ids', { ids: [...ids] })).map((r) => r.proposition as M.Proposition);
}

/** Claim lists of a statement that answers `{id, claims}` per id asked. */
async function claimListsById(db: Executor, name: 'claim/by-propositions' | 'claim/qualifiers', ids: readonly string[]): Promise<Map<string, M.Claim[]>> {
  const rows = await db.read(name, { ids: [...ids] });
  return new Map(rows.map((r) => [r.id as string, (r.claims as Row[]).map(claimFromProps)]));
}

/** The claims on each proposition of `ids`, oldest first. */
export function claimsOfPropositions(db: Executor, ids: readonly string[]): Promise<Map<string, M.Claim[]>> {
  return claimListsById(db, 'claim/by-propositions', ids);
}

/** The claims that qualify each claim of `ids` (QUALIFIES, incoming). */
export function qualifiersOf(db: Executor, ids: readonly string[]): Promise<Map<string, M.Claim[]>> {
  return claimListsById(db, 'claim/qualifiers', ids);
}

/** The claims that correct and that supersede a claim, oldest first. */
interface Corrections {
  correctedBy: M.Claim[];
  supersededBy: M.Claim[];
}

/** The corrections of each claim of `ids`. */
export async function correctionsOf(db: Executor, ids: readonly string[]): Promise<Map<string, Corrections>> {
  const rows = await db.read('claim/corrections', { ids: [...ids] });
  return new Map(rows.map((r) => [r.id as string, { correctedBy: (r.correctedBy as Row[]).map(claimFromProps), supersededBy: (r.supersededBy as Row[]).map(claimFromProps) }]));
}

/** What the evidence rule reads of the propositions of `ids`: their claims and every claim in their bases, each once. */
export async function evidenceInput(db: Executor, propositionIds: readonly string[]): Promise<EvidenceClaim[]> {
  return (await db.read('claim/evidence-input', { propositionIds: [...propositionIds] })) as unknown as EvidenceClaim[];
}

/** One page of an entity's claims, by the entity id asked. */
interface EntityClaimsPage {
  id: string;
  page: KeysetPage<M.Claim>;
}

/** One page (the same `page` for each) of the claims about each entity of `ids`. */
export async function claimsAboutEntities(db: Executor, args: { ids: readonly string[]; page: KeysetPageParam }): Promise<EntityClaimsPage[]> {
  return (await db.read('claim/about-entities', { ids: [...args.ids], page: args.page })).map((r) => ({ id: r.id as string, page: keysetPageOf(r, claimFromProps) }));
}

/** One page (the same `page` for each) of the claims each entity of `ids` made. */
export async function claimsMadeByEntities(db: Executor, args: { ids: readonly string[]; page: KeysetPageParam }): Promise<EntityClaimsPage[]> {
  return (await db.read('claim/made-by-entities', { ids: [...args.ids], page: args.page })).map((r) => ({ id: r.id as string, page: keysetPageOf(r, claimFromProps) }));
}

