/** Entities: lookup, lists, aggregates, the fields every entity type shares, typed fields. */
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import type * as M from '../../domain/elements';
import type { Resolvers } from '../generated';
import { decisionInputFromProps, entityFromProps, identifiersFromProps, labelsFromProps, sourceRefOf, statusHistoryFromProps, valuesFromProps } from '../../db/records';
import { statusOn, today } from '../../domain/decisions';
import { asksOnlyTotalCount, countOnly, keysetArgs, keysetConnection, keysetPageOf, leadingPage, PageRequest, pageRequest } from '../paging';
import { compileEntityKeyset, compileEntityWhere, countriesOf, countsPart, decisionGroupKeys, EntityWhere, onlyKinds } from '../../db/filters';
import { relationshipTypes } from './args';
import { claimsKey, NESTED_ORDERING, relationshipsKey } from '../loaders';
import { loadEntityPlanned } from '../plan';
import { badInput } from '../../errors';
import { ENTITY_KIND_LIST, ENTITY_KINDS, typeNameOfKind } from '../../domain/kinds';
import { identifierKey, identifierQuery } from '../../domain/ids';

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

const num = (e: M.Entity, key: string): number | null => {
  const v = e.properties?.[key];
  return typeof v === 'number' ? v : null;
};
const str = (e: M.Entity, key: string): string | null => {
  const v = e.properties?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
};

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
  identifiers: (e: M.Entity) =>
    identifiersFromProps(e.props).map((i) => ({ scheme: i.scheme as any, value: i.value, url: i.url ?? null, sources: i.sources.map(sourceRefOf) })),
  formerIds: (e: M.Entity) => (e.props.formerIds as string[] | undefined) ?? [],
  labels: (e: M.Entity) => labelsFromProps(e.props).map((l) => ({ language: l.language, name: l.name, sources: l.sources.map(sourceRefOf) })),
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
    decidedOn: (e) => (e.props.decidedOn as string | undefined) ?? e.date,
    publishedOn: (e) => (e.props.hasDecisionRecord ? ((e.props.publishedOn as string | undefined) ?? null) : null),
    amount: (e) => (e.props.hasDecisionRecord ? ((e.props.amount as number | undefined) ?? null) : num(e, 'amount')),
    currency: (e) => (e.props.hasDecisionRecord ? ((e.props.currency as string | undefined) ?? null) : str(e, 'currency')),
    amountEur: (e) => (e.props.amountEur as number | undefined) ?? null,
    eurRate: (e) => {
      const rate = decisionInputFromProps(e.props)?.eurRate;
      return rate ? { rate: rate.rate, on: rate.on, source: sourceRefOf(rate.source) } : null;
    },
    reference: (e) => (e.props.hasDecisionRecord ? ((e.props.reference as string | undefined) ?? null) : str(e, 'reference')),
    measures: (e) => (e.props.measures as any[] | undefined) ?? [],
    articlesBreached: (e) => (e.props.articlesBreached as string[] | undefined) ?? [],
    status: (e, args) => statusOn(statusHistoryFromProps(e.props), args.asOf ?? today()),
    statusHistory: (e) =>
      statusHistoryFromProps(e.props).map((c) => ({
        status: c.status,
        from: c.from,
        precision: c.precision ?? 'DAY',
        byId: c.by ?? null,
        sources: c.sources.map(sourceRefOf),
      })),
    issuedBy: (e, _a, ctx) => neighbours(ctx, e.id, 'ISSUED', 'IN'),
    against: (e, _a, ctx) => neighbours(ctx, e.id, 'AGAINST', 'OUT'),
    respondsTo: (e, _a, ctx) => neighbours(ctx, e.id, 'RESPONDS_TO', 'OUT'),
    appealOf: async (e, _a, ctx) => (await neighbours(ctx, e.id, 'APPEAL_OF', 'OUT'))[0] ?? null,
    appeals: async (e, _a, ctx) => byDate(await neighbours(ctx, e.id, 'APPEAL_OF', 'IN')),
  },
  Query: {
    entity: (_p, { id }, ctx, info) => loadEntityPlanned(id, ctx, info),
    entityByIdentifier: async (_p, { scheme, value }, ctx) => {
      const key = identifierKey(scheme, value);
      const [row] = await ctx.db.read('entity/by-identifier', { key, query: identifierQuery(key) });
      if (!row) return null;
      const e = entityFromProps(row.entity);
      ctx.loaders.entity.prime(e.id, e);
      return e;
    },
    entities: async (_p, args, ctx, info) => {
      const sort = compileEntityKeyset(args.orderBy ?? LEGACY_SORT[args.sort ?? 'NAME']);
      const page = keysetArgs(pageRequest(args, info), ctx.config.limits.maxPageSize, 'entities', sort.ordering);
      if (args.from && args.to && args.from > args.to) throw badInput('from', `must not be after to (${args.to})`);
      // The older arguments are conditions like any other, ANDed with where.
      const legacy = {
        kind: args.kind ? [args.kind] : null,
        name: args.namePrefix ? { startsWith: args.namePrefix } : null,
        date: args.from || args.to ? { gte: args.from ?? null, lte: args.to ?? null } : null,
        country: args.country ?? null,
      };
      const filters: [EntityWhere | null | undefined, string][] = [[legacy, 'arguments'], [args.where, 'where']];
      const filter = compileEntityWhere(filters, { statusOn: today() });
      if (asksOnlyTotalCount(info)) {
        const kinds = onlyKinds(filters);
        if (kinds !== null) {
          const rows = await ctx.db.readComposed('entity/counts', countsPart(kinds));
          return keysetConnection(countOnly(rows.reduce((sum, r) => sum + r.count, 0)), page);
        }
        const [row] = await ctx.db.readComposed('entity/count', { WHERE: filter.where }, { f: filter.params });
        return keysetConnection(countOnly(row!.total), page);
      }
      const [row] = await ctx.db.readComposed('entity/list', { WHERE: filter.where, KEYS: sort.KEYS, ORDER: sort.ORDER }, { f: filter.params, page: page.page });
      const found = keysetPageOf(row!, entityFromProps);
      for (const e of found.rows) ctx.loaders.entity.prime(e.id, e);
      return keysetConnection(found, page);
    },
    decisionStats: async (_p, args, ctx) => {
      const asOf = args.asOf ?? today();
      const filter = compileEntityWhere([[args.where, 'where']], { statusOn: asOf });
      const rows = await ctx.db.readComposed(
        'entity/decision-stats',
        { WHERE: filter.where, GROUP: decisionGroupKeys(args.groupBy, '$f.asOf') },
        { f: { ...filter.params, asOf } },
      );
      return rows.map((r) => ({ key: String(r.key), label: String(r.label), count: r.count, sumEur: r.sumEur, minEur: r.minEur, maxEur: r.maxEur, avgEur: r.avgEur }));
    },
    entityCounts: async (_p, _a, ctx) => (await ctx.db.readComposed('entity/counts', countsPart(ENTITY_KINDS))).map((r) => ({ kind: r.kind, count: r.count })),
    decisions: async (_p, args, ctx) => {
      const rows = await ctx.db.read('entity/decisions', { regulator: args.regulator ?? null });
      return rows.map((r) => entityFromProps(r.entity));
    },
    sourcedValues: async (_p, args, ctx) => {
      const e = await ctx.loaders.entity.load(args.entity);
      if (!e) return [];
      const order = { PREFERRED: 0, NORMAL: 1, DEPRECATED: 2 } as Record<string, number>;
      return valuesFromProps(e.props)
        .map((v, i) => ({ v, i }))
        .filter(({ v }) => !args.property || v.property === args.property)
        // By property, then PREFERRED, NORMAL, DEPRECATED, then the curated order.
        .sort((a, b) => a.v.property.localeCompare(b.v.property) || order[a.v.rank]! - order[b.v.rank]! || a.i - b.i)
        .map(({ v }) => ({ property: v.property, value: v.value, rank: v.rank, reason: v.reason ?? null, sources: v.sources.map(sourceRefOf) }));
    },
    complaintsPerCountry: async (_p, _a, ctx) =>
      (await ctx.db.readComposed('entity/complaints-per-country', { COUNTRIES: countriesOf('c') })).map((r) => ({ countryId: r.countryId, count: r.count })),
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
