/**
 * How domain objects are stored as Neo4j properties, both ways. The seeder and the curation
 * mutations write through `*Props`; resolvers read through `*FromProps`. Keeping both directions
 * here is what lets the seeder compare "what is stored" with "what the input says" exactly.
 */
import { createHash } from 'node:crypto';
import type * as M from '../domain/elements';
import { amountInEuros, EFFECT_TYPES, inForceSpans } from '../domain/decisions';
import { relationshipId } from '../domain/ids';

/** JSON with object keys sorted: equal content gives equal strings. */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

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

/** The object without its null and undefined properties: what is given, and only that. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

function sourceProps(sources: SourceInput[] | undefined): Props {
  const list = sources ?? [];
  // Lists in Neo4j cannot hold maps or nulls: parallel lists, "" for "no quote"; translations
  // only where some source has one.
  return {
    sourceDocs: list.map((s) => s.document),
    sourceQuotes: list.map((s) => s.quote ?? ''),
    sourceTranslations: list.some((s) => s.translation) ? list.map((s) => s.translation ?? '') : null,
  };
}

/** A source as a JSON-held record keeps only what is given. */
function sourceRecord(s: SourceInput): SourceInput {
  return compact({ document: s.document, quote: s.quote, translation: s.translation }) as unknown as SourceInput;
}

/**
 * The typed decision record as stored: flat properties that Cypher can filter on, the status
 * history as JSON, and what follows from them (amountEur, the in-force spans that effects use,
 * the ids of the judgments that changed it). The derived ones depend on the input only, so the
 * seeder's comparison stays exact.
 */
function decisionProps(d: DecisionInput | null | undefined): Props {
  if (!d) return {};
  const history = d.statusHistory ?? [];
  const spans = history.length > 0 ? inForceSpans(history) : null;
  return {
    hasDecisionRecord: true,
    decidedOn: d.decidedOn,
    reference: d.reference,
    amount: d.amount,
    currency: d.currency,
    amountEur: amountInEuros(d.amount, d.currency, d.eurRate?.rate),
    eurRate: d.eurRate?.rate,
    eurRateOn: d.eurRate?.on,
    eurRateSourceDoc: d.eurRate?.source.document,
    eurRateSourceQuote: d.eurRate?.source.quote ?? (d.eurRate ? '' : null),
    eurRateSourceTranslation: d.eurRate?.source.translation,
    measures: d.measures ?? [],
    articlesBreached: d.articlesBreached ?? [],
    statusHistoryJson: history.length > 0 ? JSON.stringify(history.map((c) => ({ ...compact(c as unknown as Props), sources: c.sources.map(sourceRecord) }))) : null,
    statusByIds: history.length > 0 ? history.flatMap((c) => (c.by ? [c.by] : [])) : null,
    statusSourceDocs: history.length > 0 ? [...new Set(history.flatMap((c) => c.sources.map((s) => s.document)))] : null,
    inForceFrom: spans?.map((s) => s.from),
    inForceTo: spans?.map((s) => s.to),
    // The history's statuses and first days as two parallel lists, oldest first: what Cypher
    // needs to tell the status on a date (filters, decisionStats) without parsing the JSON.
    statuses: history.length > 0 ? history.map((c) => c.status) : null,
    statusFroms: history.length > 0 ? history.map((c) => c.from) : null,
  };
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
    textSection: e.textSection,
    primary: isDocument ? (e.primary ?? null) : null,
    retrievedOn: e.retrievedOn,
    valuesJson: e.values && e.values.length > 0 ? JSON.stringify(e.values.map((v) => ({ ...compact(v as unknown as Props), sources: v.sources.map(sourceRecord) }))) : null,
    valueSourceDocs: e.values && e.values.length > 0 ? [...new Set(e.values.flatMap((v) => v.sources.map((x) => x.document)))] : null,
    ...decisionProps(e.decision),
    ...(e.decision && !e.date && e.decision.decidedOn ? { date: e.decision.decidedOn } : {}),
    ...(e.decision && !isDocument ? { publishedOn: e.decision.publishedOn } : {}),
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
    // An effect of the decision it starts at: valid only while that decision is in force.
    isEffect: EFFECT_TYPES.includes(r.type) ? true : null,
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
    kind: c.kind ?? 'ASSERTION',
    basedOnIds: [...(c.basedOn ?? [])],
    basedOnDocumentIds: [...(c.basedOnDocuments ?? [])],
    qualifiesIds: [...(c.qualifies ?? [])],
  });
}

/** Claim properties the database derives (the evidence rule's results): not part of the input, left out of comparisons. */
export const DERIVED_CLAIM_PROPS = ['support', 'opposition', 'status'] as const;

/** A stored source list back to the curated form. */
function sourceInputs(p: Props): SourceInput[] {
  return sourcesFromProps(p).map((s) => compact({ document: s.documentId, quote: s.quote, translation: s.translation }) as unknown as SourceInput);
}

/** Stored ranked values (valuesJson) back to the curated form; [] when none. */
export function valuesFromProps(p: Props): ValueInput[] {
  return typeof p.valuesJson === 'string' ? (JSON.parse(p.valuesJson) as ValueInput[]) : [];
}

/** Stored status history back to the curated form; [] when none. */
export function statusHistoryFromProps(p: Props): StatusChangeInput[] {
  return typeof p.statusHistoryJson === 'string' ? (JSON.parse(p.statusHistoryJson) as StatusChangeInput[]) : [];
}

/** The stored decision record back to the curated form; null on entities without one. */
export function decisionInputFromProps(p: Props): DecisionInput | null {
  if (!p.hasDecisionRecord) return null;
  const history = statusHistoryFromProps(p);
  return compact({
    decidedOn: p.decidedOn,
    publishedOn: p.publishedOn,
    reference: p.reference,
    amount: p.amount,
    currency: p.currency,
    eurRate:
      p.eurRate === undefined || p.eurRate === null
        ? null
        : {
            rate: p.eurRate,
            on: p.eurRateOn,
            source: compact({ document: p.eurRateSourceDoc, quote: p.eurRateSourceQuote || null, translation: p.eurRateSourceTranslation }),
          },
    measures: p.measures ?? [],
    articlesBreached: p.articlesBreached ?? [],
    statusHistory: history.length > 0 ? history : null,
  }) as unknown as DecisionInput;
}

/** Stored entity properties back to the curated form that {@link entityProps} takes. */
export function entityInputFromProps(p: Props): EntityInput {
  const values = valuesFromProps(p);
  const decision = decisionInputFromProps(p);
  return compact({
    id: p.id,
    kind: p.kind,
    name: p.name,
    aliases: p.aliases ?? [],
    description: p.description,
    date: p.kind === 'DOCUMENT' ? null : p.date,
    properties: parsed(p),
    sources: sourceInputs(p),
    url: p.url,
    publishedOn: p.kind === 'DOCUMENT' ? p.publishedOn : null,
    publisher: p.publisherId,
    language: p.language,
    textFile: p.textFile,
    textSection: p.textSection,
    primary: p.primary,
    retrievedOn: p.retrievedOn,
    values: values.length > 0 ? values : null,
    decision,
  }) as unknown as EntityInput;
}

/** Stored source lists to SourceRefs. */
export function sourcesFromProps(p: Props): M.SourceRef[] {
  const docs = (p.sourceDocs as string[] | undefined) ?? [];
  const quotes = (p.sourceQuotes as string[] | undefined) ?? [];
  const translations = (p.sourceTranslations as string[] | undefined) ?? [];
  return docs.map((documentId, i) => ({ documentId, quote: quotes[i] ? quotes[i]! : null, translation: translations[i] ? translations[i]! : null }));
}

/** A curated source (as held in JSON records) to a SourceRef. */
export function sourceRefOf(s: SourceInput): M.SourceRef {
  return { documentId: s.document, quote: s.quote ?? null, translation: s.translation ?? null };
}

function parsed(p: Props): Record<string, unknown> | null {
  return typeof p.propertiesJson === 'string' ? (JSON.parse(p.propertiesJson) as Record<string, unknown>) : null;
}

/**
 * The version of a stored element: a digest of its stored properties, so it changes exactly when
 * a write changes the element (the seeder compares the same properties to count updates). Curators
 * pass it back as `ifVersion` to refuse an update of something changed since they read it. What
 * the evidence rule derives (a claim's support, opposition, status) is left out: it changes with
 * other claims, not with this one, and the seeder compares without it.
 */
export function versionOf(stored: Props): string {
  const own: Props = { ...stored };
  for (const k of DERIVED_CLAIM_PROPS) delete own[k];
  return createHash('sha256').update(stable(own)).digest('hex').slice(0, 16);
}

/** A relationship row without what the reading statement adds: its stored properties only. */
export function storedRelationshipProps(row: Props): Props {
  const { type: _t, direction: _d, otherId: _o, other: _x, fromId: _f, toId: _to, ...stored } = row;
  return stored;
}

/** Stored entity properties to the resolver model. */
export function entityFromProps(p: Props): M.Entity {
  return {
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
    properties: parsed(p),
    sources: sourcesFromProps(p),
    url: (p.url as string | undefined) ?? null,
    publishedOn: (p.publishedOn as string | undefined) ?? null,
    publisherId: (p.publisherId as string | undefined) ?? null,
    language: (p.language as string | undefined) ?? null,
    heldText: typeof p.textFile === 'string',
    primary: p.primary === true,
    retrievedOn: (p.retrievedOn as string | undefined) ?? null,
    props: p,
  };
}

/** A relationship row (stored properties plus type, direction, otherId, fromId, toId) to the resolver model. */
export function relationshipFromProps(p: Props): M.Relationship {
  return {
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
    properties: parsed(p),
    sources: sourcesFromProps(p),
  };
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
    support: (p.support as number | undefined) ?? 0,
    opposition: (p.opposition as number | undefined) ?? 0,
    status: ((p.status as string | undefined) ?? 'UNCONTESTED') as M.Claim['status'],
  };
}
