/**
 * What a seed area is: one kind of curated element (entities, propositions, relationships,
 * claims …) with everything the seeder, `seed --check`, the curation mutations and the export
 * need to know of it. The loops over areas live in validate.ts, seeder.ts, export.ts and erase.ts,
 * and name no area; what differs between areas lives in one module per area
 * (src/seed/areas/<area>.ts), listed once in src/seed/areas/index.ts.
 */
import type { Row, TxRun } from '../../db/executor';
import type { StatementName } from '../../db/statements';
import type { Props } from '../../db/records';
import type { StandingChange } from '../../domain/elements';

/** One problem with the input, at a place. */
export interface Problem {
  file: string;
  pointer: string;
  message: string;
}

/** Where an item came from, for messages. */
export interface Located<T> {
  item: T;
  file: string;
  pointer: string;
}

/**
 * One array of seed files that holds an area's elements: its key (also the file name
 * `<key>.json` an export writes) and its part of seed/schema.json (`$defs/<schemaDef>`). An area
 * may have several (documents are entities of kind DOCUMENT in their own array).
 */
interface Section<Item> {
  key: string;
  schemaDef: string;
  /** A file's item to the area's item (documents gain their kind). */
  toItem(raw: any): Item;
  /** The reverse, for the export; `holds` says which of the area's items this section writes. */
  fromItem(item: Item): unknown;
  holds(item: Item): boolean;
}

/** What the reference checks know: the input's elements and what the database holds. */
export interface CheckContext {
  /** Entity id -> kind, from the input and the database. */
  kindOf: Map<string, string>;
  /** Proposition ids, from the input and the database. */
  propositions: Set<string>;
  /** Claim ids from the input, and stored claims referred to with their basedOn. */
  claims: Map<string, string[]>;
  /** Decisions (input or stored) with a status history: an effect edge may start only at one. */
  withStatusHistory: Set<string>;
  /** The entity that the database holds with this identifier key (src/domain/ids.ts), if any. */
  identifierOwner(key: string): string | undefined;
  /** Whether a held text (other than our own summary, facts.md) states the name: for aliases. */
  statesName(name: string): boolean;
  at(file: string, pointer: string, message: string): void;
  /** An entity reference that must resolve. */
  entityRef(file: string, pointer: string, id: string | null | undefined, what: string): void;
  /** A date that must be a real calendar day. */
  date(file: string, pointer: string, value: string | null | undefined): void;
  /** A reference that must name a document. */
  documentRef(file: string, pointer: string, id: string): void;
  /** One citation: its document, its quote and translation verbatim in the held text. */
  source(file: string, pointer: string, s: { document: string; quote?: string | null; translation?: string | null }): void;
  /** The citations under `<pointer>/sources`; `needQuote`: at least one with a quote. */
  sources(file: string, pointer: string, list: { document: string; quote?: string | null }[] | undefined, needQuote: boolean): void;
}

/**
 * What the database already holds of the ids an input refers to but does not define, for the
 * reference checks: filled by each area's `knownFromStored` (the seeder), or empty (a check of
 * files alone, `seed --check`).
 */
export interface KnownIds {
  entities: Map<string, string>; // id -> kind
  propositions: Set<string>;
  /** Stored claims referred to by basedOn or qualifies, and every claim they rest on: id -> basedOn. */
  claims?: Map<string, string[]>;
  /** Stored decisions that have a status history (an effect edge may start only at one of them). */
  withStatusHistory?: Set<string>;
  /** Identifier keys (src/domain/ids.ts) of the input that stored entities already carry: key -> entity id. */
  identifiers?: Map<string, string>;
}

/** What the reference checks know of ids (CheckContext's part that the areas fill: see SeedArea.know). */
export type Knowledge = Pick<CheckContext, 'kindOf' | 'propositions' | 'claims' | 'withStatusHistory'>;

/** What an area's `before` step did: problems at their places, elements it wrote, and the claims' status changes. */
export interface BeforeOutcome {
  problems: Problem[];
  applied: number;
  standingChanges: StandingChange[];
}

/** The references of an element to other areas' elements, by area name. */
export type References = Partial<Record<string, (string | null | undefined)[]>>;

/** What the database holds of an area's elements, by the area's id. */
export interface StoredArea {
  byId: Map<string, Props>;
  /** Only claims: stored claims referred to and every claim they rest on (id -> basedOn). */
  basisClosure?: Map<string, string[]>;
}

/**
 * What the comparison knows when an area reads what is stored: how many entities, claims and
 * propositions the store holds (seed/store-counts), and what the areas before it read. An area
 * skips reading what cannot be stored, so the result is the same as reading it.
 */
export interface StoredSoFar {
  counts: { entities: number; claims: number; propositions: number };
  areas: Partial<Record<string, StoredArea>>;
}

/** One seed area. `Item` is its element as seed files (and curation inputs) give it. */
export interface SeedArea<Name extends string = string, Item = any> {
  /** The area's name: in counts, audit entries and `ifVersion` conflicts. */
  name: Name;
  /** Its arrays in seed files, in the order an export writes them within the area. */
  sections: Section<Item>[];
  /** Identity across files: the same key twice must be the same content. */
  mergeKey(item: Item): string;
  /** The stored element's id (relationships: from:type:to). */
  id(item: Item): string;
  /** Sort key of the export (the seed files' order). */
  sortKey(item: Item): string;
  /** Its ids share one namespace with the other areas that say true (entities, claims, propositions). */
  uniqueIds: boolean;
  /** The entity kind an id-clash check compares (only entities have one). */
  idKind?(item: Item): string | undefined;
  /** Ids it refers to in other areas (and its own), which must exist in the input or the database. */
  references(item: Item): References;
  /** Ids a curation write locks before it reads (see seed/lock). */
  lockIds(item: Item): string[];
  /** Ids an audit entry is found by. */
  touchedIds(item: Item): string[];
  /** Reads what is stored of `ids` (its own and the external ones the input refers to). */
  stored(run: TxRun, ids: string[], items: Item[], external: string[], soFar: StoredSoFar): Promise<StoredArea>;
  /** The element as stored properties (what the seeder compares and the upsert writes). */
  props(item: Item): Props;
  /** The upsert's row. */
  row(item: Item, props: Props): Row;
  /** Creates or replaces rows. */
  upsert: StatementName;
  /** Bulk mode: creates rows the comparison found absent, without looking for them (default: upsert). */
  create?: StatementName;
  /**
   * The placeholders of its write statements for a row (one label or relationship type per
   * statement, from src/seed/parts.ts): the seeder sends rows with the same parts together.
   */
  writeParts?(row: Row): Record<string, string>;
  /** Every stored element, for the export: rows whose `element` holds the stored properties. */
  exportAll: StatementName;
  /** Stored properties (an exportAll row's element) back to the seed form. */
  fromStored(element: Props): Item;
  /** The rules beyond the schema, over the whole area's input. */
  check(list: Located<Item>[], ctx: CheckContext): void;

  // What only some areas have; the loops ask every area, and name none.

  /** False: the stored ids other areas refer to in this one are not locked by seed/lock (default true). */
  lockReferenced?: false;
  /** Its ids are former ids, taken for good: the message for an element of another area that would take one (`into`: what it answers for). */
  reservedIdMessage?(id: string, into: string | null): string;
  /** Its elements may hold a document's text (`textFile`, `textSection`, `alsoHeldIn`): quotes citing them are checked against it. */
  holdsTexts?: true;
  /** The identifier keys (src/domain/ids.ts) an element carries, which no other stored element may carry. */
  identifierKeys?(item: Item): string[];
  /** What the reference checks learn from the area's stored elements (the seeder, before it checks). */
  knownFromStored?(stored: StoredArea, known: KnownIds): void;
  /** What the reference checks know of the area: what is stored (`known`), then the input's items, which replace it. */
  know?(k: Knowledge, known: KnownIds, items: Item[]): void;
  /**
   * Weighed by the evidence rule: once every area's rows are written, `link` writes the evidence
   * edges of the written elements (`rows`; they may join elements written in the same run), and
   * the rule re-runs over the propositions they can change.
   */
  evidence?: { link: StatementName; rows(items: Item[]): Row[] };
  /**
   * Applied in the write's transaction before the comparison (a declared merge whose `from` is
   * still stored is carried out), so that the comparison sees its outcome. Not on dry runs.
   */
  before?(run: TxRun, list: Located<Item>[]): Promise<BeforeOutcome>;
  /** Whether an element recorded in the audit log (its id, one side's stored properties) names the entity `entityId` (`npm run erase`). */
  namesEntity?(entityId: string, id: string, stored: Props): boolean;
}

/** Rows read per statement: a parameter of millions of keys is one Bolt message Neo4j must hold whole. */
export const READ_SLICE = 50_000;

/** Runs `name` over `list` in slices of READ_SLICE, as parameter `key`; all rows. */
export async function readSliced(run: TxRun, name: StatementName, key: string, list: unknown[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 0; i < list.length; i += READ_SLICE) rows.push(...(await run(name, { [key]: list.slice(i, i + READ_SLICE) })));
  return rows;
}
