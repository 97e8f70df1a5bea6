/**
 * How domain objects are stored as Neo4j properties, both ways. The seeder and the curation
 * mutations write through `*Props`; the store (src/store/rows.ts) reads through `*FromProps`. Keeping both directions
 * here is what lets the seeder compare "what is stored" with "what the input says" exactly.
 */
import { createHash } from 'node:crypto';
import type * as M from '../domain/elements';

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
interface ValueInput {
  property: string;
  value: string | number | boolean;
  rank: 'PREFERRED' | 'NORMAL' | 'DEPRECATED';
  reason?: string | null;
  sources: SourceInput[];
}

/** An identifier of an element in another register, with the citations that state it. */
interface IdentifierInput {
  scheme: string;
  value: string;
  url?: string | null;
  sources: SourceInput[];
}

/** A name in another language, with the citations that state it. */
interface LabelInput {
  language: string;
  name: string;
  sources: SourceInput[];
}

/** One change of a decision's status. */
interface StatusChangeInput {
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
  /** Names in other languages, each stated by a held text. */
  labels?: LabelInput[];
  /** Identifiers in other registers, each stated by a held text. */
  identifiers?: IdentifierInput[];
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
  /** Documents: further parts of the held text (the same document under another heading). */
  alsoHeldIn?: { textFile: string; textSection: string }[] | null;
  /** Documents: the authority's, court's or party's own record. */
  primary?: boolean | null;
  /** Documents: HIGH, MEDIUM or LOW (src/domain/evidence.ts). */
  reliability?: string | null;
  /** Documents: why that reliability. */
  reliabilityNote?: string | null;
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
  /** Entities that made it jointly with the claimant. */
  coClaimants?: string[];
  /** Claims it corrects: they count no more from its madeOn. */
  corrects?: string[];
  /** Claims it replaces: they count no more from its madeOn. */
  supersedes?: string[];
}

/** The object without its null and undefined properties: what is given, and only that. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** A citation list as stored: parallel lists of documents, quotes and translations. */
export function sourceProps(sources: SourceInput[] | undefined): Props {
  const list = sources ?? [];
  // Lists in Neo4j cannot hold maps or nulls: parallel lists, "" for "no quote"; translations
  // only where some source has one.
  return {
    sourceDocs: list.map((s) => s.document),
    sourceQuotes: list.map((s) => s.quote ?? ''),
    sourceTranslations: list.some((s) => s.translation) ? list.map((s) => s.translation ?? '') : null,
  };
}

/** A document's further held-text parts, stored as JSON (a Neo4j list cannot hold maps); null when none. */
export function alsoHeldInFromProps(p: Props): { textFile: string; textSection: string }[] | null {
  return typeof p.alsoHeldInJson === 'string' ? JSON.parse(p.alsoHeldInJson) : null;
}

/** A source as a JSON-held record keeps only what is given. */
export function sourceRecord(s: SourceInput): SourceInput {
  return compact({ document: s.document, quote: s.quote, translation: s.translation }) as unknown as SourceInput;
}

/** A property map as stored JSON text; null when empty. */
export function jsonOrNull(value: Record<string, unknown> | null | undefined): string | null {
  return value && Object.keys(value).length > 0 ? JSON.stringify(value) : null;
}

/** Claim properties the database derives (the evidence rule's results): not part of the input, left out of comparisons. */
export const DERIVED_CLAIM_PROPS = ['support', 'opposition', 'status'] as const;

/** A stored source list back to the curated form. */
export function sourceInputs(p: Props): SourceInput[] {
  return sourcesFromProps(p).map((s) => compact({ document: s.documentId, quote: s.quote, translation: s.translation }) as unknown as SourceInput);
}

/** Stored ranked values (valuesJson) back to the curated form; [] when none. */
export function valuesFromProps(p: Props): ValueInput[] {
  return typeof p.valuesJson === 'string' ? (JSON.parse(p.valuesJson) as ValueInput[]) : [];
}

/** Stored identifiers (identifiersJson) back to the curated form; [] when none. */
export function identifiersFromProps(p: Props): IdentifierInput[] {
  return typeof p.identifiersJson === 'string' ? (JSON.parse(p.identifiersJson) as IdentifierInput[]) : [];
}

/** Stored labels (labelsJson) back to the curated form; [] when none. */
export function labelsFromProps(p: Props): LabelInput[] {
  return typeof p.labelsJson === 'string' ? (JSON.parse(p.labelsJson) as LabelInput[]) : [];
}

/** What search matches besides name and aliases: the names in other languages and the identifier values. */
export function otherNamesFromProps(p: Props): string[] {
  return [...labelsFromProps(p).map((l) => l.name), ...identifiersFromProps(p).map((i) => i.value)];
}

/** Stored status history back to the curated form; [] when none. */
export function statusHistoryFromProps(p: Props): StatusChangeInput[] {
  return typeof p.statusHistoryJson === 'string' ? (JSON.parse(p.statusHistoryJson) as StatusChangeInput[]) : [];
}

function nonEmpty(list: unknown): unknown[] | null {
  return Array.isArray(list) && list.length > 0 ? list : null;
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
    // Empty lists are what a record without them stores: left out, as the seed files leave them.
    measures: nonEmpty(p.measures),
    articlesBreached: nonEmpty(p.articlesBreached),
    statusHistory: history.length > 0 ? history : null,
  }) as unknown as DecisionInput;
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

/** The stored free-form properties (propertiesJson); null when none. */
export function parsedProperties(p: Props): Record<string, unknown> | null {
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
  const own: Props = withoutFormerIds(stored);
  for (const k of DERIVED_CLAIM_PROPS) delete own[k];
  return createHash('sha256').update(stable(own)).digest('hex').slice(0, 16);
}

/**
 * An entity's stored properties without its former ids: those are written by merges (the merges
 * area), not by the entity's own rows, so neither the seeder's comparison nor `version` sees them.
 */
export function withoutFormerIds(stored: Props): Props {
  const { formerIds: _f, ...own } = stored;
  return own;
}

/** A relationship row without what the reading statement adds: its stored properties only. */
export function storedRelationshipProps(row: Props): Props {
  const { type: _t, direction: _d, otherId: _o, other: _x, fromId: _f, toId: _to, ...stored } = row;
  return stored;
}
