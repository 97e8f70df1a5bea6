/** Entities: lookup, lists, aggregates, the fields every entity type shares, typed fields. */
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import type * as M from '../../domain/elements';
import type { Resolvers } from '../generated';
import { decisionOf, formerIdsOf, identifiersOf, labelsOf, sourcedValuesOf } from '../../store/rows';
import { today } from '../../domain/decisions';
import { asksOnlyTotalCount, countOnly, keysetArgs, keysetConnection, leadingPage, PageRequest, pageRequest } from '../paging';
import { complaintsPerCountry, countEntities, decisionsOf, decisionStats, entityByIdentifier, entityCounts, entityOrdering, entityPage } from '../../store/entities';
import { relationshipTypes } from './args';
import { claimsKey, NESTED_ORDERING, relationshipsKey } from '../loaders';
import { loadEntityPlanned } from '../plan';
import { badInput } from '../../errors';
import { ENTITY_KIND_LIST, typeNameOfKind } from '../../domain/kinds';
import { identifierKey } from '../../domain/ids';

const ALL = 500;

/** The older sort argument as sort keys (ties end by name, then id, in the statement). */
const LEGACY_SORT: Record<string, { field: string; direction: 'ASC' | 'DESC' }[]> = {
  NAME: [],
  DATE: [{ field: 'DATE', direction: 'ASC' }],
  DATE_DESC: [{ field: 'DATE', direction: 'DESC' }],
};

/**
 * The entities at the other end of one relationship type: the typed fields (Decision.issuedBy,
 * Complaint.filedWith, ...) are the generic traversal with fixed arguments, so they share its
 * loader and its single Cypher call per level.
 */
async function neighbours(ctx: Context, id: string, type: string, direction: 'OUT' | 'IN', asOf: string | null = null): Promise<M.Entity[]> {
  const page = await ctx.loaders.relationships.load({ id, types: [type], direction, asOf, page: leadingPage(ALL) });
  const found = await ctx.loaders.entity.loadMany(page.rows.map((r) => r.otherId));
  return found.filter((e): e is M.Entity => e !== null && !(e instanceof Error));
}

async function relationshipsOf(ctx: Context, id: string, type: string, asOf: string | null): Promise<M.Relationship[]> {
  return (await ctx.loaders.relationships.load({ id, types: [type], direction: 'OUT', asOf, page: leadingPage(ALL) })).rows;
}

function byDate(list: M.Entity[]): M.Entity[] {
  return [...list].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id));
}

/** Fields every entity type has, resolved the same way for all of them. */
const entityFields = {
  relationships: (
    e: M.Entity,
    args: { types?: string[] | null; direction?: string | null; first?: number | null; after?: string | null; last?: number | null; before?: string | null; asOf?: string | null },
    ctx: Context,
    info: GraphQLResolveInfo,
  ) => {
    const key = relationshipsKey(e.id, pageRequest(args, info), ctx.config.limits.maxPageSize);
    return ctx.loaders.relationships.load(key).then((p) => keysetConnection(p, { connection: 'Entity.relationships', ordering: NESTED_ORDERING, page: key.page }));
  },
  claimsAbout: (e: M.Entity, args: PageRequest, ctx: Context, info: GraphQLResolveInfo) => {
    const key = claimsKey(e.id, pageRequest(args, info), ctx.config.limits.maxPageSize, 'Entity.claimsAbout');
    return ctx.loaders.claimsAbout.load(key).then((p) => keysetConnection(p, { connection: 'Entity.claimsAbout', ordering: NESTED_ORDERING, page: key.page }));
  },
  claimsMade: (e: M.Entity, args: PageRequest, ctx: Context, info: GraphQLResolveInfo) => {
    const key = claimsKey(e.id, pageRequest(args, info), ctx.config.limits.maxPageSize, 'Entity.claimsMade');
    return ctx.loaders.claimsMade.load(key).then((p) => keysetConnection(p, { connection: 'Entity.claimsMade', ordering: NESTED_ORDERING, page: key.page }));
  },
  identifiers: (e: M.Entity) => identifiersOf(e).map((i) => ({ ...i, scheme: i.scheme as any })),
  formerIds: (e: M.Entity) => formerIdsOf(e),
  labels: (e: M.Entity) => labelsOf(e),
};

const concrete = Object.fromEntries(ENTITY_KIND_LIST.map((k) => k.typeName).map((t) => [t, { ...entityFields }]));

/** Resolvers of schema/entities.graphql. */
export const entityResolvers: Resolvers = {
  Entity: { __resolveType: (e) => typeNameOfKind(e.kind) as any },
  ...concrete,
  Document: {
    ...entityFields,
    publisher: (d, _a, ctx) => (d.publisherId ? ctx.loaders.entity.load(d.publisherId) : null),
    // The seed requires it; a document stored before it was required is of unknown provenance.
    reliability: (d) => d.reliability ?? 'LOW',
  },
  Regulator: {
    ...entityFields,
    jurisdiction: (e, _a, ctx) => neighbours(ctx, e.id, 'JURISDICTION_OVER', 'OUT'),
    decisions: async (e, _a, ctx) => byDate(await neighbours(ctx, e.id, 'ISSUED', 'OUT')),
    complaints: async (e, _a, ctx) => byDate(await neighbours(ctx, e.id, 'FILED_WITH', 'IN')),
  },
  Court: { ...entityFields, decisions: async (e, _a, ctx) => byDate(await neighbours(ctx, e.id, 'ISSUED', 'OUT')) },
  Police: { ...entityFields, uses: (e, _a, ctx) => neighbours(ctx, e.id, 'USES', 'OUT') },
  PoliticalParty: { ...entityFields, members: (e, _a, ctx) => neighbours(ctx, e.id, 'MEMBER_OF', 'IN') },
  Ngo: { ...entityFields, complaints: async (e, _a, ctx) => byDate(await neighbours(ctx, e.id, 'FILED_BY', 'IN')) },
  Person: {
    ...entityFields,
    offices: (e, a, ctx) => relationshipsOf(ctx, e.id, 'HOLDS_OFFICE', a.asOf ?? null),
    memberships: (e, a, ctx) => relationshipsOf(ctx, e.id, 'MEMBER_OF', a.asOf ?? null),
  },
  Country: { ...entityFields, regulators: (e, _a, ctx) => neighbours(ctx, e.id, 'JURISDICTION_OVER', 'IN') },
  Policy: { ...entityFields, prohibits: (e, _a, ctx) => neighbours(ctx, e.id, 'PROHIBITS', 'OUT') },
  Complaint: {
    ...entityFields,
    filedOn: (e) => e.date,
    filedBy: (e, _a, ctx) => neighbours(ctx, e.id, 'FILED_BY', 'OUT'),
    filedWith: (e, _a, ctx) => neighbours(ctx, e.id, 'FILED_WITH', 'OUT'),
    against: (e, _a, ctx) => neighbours(ctx, e.id, 'AGAINST', 'OUT'),
    decisions: async (e, _a, ctx) => byDate(await neighbours(ctx, e.id, 'RESPONDS_TO', 'IN')),
  },
  Decision: {
    ...entityFields,
    // The typed record where there is one; the free-form properties of older data otherwise.
    decidedOn: (e) => decisionOf(e).decidedOn,
    publishedOn: (e) => decisionOf(e).publishedOn,
    amount: (e) => decisionOf(e).amount,
    currency: (e) => decisionOf(e).currency,
    amountEur: (e) => decisionOf(e).amountEur,
    eurRate: (e) => decisionOf(e).eurRate,
    reference: (e) => decisionOf(e).reference,
    measures: (e) => decisionOf(e).measures as any[],
    articlesBreached: (e) => decisionOf(e).articlesBreached,
    status: (e, args) => decisionOf(e).statusOn(args.asOf ?? today()) as any,
    statusHistory: (e) => decisionOf(e).statusHistory,
    issuedBy: (e, _a, ctx) => neighbours(ctx, e.id, 'ISSUED', 'IN'),
    against: (e, _a, ctx) => neighbours(ctx, e.id, 'AGAINST', 'OUT'),
    respondsTo: (e, _a, ctx) => neighbours(ctx, e.id, 'RESPONDS_TO', 'OUT'),
    appealOf: async (e, _a, ctx) => (await neighbours(ctx, e.id, 'APPEAL_OF', 'OUT'))[0] ?? null,
    appeals: async (e, _a, ctx) => byDate(await neighbours(ctx, e.id, 'APPEAL_OF', 'IN')),
  },
  Query: {
    entity: (_p, { id }, ctx, info) => loadEntityPlanned(id, ctx, info),
    entityByIdentifier: async (_p, { scheme, value }, ctx) => {
      const e = await entityByIdentifier(ctx.db, identifierKey(scheme, value));
      if (e) ctx.loaders.entity.prime(e.id, e);
      return e;
    },
    entities: async (_p, args, ctx, info) => {
      const orderBy = args.orderBy ?? LEGACY_SORT[args.sort ?? 'NAME'];
      const page = keysetArgs(pageRequest(args, info), ctx.config.limits.maxPageSize, 'entities', entityOrdering(orderBy));
      if (args.from && args.to && args.from > args.to) throw badInput('from', `must not be after to (${args.to})`);
      // The older arguments are conditions like any other, ANDed with where.
      const legacy = {
        kind: args.kind ? [args.kind] : null,
        name: args.namePrefix ? { startsWith: args.namePrefix } : null,
        date: args.from || args.to ? { gte: args.from ?? null, lte: args.to ?? null } : null,
        country: args.country ?? null,
      };
      const list = { filters: [[legacy, 'arguments'], [args.where, 'where']] as const, statusOn: today(), orderBy };
      if (asksOnlyTotalCount(info)) return keysetConnection(countOnly(await countEntities(ctx.db, list)), page);
      const found = await entityPage(ctx.db, { ...list, page: page.page });
      for (const e of found.rows) ctx.loaders.entity.prime(e.id, e);
      return keysetConnection(found, page);
    },
    decisionStats: (_p, args, ctx) => decisionStats(ctx.db, { where: args.where, groupBy: args.groupBy, asOf: args.asOf ?? today() }),
    entityCounts: (_p, _a, ctx) => entityCounts(ctx.db),
    decisions: (_p, args, ctx) => decisionsOf(ctx.db, args.regulator ?? null),
    sourcedValues: async (_p, args, ctx) => {
      const e = await ctx.loaders.entity.load(args.entity);
      if (!e) return [];
      const order = { PREFERRED: 0, NORMAL: 1, DEPRECATED: 2 } as Record<string, number>;
      return sourcedValuesOf(e)
        .map((v, i) => ({ v, i }))
        .filter(({ v }) => !args.property || v.property === args.property)
        // By property, then PREFERRED, NORMAL, DEPRECATED, then the curated order.
        .sort((a, b) => a.v.property.localeCompare(b.v.property) || order[a.v.rank]! - order[b.v.rank]! || a.i - b.i)
        .map(({ v }) => v);
    },
    complaintsPerCountry: (_p, _a, ctx) => complaintsPerCountry(ctx.db),
  },
  KindCount: { kind: (k) => k.kind as any },
  DecisionStatusChange: {
    status: (c) => c.status as any,
    precision: (c) => c.precision as any,
    by: (c, _a, ctx) => (c.byId ? ctx.loaders.entity.load(c.byId) : null),
  },
  SourcedValue: { rank: (v) => v.rank as any },
  CountryCount: { country: async (c, _a, ctx) => (await ctx.loaders.entity.load(c.countryId))! },
};
