/**
 * THE relationship types and which entity kinds each joins. The SDL's RelationshipType enum (whose
 * descriptions say the same in words) is held to this table by test/unit/relationship-kinds.test.ts;
 * the seeder (seed files and every curation mutation, which write through it) refuses any other pair.
 */
import { ENTITY_KINDS } from './kinds';

const KINDS = ENTITY_KINDS;

/** One allowed shape of a relationship type: any kind of `from` to any kind of `to`. */
interface KindRule {
  from: readonly string[];
  to: readonly string[];
}

/**
 * Which entity kinds each relationship type joins, from -> to.
 */
export const RELATIONSHIP_KINDS: Readonly<Record<string, readonly KindRule[]>> = {
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
};

/**
 * Why a relationship of `type` may not join these kinds, with the end to blame; null when the
 * table allows the pair (or does not know the type: an unknown type is reported on its own).
 */
export function kindPairProblem(type: string, fromKind: string, toKind: string): { end: 'from' | 'to'; message: string } | null {
  const rules = RELATIONSHIP_KINDS[type];
  if (!rules || rules.some((r) => r.from.includes(fromKind) && r.to.includes(toKind))) return null;
  const allowed = rules.map((r) => `${r.from.length === KINDS.length ? 'any kind' : r.from.join(' or ')} -> ${r.to.length === KINDS.length ? 'any kind' : r.to.join(' or ')}`).join('; ');
  const fromFits = rules.some((r) => r.from.includes(fromKind));
  return {
    end: fromFits ? 'to' : 'from',
    message: `${type} joins ${allowed}, not ${fromKind} -> ${toKind}`,
  };
}

/** Every relationship type (the keys of {@link RELATIONSHIP_KINDS}). */
export const RELATIONSHIP_TYPES: ReadonlySet<string> = new Set(Object.keys(RELATIONSHIP_KINDS));
