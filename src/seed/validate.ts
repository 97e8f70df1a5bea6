/**
 * Seed validation: JSON Schema (seed/schema.json, ajv) per file, then the rules a schema cannot
 * state: references resolve, an id means one thing, every fact has a quoted source, dates are real
 * days. Every problem is reported as `<file>:<JSON pointer>: <problem>`, all of them (capped).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ClaimInput, EntityInput, PropositionInput, RelationshipInput, SourceInput } from '../db/records';
import { isIsoDate } from '../graphql/resolvers/scalars';
import { kindPairProblem, RELATIONSHIP_TYPES } from '../graphql/relationship-types';

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

/** JSON with object keys sorted: equal content gives equal strings. */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
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
export function externalReferences(input: SeedInput): { entities: string[]; propositions: string[] } {
  const defined = new Set([...input.entities.map((e) => e.item.id)]);
  const props = new Set(input.propositions.map((p) => p.item.id));
  const entities = new Set<string>();
  const propositions = new Set<string>();
  const need = (id: string | null | undefined) => id && !defined.has(id) && entities.add(id);
  const sources = (s: SourceInput[] | undefined) => (s ?? []).forEach((x) => need(x.document));
  for (const { item } of input.entities) {
    need(item.publisher);
    sources(item.sources);
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
  }
  return { entities: [...entities].sort(), propositions: [...propositions].sort() };
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
  const sources = (file: string, pointer: string, list: SourceInput[] | undefined, needQuote: boolean) => {
    (list ?? []).forEach((s, i) => {
      const p = `${pointer}/sources/${i}`;
      const kind = kindOf.get(s.document);
      if (!kind) at(file, `${p}/document`, `document "${s.document}" is neither in the input nor in the database`);
      else if (kind !== 'DOCUMENT') at(file, `${p}/document`, `"${s.document}" is a ${kind}, not a document`);
      if (s.quote !== undefined && s.quote !== null && s.quote.trim() === '') at(file, `${p}/quote`, 'quote is empty');
      const text = texts.get(s.document);
      if (s.quote && text !== undefined && !text.includes(s.quote)) {
        at(file, `${p}/quote`, `quote is not verbatim in the text of "${s.document}"`);
      }
    });
    if (needQuote && !(list ?? []).some((s) => s.quote && s.quote.trim())) {
      at(file, `${pointer}/sources`, 'needs at least one source with a verbatim quote');
    }
  };

  for (const { item, file, pointer } of input.entities) {
    entityRef(file, `${pointer}/publisher`, item.publisher, 'publisher');
    date(file, `${pointer}/date`, item.date);
    date(file, `${pointer}/publishedOn`, item.publishedOn);
    sources(file, pointer, item.sources, item.kind !== 'DOCUMENT');
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
  }
  for (const { item, file, pointer } of input.claims) {
    entityRef(file, `${pointer}/claimant`, item.claimant, 'claimant');
    item.subjects.forEach((s, i) => entityRef(file, `${pointer}/subjects/${i}`, s, 'subject'));
    if (!propositions.has(item.proposition)) at(file, `${pointer}/proposition`, `proposition "${item.proposition}" is neither in the input nor in the database`);
    date(file, `${pointer}/madeOn`, item.madeOn);
    sources(file, pointer, item.sources, true);
  }
  return problems;
}

/**
 * Reads the held texts of documents that name a `textFile`, relative to the seed root: those of
 * the input, and `stored` ones (id to textFile) already in the database, so that a quote of a
 * document seeded earlier is checked too.
 */
export function heldTexts(input: SeedInput, seedRoot: string, stored: Map<string, string> = new Map()): { texts: Map<string, string>; problems: Problem[] } {
  const texts = new Map<string, string>();
  const problems: Problem[] = [];
  const defined = new Set(input.entities.map((e) => e.item.id));
  const earlier = [...stored].filter(([id]) => !defined.has(id)).map(([id, textFile]) => ({ item: { id, textFile }, file: '(database)', pointer: `/${id}` }));
  for (const { item, file, pointer } of [...input.entities, ...earlier]) {
    if (!item.textFile) continue;
    const full = path.resolve(seedRoot, item.textFile);
    if (!full.startsWith(path.resolve(seedRoot) + path.sep)) {
      problems.push({ file, pointer: `${pointer}/textFile`, message: 'must stay inside the seed folder' });
    } else if (!fs.existsSync(full)) {
      problems.push({ file, pointer: `${pointer}/textFile`, message: `file ${item.textFile} does not exist` });
    } else texts.set(item.id, fs.readFileSync(full, 'utf8'));
  }
  return { texts, problems };
}
