/**
 * THE relationship types and which entity kinds each joins. The SDL's RelationshipType enum (whose
 * descriptions say the same in words) is held to this table by test/unit/relationship-kinds.test.ts;
 * the seeder (seed files and every curation mutation, which write through it) refuses any other pair.
 */
import { ENTITY_KINDS, EntityKind } from './kinds';

const KINDS = ENTITY_KINDS;

/** One allowed shape of a relationship type: any kind of `from` to any kind of `to`. */
interface KindRule {
  from: readonly EntityKind[];
  to: readonly EntityKind[];
}

/**
 * Which entity kinds each relationship type joins, from -> to.
 */
export const RELATIONSHIP_KINDS = {
  FILED_BY: [{ from: ['COMPLAINT'], to: ['NGO', 'PERSON', 'REGULATOR'] }],
  FILED_WITH: [{ from: ['COMPLAINT'], to: ['REGULATOR', 'COURT'] }],
  AGAINST: [{ from: ['COMPLAINT', 'DECISION'], to: ['COMPANY', 'POLICE', 'GOVERNMENT', 'PERSON'] }],
  ISSUED: [{ from: ['REGULATOR', 'COURT', 'GOVERNMENT'], to: ['DECISION'] }],
  RESPONDS_TO: [
    { from: ['DECISION'], to: ['COMPLAINT', 'DECISION'] },
    { from: ['EVENT'], to: ['EVENT'] },
  ],
  APPEAL_OF: [{ from: ['DECISION'], to: ['DECISION'] }],
  FOLLOWS: [{ from: ['DECISION'], to: ['DECISION'] }],
  APPLIES_LAW: [{ from: ['DECISION', 'COMPLAINT'], to: ['LAW'] }],
  MEMBER_OF: [{ from: ['PERSON'], to: ['POLITICAL_PARTY', 'LEGISLATURE', 'GOVERNMENT'] }],
  HOLDS_OFFICE: [{ from: ['PERSON'], to: ['GOVERNMENT'] }],
  PART_OF: [{ from: ['GOVERNMENT', 'POLICE'], to: ['GOVERNMENT', 'POLICE'] }],
  ACCOUNTABLE_TO: [
    { from: ['POLICE'], to: ['GOVERNMENT'] },
    { from: ['GOVERNMENT'], to: ['LEGISLATURE'] },
  ],
  ASKED: [{ from: ['PERSON'], to: ['EVENT'] }],
  ADDRESSED_TO: [{ from: ['EVENT'], to: ['PERSON', 'GOVERNMENT'] }],
  ANSWERED: [{ from: ['PERSON', 'GOVERNMENT'], to: ['EVENT'] }],
  USES: [{ from: ['POLICE', 'GOVERNMENT'], to: ['PRODUCT'] }],
  DEVELOPS: [{ from: ['COMPANY'], to: ['PRODUCT'] }],
  FOUNDED: [{ from: ['PERSON'], to: ['COMPANY'] }],
  PROHIBITS: [{ from: ['POLICY', 'DECISION', 'LAW'], to: ['PRODUCT', 'COMPANY', 'PRACTICE'] }],
  RESTRICTS: [{ from: ['LAW', 'DECISION'], to: ['PRACTICE'] }],
  CONCERNS_PRACTICE: [{ from: ['DECISION', 'COMPLAINT'], to: ['PRACTICE'] }],
  ADOPTED: [{ from: ['POLICE', 'GOVERNMENT'], to: ['POLICY'] }],
  LOCATED_IN: [{ from: KINDS, to: ['COUNTRY'] }],
  JURISDICTION_OVER: [{ from: ['REGULATOR', 'COURT'], to: ['COUNTRY'] }],
  PUBLISHED: [{ from: ['MEDIA', 'NGO', 'GOVERNMENT', 'REGULATOR', 'PERSON', 'EVENT'], to: ['DOCUMENT'] }],
  AUTHORED: [{ from: ['PERSON'], to: ['DOCUMENT'] }],
  CITES: [{ from: ['DOCUMENT'], to: ['DOCUMENT'] }],
  REPORTS_ON: [{ from: ['DOCUMENT'], to: KINDS }],
  INVESTIGATED: [{ from: ['REGULATOR', 'MEDIA', 'PERSON'], to: ['COMPANY', 'POLICE'] }],
  CALLS_ON: [{ from: ['NGO', 'PERSON'], to: ['REGULATOR', 'GOVERNMENT'] }],
} as const satisfies Readonly<Record<string, readonly KindRule[]>>;

/** A relationship type: one of the table's, checked by the compiler. */
export type RelationshipType = keyof typeof RELATIONSHIP_KINDS;

/** Whether a string (input, stored data) is a relationship type. */
export function isRelationshipType(type: string): type is RelationshipType {
  return Object.hasOwn(RELATIONSHIP_KINDS, type);
}

/**
 * THE edges a claim draws (subgraph, the view, the exports), which are no relationship types:
 * claimant -MADE-> claim, claim -ABOUT-> subject, affirming -CONTRADICTS-> denying claim, claim
 * -BASED_ON-> claim, claim -QUALIFIES-> claim. cypher/graph/subgraph.cypher and the SDL's
 * descriptions (schema/graph.graphql) are held to this list by test/unit/relationship-kinds.test.ts.
 */
export const CLAIM_EDGE_TYPES = ['MADE', 'ABOUT', 'CONTRADICTS', 'BASED_ON', 'QUALIFIES'] as const;

/** A claim edge's type. */
export type ClaimEdgeType = (typeof CLAIM_EDGE_TYPES)[number];

/** Whether an edge's type is a claim edge's (else it is a relationship's). */
export function isClaimEdgeType(type: string): type is ClaimEdgeType {
  return (CLAIM_EDGE_TYPES as readonly string[]).includes(type);
}

/**
 * Why a relationship of `type` may not join these kinds, with the end to blame; null when the
 * table allows the pair (or does not know the type: an unknown type is reported on its own).
 */
export function kindPairProblem(type: string, fromKind: string, toKind: string): { end: 'from' | 'to'; message: string } | null {
  if (!isRelationshipType(type)) return null;
  const rules: readonly KindRule[] = RELATIONSHIP_KINDS[type];
  const has = (kinds: readonly EntityKind[], kind: string) => (kinds as readonly string[]).includes(kind);
  if (rules.some((r) => has(r.from, fromKind) && has(r.to, toKind))) return null;
  const allowed = rules.map((r) => `${r.from.length === KINDS.length ? 'any kind' : r.from.join(' or ')} -> ${r.to.length === KINDS.length ? 'any kind' : r.to.join(' or ')}`).join('; ');
  const fromFits = rules.some((r) => has(r.from, fromKind));
  return {
    end: fromFits ? 'to' : 'from',
    message: `${type} joins ${allowed}, not ${fromKind} -> ${toKind}`,
  };
}

/** Every relationship type (the keys of {@link RELATIONSHIP_KINDS}). */
export const RELATIONSHIP_TYPES: ReadonlySet<string> = new Set<RelationshipType>(Object.keys(RELATIONSHIP_KINDS) as RelationshipType[]);
