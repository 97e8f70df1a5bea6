/**
 * How domain objects are stored as Neo4j properties, both ways. The seeder and the curation
 * mutations write through `*Props`; resolvers read through `*FromProps`. Keeping both directions
 * here is what lets the seeder compare "what is stored" with "what the input says" exactly.
 */
import type * as M from '../graphql/models';

/** Stored property map (values are what Neo4j returns through toPlain). */
export type Props = Record<string, unknown>;

/** A citation as written in seed files and mutation inputs. */
export interface SourceInput {
  document: string;
  quote?: string | null;
  /** The project's English translation of a non-English quote. */
  translation?: string | null;
}

/** One ranked value of a property, as a set of sources gives it. */
export interface ValueInput {
  property: string;
  value: string | number | boolean;
  rank: 'PREFERRED' | 'NORMAL' | 'DEPRECATED';
  reason?: string | null;
  sources: SourceInput[];
}

/** One change of a decision's status. */
export interface StatusChangeInput {
  status: string;
  from: string;
  precision?: 'DAY' | 'MONTH' | 'YEAR' | null;
  by?: string | null;
  sources: SourceInput[];
}

/** The typed enforcement record of a DECISION entity. */
export interface DecisionInput {
  decidedOn?: string | null;
  publishedOn?: string | null;
  reference?: string | null;
  amount?: number | null;
  currency?: string | null;
  eurRate?: { rate: number; on: string; source: SourceInput } | null;
  measures?: string[];
  articlesBreached?: string[];
  statusHistory?: StatusChangeInput[];
}

/** Curated entity (documents included) as the seed files and mutations give it. */
export interface EntityInput {
  id: string;
  kind: string;
  name: string;
  aliases?: string[];
  description?: string | null;
  date?: string | null;
  properties?: Record<string, unknown> | null;
  sources?: SourceInput[];
  url?: string | null;
  publishedOn?: string | null;
  publisher?: string | null;
  language?: string | null;
  textFile?: string | null;
  /** Documents: the part of textFile under the heading naming this section. */
  textSection?: string | null;
  /** Documents: the authority's, court's or party's own record. */
  primary?: boolean | null;
  /** Documents: when the project read it at url. */
  retrievedOn?: string | null;
  /** Ranked values of properties that sources give differently. */
  values?: ValueInput[];
  /** DECISION entities: the typed enforcement record. */
  decision?: DecisionInput | null;
}

/** Curated relationship. */
export interface RelationshipInput {
  from: string;
  type: string;
  to: string;
  validFrom?: string | null;
  validTo?: string | null;
  properties?: Record<string, unknown> | null;
  sources: SourceInput[];
}

/** Curated proposition. */
export interface PropositionInput {
  id: string;
  text: string;
}

/** Curated claim. */
export interface ClaimInput {
  id: string;
  text: string;
  claimant: string;
  subjects: string[];
  proposition: string;
  polarity: 'AFFIRMS' | 'DENIES';
  madeOn?: string | null;
  sources: SourceInput[];
  /** ASSERTION (default), QUESTION or REPORT. */
  kind?: 'ASSERTION' | 'QUESTION' | 'REPORT' | null;
  /** Claims this one rests on. */
  basedOn?: string[];
  /** Documents this one rests on. */
  basedOnDocuments?: string[];
  /** Claims this one narrows, corrects or qualifies. */
  qualifies?: string[];
}

/** The Neo4j label of an entity kind: POLITICAL_PARTY is PoliticalParty. */
export function labelOfKind(kind: string): string {
  return kind
    .toLowerCase()
    .split('_')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** The id of a relationship: it is identified by its ends and type. */
export function relationshipId(from: string, type: string, to: string): string {
  return `${from}:${type}:${to}`;
}

function compact(p: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

function sourceProps(sources: SourceInput[] | undefined): Props {
  const list = sources ?? [];
  // Lists in Neo4j cannot hold maps or nulls: two parallel lists, "" for "no quote".
  return { sourceDocs: list.map((s) => s.document), sourceQuotes: list.map((s) => s.quote ?? '') };
}

function json(value: Record<string, unknown> | null | undefined): string | null {
  return value && Object.keys(value).length > 0 ? JSON.stringify(value) : null;
}

/** Entity input to stored properties (dates as strings; the Cypher turns them into dates). */
export function entityProps(e: EntityInput): Props {
  const isDocument = e.kind === 'DOCUMENT';
  return compact({
    id: e.id,
    kind: e.kind,
    name: e.name,
    aliases: e.aliases ?? [],
    aliasText: (e.aliases ?? []).join(' | '),
    description: e.description,
    date: isDocument ? (e.publishedOn ?? e.date) : e.date,
    propertiesJson: json(e.properties),
    ...sourceProps(e.sources),
    url: e.url,
    publishedOn: isDocument ? e.publishedOn : null,
    publisherId: e.publisher,
    language: e.language,
    textFile: e.textFile,
  });
}

/** Relationship input to stored properties. */
export function relationshipProps(r: RelationshipInput): Props {
  return compact({
    id: relationshipId(r.from, r.type, r.to),
    validFrom: r.validFrom,
    validTo: r.validTo,
    propertiesJson: json(r.properties),
    ...sourceProps(r.sources),
  });
}

/** Claim input to stored properties. */
export function claimProps(c: ClaimInput): Props {
  return compact({
    id: c.id,
    text: c.text,
    claimantId: c.claimant,
    subjectIds: [...c.subjects],
    propositionId: c.proposition,
    polarity: c.polarity,
    madeOn: c.madeOn,
    ...sourceProps(c.sources),
  });
}

/** Stored entity properties back to the curated form that {@link entityProps} takes. */
export function entityInputFromProps(p: Props): EntityInput {
  const sources = sourcesFromProps(p).map((s) => (s.quote === null ? { document: s.documentId } : { document: s.documentId, quote: s.quote }));
  return compact({
    id: p.id,
    kind: p.kind,
    name: p.name,
    aliases: p.aliases ?? [],
    description: p.description,
    date: p.kind === 'DOCUMENT' ? null : p.date,
    properties: parsed(p),
    sources,
    url: p.url,
    publishedOn: p.publishedOn,
    publisher: p.publisherId,
    language: p.language,
    textFile: p.textFile,
  }) as unknown as EntityInput;
}

/** Stored source lists to SourceRefs. */
export function sourcesFromProps(p: Props): M.SourceRef[] {
  const docs = (p.sourceDocs as string[] | undefined) ?? [];
  const quotes = (p.sourceQuotes as string[] | undefined) ?? [];
  return docs.map((documentId, i) => ({ documentId, quote: quotes[i] ? quotes[i]! : null }));
}

function parsed(p: Props): Record<string, unknown> | null {
  return typeof p.propertiesJson === 'string' ? (JSON.parse(p.propertiesJson) as Record<string, unknown>) : null;
}

/** Stored entity properties to the resolver model. */
export function entityFromProps(p: Props): M.Entity {
  return {
    id: p.id as string,
    kind: p.kind as string,
    name: p.name as string,
    aliases: (p.aliases as string[] | undefined) ?? [],
    description: (p.description as string | undefined) ?? null,
    date: (p.date as string | undefined) ?? null,
    properties: parsed(p),
    sources: sourcesFromProps(p),
    url: (p.url as string | undefined) ?? null,
    publishedOn: (p.publishedOn as string | undefined) ?? null,
    publisherId: (p.publisherId as string | undefined) ?? null,
    language: (p.language as string | undefined) ?? null,
  };
}

/** A relationship row (stored properties plus type, direction, otherId) to the resolver model. */
export function relationshipFromProps(p: Props): M.Relationship {
  return {
    id: p.id as string,
    type: p.type as string,
    direction: p.direction as 'OUT' | 'IN',
    otherId: p.otherId as string,
    validFrom: (p.validFrom as string | undefined) ?? null,
    validTo: (p.validTo as string | undefined) ?? null,
    properties: parsed(p),
    sources: sourcesFromProps(p),
  };
}

/** Stored claim properties to the resolver model. */
export function claimFromProps(p: Props): M.Claim {
  return {
    id: p.id as string,
    text: p.text as string,
    claimantId: p.claimantId as string,
    subjectIds: (p.subjectIds as string[] | undefined) ?? [],
    propositionId: p.propositionId as string,
    polarity: p.polarity as 'AFFIRMS' | 'DENIES',
    madeOn: (p.madeOn as string | undefined) ?? null,
    sources: sourcesFromProps(p),
  };
}
