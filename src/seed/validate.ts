/**
 * Seed validation: JSON Schema (seed/schema.json, ajv) per file, then the rules a schema cannot
 * state: references resolve, an id means one thing, every fact has a quoted source, dates are real
 * days. Every problem is reported as `<file>:<JSON pointer>: <problem>`, all of them (capped).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ClaimInput, EntityInput, PropositionInput, RelationshipInput, SourceInput, stable } from '../db/records';
import { isIsoDate } from '../domain/dates';
import { kindPairProblem, RELATIONSHIP_TYPES } from '../domain/relationships';
import { basedOnCycles } from '../domain/evidence';

/** One problem with the input, at a place. */
export interface Problem {
  file: string;
  pointer: string;
  message: string;
}

/** Formats a problem the way the CLI prints it. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.pointer || '/'}: ${p.message}`;
}

/** Words in a quote, as the relationship rule counts them (whitespace-separated). */
export function wordCount(quote: string | null | undefined): number {
  return (quote ?? '').split(/\s+/).filter((w) => w !== '').length;
}

/** The least number of words of a quote that states a relationship. */
export const MIN_RELATIONSHIP_QUOTE_WORDS = 5;

/** One parsed seed file. */
export interface SeedFile {
  file: string;
  data: {
    documents?: EntityInput[];
    entities?: EntityInput[];
    relationships?: RelationshipInput[];
    propositions?: PropositionInput[];
    claims?: ClaimInput[];
  };
}

/** Where an item came from, for messages. */
export interface Located<T> {
  item: T;
  file: string;
  pointer: string;
}

/** The union of all files, de-duplicated, each item with its first place. */
export interface SeedInput {
  entities: Located<EntityInput>[];
  relationships: Located<RelationshipInput>[];
  propositions: Located<PropositionInput>[];
  claims: Located<ClaimInput>[];
}

/** What the database already holds of the ids the input refers to but does not define. */
export interface KnownIds {
  entities: Map<string, string>; // id -> kind
  propositions: Set<string>;
  /** Stored claims referred to by basedOn or qualifies, and every claim they rest on: id -> basedOn. */
  claims?: Map<string, string[]>;
}

let compiled: ValidateFunction | undefined;
function validator(schemaPath: string): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    compiled = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
  }
  return compiled;
}

function ajvMessage(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown property "${(e.params as any).additionalProperty}"`;
  if (e.keyword === 'required') return `missing required property "${(e.params as any).missingProperty}"`;
  if (e.keyword === 'enum') return `must be one of ${((e.params as any).allowedValues as string[]).join(', ')}`;
  if (e.keyword === 'pattern' && e.instancePath.match(/(date|On|validFrom|validTo)$/)) return 'must be a date written YYYY-MM-DD';
  if (e.keyword === 'pattern' && e.schemaPath.includes('/id/')) return 'must be a kebab-case id such as clearview-ai';
  return e.message ?? e.keyword;
}

/** Validates one parsed file against seed/schema.json. */
export function schemaProblems(file: string, data: unknown, schemaPath: string): Problem[] {
  const validate = validator(schemaPath);
  if (validate(data)) return [];
  // An enum miss also reports its anyOf/if branches; keep one message per place and keyword.
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const e of validate.errors ?? []) {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, pointer: e.instancePath, message: ajvMessage(e) });
  }
  return out;
}

/**
 * Merges files into one input. The same id (or relationship key) twice with the same content is
 * fine; with different content it is a problem reported at both places.
 */
export function mergeFiles(files: SeedFile[]): { input: SeedInput; problems: Problem[] } {
  const problems: Problem[] = [];
  const byId = new Map<string, Located<unknown> & { area: string }>();
  const input: SeedInput = { entities: [], relationships: [], propositions: [], claims: [] };
  const add = <T>(area: keyof SeedInput | 'documents', key: string, loc: Located<T>, list: Located<T>[]) => {
    const prev = byId.get(key);
    if (!prev) {
      byId.set(key, { ...loc, area });
      list.push(loc);
    } else if (stable(prev.item) !== stable(loc.item) || prev.area !== area) {
      problems.push({
        file: loc.file,
        pointer: loc.pointer,
        message: `id "${key.replace(/^[^:]+:/, '')}" is already defined differently at ${prev.file}:${prev.pointer}`,
      });
    }
  };
  for (const f of files) {
    (f.data.documents ?? []).forEach((d, i) =>
      add('documents', `node:${d.id}`, { item: { ...d, kind: 'DOCUMENT' }, file: f.file, pointer: `/documents/${i}` }, input.entities),
    );
    (f.data.entities ?? []).forEach((e, i) => add('entities', `node:${e.id}`, { item: e, file: f.file, pointer: `/entities/${i}` }, input.entities));
    (f.data.propositions ?? []).forEach((p, i) =>
      add('propositions', `node:${p.id}`, { item: p, file: f.file, pointer: `/propositions/${i}` }, input.propositions),
    );
    (f.data.claims ?? []).forEach((c, i) => add('claims', `node:${c.id}`, { item: c, file: f.file, pointer: `/claims/${i}` }, input.claims));
    (f.data.relationships ?? []).forEach((r, i) =>
      add('relationships', `rel:${r.from}:${r.type}:${r.to}`, { item: r, file: f.file, pointer: `/relationships/${i}` }, input.relationships),
    );
  }
  return { input, problems };
}

/** Ids the input refers to without defining them: the database must have them. */
export function externalReferences(input: SeedInput): { entities: string[]; propositions: string[]; claims: string[] } {
  const defined = new Set([...input.entities.map((e) => e.item.id)]);
  const props = new Set(input.propositions.map((p) => p.item.id));
  const definedClaims = new Set(input.claims.map((c) => c.item.id));
  const entities = new Set<string>();
  const propositions = new Set<string>();
  const claims = new Set<string>();
  const need = (id: string | null | undefined) => id && !defined.has(id) && entities.add(id);
  const sources = (s: SourceInput[] | undefined) => (s ?? []).forEach((x) => need(x.document));
  for (const { item } of input.entities) {
    need(item.publisher);
    sources(item.sources);
    (item.values ?? []).forEach((v) => sources(v.sources));
    const d = item.decision;
    if (d?.eurRate) sources([d.eurRate.source]);
    for (const change of d?.statusHistory ?? []) {
      need(change.by);
      sources(change.sources);
    }
  }
  for (const { item } of input.relationships) {
    need(item.from);
    need(item.to);
    sources(item.sources);
  }
  for (const { item } of input.claims) {
    need(item.claimant);
    item.subjects.forEach(need);
    sources(item.sources);
    if (!props.has(item.proposition)) propositions.add(item.proposition);
    (item.basedOnDocuments ?? []).forEach(need);
    for (const id of [...(item.basedOn ?? []), ...(item.qualifies ?? [])]) if (!definedClaims.has(id)) claims.add(id);
  }
  return { entities: [...entities].sort(), propositions: [...propositions].sort(), claims: [...claims].sort() };
}

/** Properties that the typed decision record holds: a decision with a record may not repeat them in properties. */
const DECISION_FIELDS = ['decidedOn', 'publishedOn', 'reference', 'amount', 'currency', 'eurRate', 'measures', 'articlesBreached', 'statusHistory'];

/** What an entity states itself of a property that ranked values may also give. */
function ownValue(item: EntityInput, property: string): unknown {
  const d = item.decision ?? {};
  const own: Record<string, unknown> = {
    date: item.kind === 'DOCUMENT' ? undefined : item.date,
    decidedOn: d.decidedOn ?? (item.kind === 'DECISION' ? item.date : undefined),
    publishedOn: item.kind === 'DOCUMENT' ? item.publishedOn : d.publishedOn,
    reference: d.reference,
    amount: d.amount,
    currency: d.currency,
    filedOn: item.kind === 'COMPLAINT' ? item.date : undefined,
    retrievedOn: item.retrievedOn,
    name: item.name,
  };
  return own[property] ?? item.properties?.[property] ?? undefined;
}

/**
 * The rules beyond the schema. `known` holds what the database has of the external references;
 * `texts` maps a document id to its held text, to check that quotes are verbatim.
 */
export function referenceProblems(input: SeedInput, known: KnownIds, texts: Map<string, string> = new Map()): Problem[] {
  const problems: Problem[] = [];
  const kindOf = new Map<string, string>(known.entities);
  for (const { item } of input.entities) kindOf.set(item.id, item.kind);
  const propositions = new Set([...known.propositions, ...input.propositions.map((p) => p.item.id)]);
  const at = (file: string, pointer: string, message: string) => problems.push({ file, pointer, message });

  const entityRef = (file: string, pointer: string, id: string | null | undefined, what: string) => {
    if (id && !kindOf.has(id)) at(file, pointer, `${what} "${id}" is neither in the input nor in the database`);
  };
  const date = (file: string, pointer: string, value: string | null | undefined) => {
    if (value && !isIsoDate(value)) at(file, pointer, `"${value}" is not a real calendar date`);
  };
  const documentRef = (file: string, pointer: string, id: string) => {
    const kind = kindOf.get(id);
    if (!kind) at(file, pointer, `document "${id}" is neither in the input nor in the database`);
    else if (kind !== 'DOCUMENT') at(file, pointer, `"${id}" is a ${kind}, not a document`);
  };
  const source = (file: string, p: string, s: SourceInput) => {
    documentRef(file, `${p}/document`, s.document);
    if (s.quote !== undefined && s.quote !== null && s.quote.trim() === '') at(file, `${p}/quote`, 'quote is empty');
    const text = texts.get(s.document);
    if (s.quote && text !== undefined && !text.includes(s.quote)) {
      at(file, `${p}/quote`, `quote is not verbatim in the text of "${s.document}"`);
    }
    if (s.translation && !s.quote) at(file, `${p}/translation`, 'a translation needs the quote it translates');
    if (s.translation && text !== undefined && !text.includes(s.translation)) {
      at(file, `${p}/translation`, `translation is not verbatim in the text of "${s.document}"`);
    }
  };
  const sources = (file: string, pointer: string, list: SourceInput[] | undefined, needQuote: boolean) => {
    (list ?? []).forEach((s, i) => source(file, `${pointer}/sources/${i}`, s));
    if (needQuote && !(list ?? []).some((s) => s.quote && s.quote.trim())) {
      at(file, `${pointer}/sources`, 'needs at least one source with a verbatim quote');
    }
  };

  for (const { item, file, pointer } of input.entities) {
    entityRef(file, `${pointer}/publisher`, item.publisher, 'publisher');
    date(file, `${pointer}/date`, item.date);
    date(file, `${pointer}/publishedOn`, item.publishedOn);
    date(file, `${pointer}/retrievedOn`, item.retrievedOn);
    sources(file, pointer, item.sources, item.kind !== 'DOCUMENT');
    if (item.kind === 'DOCUMENT' && !item.url && !item.textFile) at(file, pointer, 'a document needs a url or a textFile (held text): no placeholder documents');
    values(file, pointer, item);
    if (item.decision) decision(file, `${pointer}/decision`, item);
  }

  function values(file: string, pointer: string, item: EntityInput) {
    const preferred = new Map<string, number>();
    (item.values ?? []).forEach((v, i) => {
      const p = `${pointer}/values/${i}`;
      if (v.rank === 'PREFERRED') {
        const first = preferred.get(v.property);
        if (first !== undefined) at(file, `${p}/rank`, `a second PREFERRED value of "${v.property}" (the first is ${pointer}/values/${first})`);
        else preferred.set(v.property, i);
        const own = ownValue(item, v.property);
        if (own !== undefined && own !== null && own !== v.value) {
          at(file, `${p}/value`, `the PREFERRED value of "${v.property}" must equal the entity's own ${JSON.stringify(own)}`);
        }
      } else if (!v.reason) at(file, `${p}/reason`, `a ${v.rank} value needs a reason`);
      sources(file, p, v.sources, true);
    });
  }

  function decision(file: string, pointer: string, item: EntityInput) {
    const d = item.decision!;
    if (item.kind !== 'DECISION') return void at(file, pointer, `only a DECISION has a decision record, not a ${item.kind}`);
    date(file, `${pointer}/decidedOn`, d.decidedOn);
    date(file, `${pointer}/publishedOn`, d.publishedOn);
    if (d.decidedOn && item.date && d.decidedOn !== item.date) at(file, `${pointer}/decidedOn`, `must equal the entity's date ${item.date}`);
    for (const key of DECISION_FIELDS) {
      if (item.properties && key in item.properties) at(file, `${pointer.replace(/\/decision$/, '')}/properties/${key}`, `"${key}" belongs in the decision record only (one place for one fact)`);
    }
    if (d.eurRate) {
      date(file, `${pointer}/eurRate/on`, d.eurRate.on);
      source(file, `${pointer}/eurRate/source`, d.eurRate.source);
      if (!d.eurRate.source.quote) at(file, `${pointer}/eurRate/source/quote`, 'a rate needs the verbatim quote that states it');
      if (d.currency === 'EUR') at(file, `${pointer}/eurRate`, 'an amount in EUR needs no rate');
    }
    let previous: string | undefined;
    (d.statusHistory ?? []).forEach((change, i) => {
      const p = `${pointer}/statusHistory/${i}`;
      date(file, `${p}/from`, change.from);
      if (change.precision === 'MONTH' && !/-01$/.test(change.from)) at(file, `${p}/from`, 'a date known to the month is written as the 1st of the month');
      if (change.precision === 'YEAR' && !/-01-01$/.test(change.from)) at(file, `${p}/from`, 'a date known to the year is written as 1 January');
      if (previous !== undefined && change.from <= previous) at(file, `${p}/from`, `must be after the previous change's ${previous} (oldest first)`);
      previous = change.from;
      if (change.by) {
        const kind = kindOf.get(change.by);
        if (!kind) at(file, `${p}/by`, `decision "${change.by}" is neither in the input nor in the database`);
        else if (kind !== 'DECISION') at(file, `${p}/by`, `"${change.by}" is a ${kind}, not a decision`);
        else if (change.by === item.id) at(file, `${p}/by`, 'leave by out where the change is the decision itself');
      }
      sources(file, p, change.sources, true);
    });
  }

  for (const { item, file, pointer } of input.relationships) {
    if (!RELATIONSHIP_TYPES.has(item.type)) at(file, `${pointer}/type`, `unknown relationship type "${item.type}"`);
    entityRef(file, `${pointer}/from`, item.from, 'entity');
    entityRef(file, `${pointer}/to`, item.to, 'entity');
    if (item.from === item.to) at(file, `${pointer}/to`, 'a relationship cannot link an entity to itself');
    const [fromKind, toKind] = [kindOf.get(item.from), kindOf.get(item.to)];
    const pair = fromKind && toKind ? kindPairProblem(item.type, fromKind, toKind) : null;
    if (pair) at(file, `${pointer}/${pair.end}`, pair.message);
    date(file, `${pointer}/validFrom`, item.validFrom);
    date(file, `${pointer}/validTo`, item.validTo);
    if (item.validFrom && item.validTo && item.validFrom > item.validTo) at(file, `${pointer}/validTo`, `is before validFrom ${item.validFrom}`);
    sources(file, pointer, item.sources, true);
    if (!item.sources.some((s) => wordCount(s.quote) >= MIN_RELATIONSHIP_QUOTE_WORDS)) {
      at(file, `${pointer}/sources`, `needs a quote of ${MIN_RELATIONSHIP_QUOTE_WORDS} words or more that states the relationship`);
    }
  }

  const claimIds = new Set([...(known.claims?.keys() ?? []), ...input.claims.map((c) => c.item.id)]);
  for (const { item, file, pointer } of input.claims) {
    entityRef(file, `${pointer}/claimant`, item.claimant, 'claimant');
    item.subjects.forEach((s, i) => entityRef(file, `${pointer}/subjects/${i}`, s, 'subject'));
    if (!propositions.has(item.proposition)) at(file, `${pointer}/proposition`, `proposition "${item.proposition}" is neither in the input nor in the database`);
    date(file, `${pointer}/madeOn`, item.madeOn);
    sources(file, pointer, item.sources, true);
    const kind = item.kind ?? 'ASSERTION';
    if (kind !== 'ASSERTION' && (item.basedOn ?? []).length === 0 && (item.basedOnDocuments ?? []).length === 0) {
      at(file, `${pointer}/basedOn`, `a ${kind} names what it rests on (basedOn or basedOnDocuments)`);
    }
    (item.basedOn ?? []).forEach((id, i) => {
      if (!claimIds.has(id)) at(file, `${pointer}/basedOn/${i}`, `claim "${id}" is neither in the input nor in the database`);
      else if (id === item.id) at(file, `${pointer}/basedOn/${i}`, 'a claim cannot rest on itself');
    });
    (item.basedOnDocuments ?? []).forEach((id, i) => documentRef(file, `${pointer}/basedOnDocuments/${i}`, id));
    (item.qualifies ?? []).forEach((id, i) => {
      if (!claimIds.has(id)) at(file, `${pointer}/qualifies/${i}`, `claim "${id}" is neither in the input nor in the database`);
      else if (id === item.id) at(file, `${pointer}/qualifies/${i}`, 'a claim does not qualify itself');
    });
  }
  // Cycles over basedOn, through the input and the stored claims (the input's version wins).
  const edges = new Map<string, string[]>(known.claims ?? []);
  const where = new Map<string, { file: string; pointer: string }>();
  for (const { item, file, pointer } of input.claims) {
    edges.set(item.id, (item.basedOn ?? []).filter((id) => id !== item.id));
    where.set(item.id, { file, pointer });
  }
  for (const cycle of basedOnCycles(edges)) {
    const first = cycle.find((id) => where.has(id));
    if (!first) continue; // a cycle among stored claims only is not this input's doing
    const loc = where.get(first)!;
    const start = cycle.indexOf(first);
    const rotated = [...cycle.slice(start, -1), ...cycle.slice(0, start), first];
    at(loc.file, `${loc.pointer}/basedOn`, `claims rest on each other in a cycle: ${rotated.join(' -> ')}`);
  }
  return problems;
}

/**
 * The part of a held text under the heading that names `section`: from the line
 * "#### `<section>`" up to the next line that starts with "#"; null when no such heading.
 */
export function textSectionOf(text: string, section: string): string | null {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.replace(/\r$/, '') === `#### \`${section}\``);
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !lines[end]!.startsWith('#')) end++;
  return lines.slice(start, end).join('\n');
}

/**
 * Reads the held texts of documents that name a `textFile`, relative to the seed root: those of
 * the input, and `stored` ones (id to textFile and textSection) already in the database, so that
 * a quote of a document seeded earlier is checked too. With a textSection, the held text is
 * that section of the file only.
 */
export function heldTexts(
  input: SeedInput,
  seedRoot: string,
  stored: Map<string, string | { textFile: string; textSection?: string | null }> = new Map(),
): { texts: Map<string, string>; problems: Problem[] } {
  const texts = new Map<string, string>();
  const problems: Problem[] = [];
  const defined = new Set(input.entities.map((e) => e.item.id));
  const earlier = [...stored]
    .filter(([id]) => !defined.has(id))
    .map(([id, held]) => ({ item: { id, ...(typeof held === 'string' ? { textFile: held } : held) } as EntityInput, file: '(database)', pointer: `/${id}` }));
  const files = new Map<string, string>();
  for (const { item, file, pointer } of [...input.entities, ...earlier]) {
    if (!item.textFile) continue;
    const full = path.resolve(seedRoot, item.textFile);
    if (!full.startsWith(path.resolve(seedRoot) + path.sep)) {
      problems.push({ file, pointer: `${pointer}/textFile`, message: 'must stay inside the seed folder' });
    } else if (!fs.existsSync(full)) {
      problems.push({ file, pointer: `${pointer}/textFile`, message: `file ${item.textFile} does not exist` });
    } else {
      if (!files.has(full)) files.set(full, fs.readFileSync(full, 'utf8'));
      const whole = files.get(full)!;
      if (!item.textSection) texts.set(item.id, whole);
      else {
        const part = textSectionOf(whole, item.textSection);
        if (part === null) problems.push({ file, pointer: `${pointer}/textSection`, message: `no heading "#### \`${item.textSection}\`" in ${item.textFile}` });
        else texts.set(item.id, part);
      }
    }
  }
  return { texts, problems };
}
