/**
 * Stored properties to the read models of src/domain/elements.ts: what every store module maps
 * its rows through, so that the API, the exports and the view say the same of an element. The
 * storage format itself (both directions, what the seeder compares) is src/db/records.ts.
 */
import type * as M from '../domain/elements';
import { statusOn } from '../domain/decisions';
import {
  decisionInputFromProps,
  identifiersFromProps,
  labelsFromProps,
  otherNamesFromProps,
  parsedProperties,
  Props,
  sourceRefOf,
  sourcesFromProps,
  statusHistoryFromProps,
  storedRelationshipProps,
  valuesFromProps,
  versionOf,
} from '../db/records';

/** Stored entity properties to the resolver model. */
export function entityFromProps(p: Props): M.Entity {
  return withLazyParts({
    // Computed only when asked for: most reads never select it.
    get version() {
      return versionOf(p);
    },
    id: p.id as string,
    kind: p.kind as string,
    name: p.name as string,
    aliases: (p.aliases as string[] | undefined) ?? [],
    description: (p.description as string | undefined) ?? null,
    date: (p.date as string | undefined) ?? null,
    url: (p.url as string | undefined) ?? null,
    publishedOn: (p.publishedOn as string | undefined) ?? null,
    publisherId: (p.publisherId as string | undefined) ?? null,
    language: (p.language as string | undefined) ?? null,
    heldText: typeof p.textFile === 'string',
    primary: p.primary === true,
    reliability: (p.reliability as M.Entity['reliability'] | undefined) ?? null,
    reliabilityNote: (p.reliabilityNote as string | undefined) ?? null,
    retrievedOn: (p.retrievedOn as string | undefined) ?? null,
    props: p,
  }, p);
}

/**
 * Adds `properties` and `sources` of an entity or relationship to `target`, built on first read
 * and kept: a page of relationships with their end nodes is hundreds of rows per request, and
 * most selections read neither (a JSON parse and a list of objects per row otherwise). Defined as
 * getters on the object itself: an object spread would call them at once.
 */
function withLazyParts<T extends object>(target: T, p: Props): T & LazyParts {
  let properties: LazyParts['properties'] | undefined;
  let sources: LazyParts['sources'] | undefined;
  return Object.defineProperties(target, {
    properties: { enumerable: true, get: () => (properties === undefined ? (properties = parsedProperties(p)) : properties) },
    sources: { enumerable: true, get: () => (sources ??= sourcesFromProps(p)) },
  }) as T & LazyParts;
}

type LazyParts = { readonly properties: Record<string, unknown> | null; readonly sources: M.SourceRef[] };

/** A relationship row (stored properties plus type, direction, otherId, fromId, toId) to the resolver model. */
export function relationshipFromProps(p: Props): M.Relationship {
  return withLazyParts({
    get version() {
      return versionOf(storedRelationshipProps(p));
    },
    id: p.id as string,
    type: p.type as string,
    direction: p.direction as 'OUT' | 'IN',
    otherId: p.otherId as string,
    fromId: p.fromId as string,
    toId: p.toId as string,
    validFrom: (p.validFrom as string | undefined) ?? null,
    validTo: (p.validTo as string | undefined) ?? null,
  }, p);
}

/** Stored claim properties to the resolver model. */
export function claimFromProps(p: Props): M.Claim {
  return {
    get version() {
      return versionOf(p);
    },
    id: p.id as string,
    text: p.text as string,
    claimantId: p.claimantId as string,
    subjectIds: (p.subjectIds as string[] | undefined) ?? [],
    propositionId: p.propositionId as string,
    polarity: p.polarity as 'AFFIRMS' | 'DENIES',
    madeOn: (p.madeOn as string | undefined) ?? null,
    sources: sourcesFromProps(p),
    kind: ((p.kind as string | undefined) ?? 'ASSERTION') as M.Claim['kind'],
    basedOnIds: (p.basedOnIds as string[] | undefined) ?? [],
    basedOnDocumentIds: (p.basedOnDocumentIds as string[] | undefined) ?? [],
    qualifiesIds: (p.qualifiesIds as string[] | undefined) ?? [],
    coClaimantIds: (p.coClaimantIds as string[] | undefined) ?? [],
    correctsIds: (p.correctsIds as string[] | undefined) ?? [],
    supersedesIds: (p.supersedesIds as string[] | undefined) ?? [],
    support: (p.support as number | undefined) ?? 0,
    opposition: (p.opposition as number | undefined) ?? 0,
    status: ((p.status as string | undefined) ?? 'UNCONTESTED') as M.Claim['status'],
  };
}

/** An identifier of an entity in another register, as the API shows it. */
interface IdentifierView {
  scheme: string;
  value: string;
  url: string | null;
  sources: M.SourceRef[];
}

/** An entity's identifiers in other registers, each with the citations that state it. */
export function identifiersOf(e: M.Entity): IdentifierView[] {
  return identifiersFromProps(e.props).map((i) => ({ scheme: i.scheme, value: i.value, url: i.url ?? null, sources: i.sources.map(sourceRefOf) }));
}

/** An entity's names in other languages, each with the citations that state it. */
export function labelsOf(e: M.Entity): { language: string; name: string; sources: M.SourceRef[] }[] {
  return labelsFromProps(e.props).map((l) => ({ language: l.language, name: l.name, sources: l.sources.map(sourceRefOf) }));
}

/** The ids of the entities merged into this one. */
export function formerIdsOf(e: M.Entity): string[] {
  return (e.props.formerIds as string[] | undefined) ?? [];
}

/** What search matches of an entity besides its name and aliases: its names in other languages and its identifier values. */
export function otherNamesOf(e: M.Entity): string[] {
  return otherNamesFromProps(e.props);
}

/** An entity's ranked values of properties that sources give differently, in the curated order. */
export function sourcedValuesOf(e: M.Entity): M.SourcedValue[] {
  return valuesFromProps(e.props).map((v) => ({ property: v.property, value: v.value, rank: v.rank, reason: v.reason ?? null, sources: v.sources.map(sourceRefOf) }));
}

/** What the API shows of a decision: its typed record where it has one, its free-form properties otherwise (older data). */
interface DecisionView {
  decidedOn: string | null;
  publishedOn: string | null;
  amount: number | null;
  currency: string | null;
  amountEur: number | null;
  eurRate: { rate: number; on: string; source: M.SourceRef } | null;
  reference: string | null;
  measures: string[];
  articlesBreached: string[];
  /** The changes of its status, oldest first. */
  statusHistory: M.DecisionStatusChange[];
  /** Its status on a day (YYYY-MM-DD), by the rule of src/domain/decisions.ts. */
  statusOn(day: string): string;
}

const decisionViews = new WeakMap<M.Entity, DecisionView>();

/** The decision record of entity `e`, built on first use and kept with the entity (its fields are resolved one by one). */
export function decisionOf(e: M.Entity): DecisionView {
  const known = decisionViews.get(e);
  if (known) return known;
  const p = e.props;
  const record = Boolean(p.hasDecisionRecord);
  const own = <T>(key: string): T | null => (p[key] as T | undefined) ?? null;
  const free = (key: string): unknown => e.properties?.[key];
  const freeNumber = (key: string) => (typeof free(key) === 'number' ? (free(key) as number) : null);
  const freeText = (key: string) => (typeof free(key) === 'string' || typeof free(key) === 'number' ? String(free(key)) : null);
  let history: ReturnType<typeof statusHistoryFromProps> | undefined;
  const changes = () => (history ??= statusHistoryFromProps(p));
  const view: DecisionView = {
    decidedOn: own<string>('decidedOn') ?? e.date,
    publishedOn: record ? own<string>('publishedOn') : null,
    amount: record ? own<number>('amount') : freeNumber('amount'),
    currency: record ? own<string>('currency') : freeText('currency'),
    amountEur: own<number>('amountEur'),
    get eurRate() {
      const rate = decisionInputFromProps(p)?.eurRate;
      return rate ? { rate: rate.rate, on: rate.on, source: sourceRefOf(rate.source) } : null;
    },
    reference: record ? own<string>('reference') : freeText('reference'),
    measures: own<string[]>('measures') ?? [],
    articlesBreached: own<string[]>('articlesBreached') ?? [],
    get statusHistory() {
      return changes().map((c) => ({ status: c.status, from: c.from, precision: c.precision ?? 'DAY', byId: c.by ?? null, sources: c.sources.map(sourceRefOf) }));
    },
    statusOn: (day) => statusOn(changes(), day),
  };
  decisionViews.set(e, view);
  return view;
}
