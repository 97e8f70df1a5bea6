/**
 * The shapes resolvers pass between each other (GraphQL Code Generator's "mappers"). They hold
 * ids where the schema has objects, so that objects are fetched by per-request DataLoaders.
 */

import type { ClaimStatus, ExclusionReason, StandingDetail } from './evidence';

/** A citation as stored: document id and verbatim quote. */
export interface SourceRef {
  documentId: string;
  quote: string | null;
  translation: string | null;
}

/** An entity node, documents included. */
export interface Entity {
  /** Digest of the stored properties (see versionOf). */
  readonly version: string;
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  description: string | null;
  date: string | null;
  properties: Record<string, unknown> | null;
  sources: SourceRef[];
  url: string | null;
  publishedOn: string | null;
  publisherId: string | null;
  language: string | null;
  /** True when the project holds text of it (a textFile). */
  heldText: boolean;
  primary: boolean;
  /** Documents: HIGH, MEDIUM or LOW; null for other kinds. */
  reliability: 'HIGH' | 'MEDIUM' | 'LOW' | null;
  reliabilityNote: string | null;
  retrievedOn: string | null;
  /** The stored properties, for the typed fields of some kinds (the decision record, ranked values). */
  props: Record<string, unknown>;
}

/** A relationship as seen from one of its ends. */
export interface Relationship {
  /** Digest of the stored properties (see versionOf). */
  readonly version: string;
  id: string;
  type: string;
  direction: 'OUT' | 'IN';
  otherId: string;
  /** The ends in the stored direction: the same from both ends. */
  fromId: string;
  toId: string;
  validFrom: string | null;
  validTo: string | null;
  properties: Record<string, unknown> | null;
  sources: SourceRef[];
}

/** A relationship in a page of one entity's relationships: the end-dependent fields come from node. */
export interface RelationshipEdge {
  cursor: string;
  node: Relationship;
}

/** A claim node with the ids of what it links to. */
export interface Claim {
  /** Digest of the stored properties (see versionOf). */
  readonly version: string;
  id: string;
  text: string;
  claimantId: string;
  subjectIds: string[];
  propositionId: string;
  polarity: 'AFFIRMS' | 'DENIES';
  madeOn: string | null;
  sources: SourceRef[];
  kind: 'ASSERTION' | 'QUESTION' | 'REPORT';
  basedOnIds: string[];
  basedOnDocumentIds: string[];
  qualifiesIds: string[];
  coClaimantIds: string[];
  correctsIds: string[];
  supersedesIds: string[];
  /** Stored by the seeder from the evidence rule (src/domain/evidence.ts). */
  support: number;
  opposition: number;
  status: 'UNCONTESTED' | 'CORROBORATED' | 'DISPUTED' | 'CORRECTED' | 'SUPERSEDED';
}

/** A claim's standing on a day (src/domain/evidence.ts standingOn), with ids for its claims and documents. */
export type Standing = StandingDetail;

/** One line of evidence of a standing. */
export type EvidenceLine = StandingDetail['lines'][number];

/** A claim that does not count on a day. */
export interface ExcludedClaim {
  claimId: string;
  reason: ExclusionReason;
}

/**
 * A claim whose status a write changed: `before` is its stored status (null when the write
 * created it), `after` the status the evidence rule gives it now. Audit entries hold these; the
 * change feed and subscriptions serve them (StandingChange).
 */
export interface StandingChange {
  claim: string;
  before: ClaimStatus | null;
  after: ClaimStatus;
}

/**
 * The standing changes of one write made of several re-scorings (a seed that applies merges, then
 * writes): per claim, its status before the first and after the last, left out when they agree.
 */
export function joinStandingChanges(...steps: StandingChange[][]): StandingChange[] {
  const byClaim = new Map<string, StandingChange>();
  for (const c of steps.flat()) {
    const earlier = byClaim.get(c.claim);
    byClaim.set(c.claim, { claim: c.claim, before: earlier ? earlier.before : c.before, after: c.after });
  }
  return [...byClaim.values()].filter((c) => c.before !== c.after);
}

/** A committed write as subscriptions deliver it (ChangeEvent): an audit entry in commit order. */
export interface ChangeEvent {
  /** Its place in commit order (cypher/audit/record.cypher); the cursor holds it. */
  seq: number;
  at: string;
  actor: string;
  operation: string;
  entityIds: string[];
  standingChanges: StandingChange[];
}

/** A proposition node. */
export interface Proposition {
  id: string;
  text: string;
}

/** A proposition with claims of both polarities. */
export interface Contradiction {
  propositionId: string;
  affirming: Claim[];
  denying: Claim[];
  affirmingLines: number;
  denyingLines: number;
}

/** One change of a decision's status. */
export interface DecisionStatusChange {
  status: string;
  from: string;
  precision: string;
  byId: string | null;
  sources: SourceRef[];
}

/** One ranked value. */
export interface SourcedValue {
  property: string;
  value: unknown;
  rank: string;
  reason: string | null;
  sources: SourceRef[];
}

/** A search result before its entity is loaded. */
export interface SearchHit {
  score: number;
  entityId: string;
  matched: string;
}

/** One hop of a path. */
export interface PathStep {
  from: string;
  to: string;
  type: string;
  direction: 'OUT' | 'IN';
  sources: SourceRef[];
}

/** A path: entity ids and steps. */
export interface Path {
  nodeIds: string[];
  steps: PathStep[];
}

/** Count of entities of one kind. */
export interface KindCount {
  kind: string;
  count: number;
}

/** Count of complaints in one country. */
export interface CountryCount {
  countryId: string;
  count: number;
}
