/**
 * The read side of entities: lookups by id, identifier and former id, the filtered and sorted
 * list, the aggregates (decisionStats, entityCounts, complaintsPerCountry), and the stored form
 * the exports and the curation mutations start from. The one module that knows the entity
 * statements, their composed parts and their parameters.
 */
import type { Executor } from '../db/executor';
import type { EntityInput, Props } from '../db/records';
import type * as M from '../domain/elements';
import { identifierQuery } from '../domain/ids';
import { entityInputFromProps } from '../seed/areas/entities';
import { compileEntityKeyset, compileEntityWhere, countriesOf, countsPart, decisionGroupKeys, EntityWhere, onlyKinds } from './filters';
import { ENTITY_KINDS } from '../domain/kinds';
import type { DecisionGroup, EntityOrder } from './generated';
import { KeysetPage, KeysetPageParam, keysetPageOf } from './page';
import { entityFromProps } from './rows';

/** The conditions of an entity list: each filter with the argument path its errors name (`where`, `arguments`). */
type EntityFilters = readonly (readonly [EntityWhere | null | undefined, string])[];

/** Sort keys of an entity list (EntityOrder; the older `sort` argument maps onto them). */
type EntitySortKeys = readonly (Omit<EntityOrder, 'field'> & { field: string })[] | null | undefined;

/** What an entity list asks: its conditions, the day `status` conditions are read on, its sort. */
interface EntityListArgs {
  filters: EntityFilters;
  /** YYYY-MM-DD: the day a decision's `status` is read on (today for lists). */
  statusOn: string;
  orderBy: EntitySortKeys;
}

/** The name of an entity list's order, which its cursors carry; throws BAD_USER_INPUT naming `orderBy[i].field`. */
export function entityOrdering(orderBy: EntitySortKeys): string {
  return compileEntityKeyset(orderBy).ordering;
}

/** How many entities the filters select; throws BAD_USER_INPUT naming the filter's argument path. */
export async function countEntities(db: Executor, args: Omit<EntityListArgs, 'orderBy'>): Promise<number> {
  // Asked only by kind: the sum of those kinds' labels in the count store, reading no node.
  const kinds = onlyKinds(args.filters);
  if (kinds !== null) return (await db.readComposed('entity/counts', countsPart(kinds))).reduce((sum, r) => sum + (r.count as number), 0);
  const filter = compileEntityWhere(args.filters, { statusOn: args.statusOn });
  const [row] = await db.readComposed('entity/count', { WHERE: filter.where }, { f: filter.params });
  return row!.total as number;
}

/** One keyset page of the entities the filters select, in the asked order. */
export async function entityPage(db: Executor, args: EntityListArgs & { page: KeysetPageParam }): Promise<KeysetPage<M.Entity>> {
  const sort = compileEntityKeyset(args.orderBy);
  const filter = compileEntityWhere(args.filters, { statusOn: args.statusOn });
  const [row] = await db.readComposed('entity/list', { WHERE: filter.where, KEYS: sort.KEYS, ORDER: sort.ORDER }, { f: filter.params, page: args.page });
  return keysetPageOf(row!, entityFromProps);
}

/** One group of decisionStats. */
interface DecisionStatsRow {
  key: string;
  label: string;
  count: number;
  sumEur: number | null;
  minEur: number | null;
  maxEur: number | null;
  avgEur: number | null;
}

/** Decisions grouped by `groupBy` (STATUS as on `asOf`, YYYY-MM-DD), with their euro totals. */
export async function decisionStats(db: Executor, args: { where: EntityWhere | null | undefined; groupBy: DecisionGroup; asOf: string }): Promise<DecisionStatsRow[]> {
  const filter = compileEntityWhere([[args.where, 'where']], { statusOn: args.asOf });
  const rows = await db.readComposed('entity/decision-stats', { WHERE: filter.where, GROUP: decisionGroupKeys(args.groupBy, '$f.asOf') }, { f: { ...filter.params, asOf: args.asOf } });
  return rows.map((r) => ({ key: String(r.key), label: String(r.label), count: r.count, sumEur: r.sumEur, minEur: r.minEur, maxEur: r.maxEur, avgEur: r.avgEur }));
}

/** How many entities there are of each kind. */
export async function entityCounts(db: Executor): Promise<M.KindCount[]> {
  return (await db.readComposed('entity/counts', countsPart(ENTITY_KINDS))).map((r) => ({ kind: r.kind, count: r.count }));
}

/** The decisions, of one regulator or (null) of all. */
export async function decisionsOf(db: Executor, regulator: string | null): Promise<M.Entity[]> {
  return (await db.read('entity/decisions', { regulator })).map((r) => entityFromProps(r.entity));
}

/** How many complaints each country has (the country of an entity: src/store/filters.ts's countriesOf). */
export async function complaintsPerCountry(db: Executor): Promise<M.CountryCount[]> {
  return (await db.readComposed('entity/complaints-per-country', { COUNTRIES: countriesOf('c') })).map((r) => ({ countryId: r.countryId, count: r.count }));
}

/** The entity an identifier (its `identifierKey`) names, or null. */
export async function entityByIdentifier(db: Executor, key: string): Promise<M.Entity | null> {
  const [row] = await db.read('entity/by-identifier', { key, query: identifierQuery(key) });
  return row ? entityFromProps(row.entity) : null;
}

/** The entities of `ids` by id or former id (a merged entity's old id answers with the one it was merged into), by the id asked. */
export async function resolveEntities(db: Executor, ids: readonly string[]): Promise<Map<string, M.Entity>> {
  const rows = await db.read('entity/resolve', { ids: [...ids] });
  return new Map(rows.map((r) => [r.id as string, entityFromProps(r.entity)]));
}

/** The stored properties of the entities of `ids` (by id only), for the exports that write them out. */
export async function storedEntities(db: Executor, ids: readonly string[]): Promise<Props[]> {
  if (ids.length === 0) return [];
  return (await db.read('entity/by-ids', { ids: [...ids] })).map((r) => r.entity as Props);
}

/** The entity `id` as curated (the seed form, kind included), or null: what an upsert keeps of it. */
export async function curatedEntity(db: Executor, id: string): Promise<EntityInput | null> {
  const [stored] = await storedEntities(db, [id]);
  return stored ? entityInputFromProps(stored) : null;
}

/** A country as the reconciliation service shows it. */
export interface CountryRef {
  id: string;
  name: string;
}

/** The countries of the entities of `ids` (the country of an entity, as the `country` filter reads it), by entity id. */
export async function countriesOfEntities(db: Executor, ids: readonly string[]): Promise<Map<string, CountryRef[]>> {
  if (ids.length === 0) return new Map();
  return new Map((await db.read('entity/countries', { ids: [...ids] })).map((r) => [r.id as string, r.countries as CountryRef[]]));
}

/** The entity a former id was merged into, or null when `id` is no former id. */
export async function mergedInto(db: Executor, id: string): Promise<string | null> {
  const [merged] = await db.read('seed/merges-by-ids', { ids: [id] });
  return merged ? (merged.former.into as string) : null;
}

/** How many entities the store holds, from Neo4j's count store (no scan): /readyz's "is there a graph". */
export async function storedEntityCount(db: Executor): Promise<number> {
  const [counts] = await db.read('seed/store-counts');
  return counts!.entities as number;
}
