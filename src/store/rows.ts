/**
 * Stored properties to the read models of src/domain/elements.ts: what every store module maps
 * its rows through, so that the API, the exports and the view say the same of an element. The
 * storage format itself (both directions, what the seeder compares) is src/db/records.ts.
 */
import type * as M from '../domain/elements';
import { parsedProperties, Props, sourcesFromProps, storedRelationshipProps, versionOf } from '../db/records';

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
