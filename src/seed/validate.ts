/**
 * Seed validation: JSON Schema (seed/schema.json, ajv) per file, then the rules a schema cannot
 * state: references resolve, an id means one thing, every fact has a quoted source, dates are real
 * days. Every problem is reported as `<file>:<JSON pointer>: <problem>`, all of them (capped).
 * The loops run over the areas of src/seed/areas/; each area's own rules are in its module.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { EntityInput, SourceInput, stable } from '../db/records';
import { isIsoDate } from '../domain/dates';
import type { CheckContext, Knowledge, KnownIds, Located, Problem, SeedArea } from './areas/area';
import { AREA_LIST, AreaName, ItemOf } from './areas';

export type { KnownIds, Located, Problem } from './areas/area';

/** Formats a problem the way the CLI prints it. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.pointer || '/'}: ${p.message}`;
}

/** One parsed seed file: its arrays by section key (documents, entities, …; see src/seed/areas/). */
export interface SeedFile {
  file: string;
  data: Record<string, any>;
}

/** The union of all files, de-duplicated, each item with its first place, by area. */
export type SeedInput = { [A in AreaName]: Located<ItemOf<A>>[] };

/** Nothing stored: the knowledge of a check of files alone. */
export function noneKnown(): KnownIds {
  return { entities: new Map(), propositions: new Set(), claims: new Map(), withStatusHistory: new Set() };
}

/**
 * A document's held text: all of it, and its body, which is the text without the register's
 * header lines (URL, title, publisher, date, language, kind, status, note) and our own remarks on
 * where a passage stood: metadata is not evidence, so a quote must stand in the body.
 */
interface HeldText {
  full: string;
  body: string;
  /** The files it is read from, relative to the seed root (an alias check leaves facts.md out). */
  files: string[];
}

/** A header line of a held-text register entry: metadata about the document, not its words. */
const HEADER_LINE = /^\s*(?:[-*]\s+)?(?:URLs?|Title|Publisher|Date[^:\n]{0,30}|Language|Kind|Status|Note|Passage)\s*:/;

/** The body of a held text: its lines without the header lines and the section's own heading. */
export function bodyOf(text: string): string {
  return text
    .split('\n')
    .filter((line) => !HEADER_LINE.test(line) && !/^#### `[^`]+`\s*$/.test(line))
    .join('\n');
}

/** Our own summary of facts: never a held text that states an alias (DEVELOPERS.md: cite the real document). */
const OWN_SUMMARY_FILES = new Set(['sources/facts.md']);

/** Text folded for a loose "does it state this name" look-up: case and runs of white space ignored. */
function folded(text: string): string {
  return text.toLocaleLowerCase('en').replace(/\s+/g, ' ');
}

/** An input with no element in any area. */
function emptyInput(): SeedInput {
  return Object.fromEntries(AREA_LIST.map((a) => [a.name, []])) as unknown as SeedInput;
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
  const byKey = new Map<string, Located<unknown> & { section: string }>();
  const input = emptyInput();
  // Sections in the registry's order, whatever the order of a file's keys: the same input always
  // gives the same first places and the same list of problems.
  const sections = (AREA_LIST as readonly SeedArea[]).flatMap((area) => area.sections.map((section) => ({ area, section })));
  for (const f of files) {
    for (const { area, section } of sections) {
      const key = section.key;
      const list = f.data[key];
      if (!Array.isArray(list)) continue;
      list.forEach((raw, i) => {
        const loc = { item: section.toItem(raw), file: f.file, pointer: `/${key}/${i}` };
        const mergeKey = area.mergeKey(loc.item);
        const prev = byKey.get(mergeKey);
        if (!prev) {
          byKey.set(mergeKey, { ...loc, section: key });
          (input[area.name as AreaName] as Located<unknown>[]).push(loc);
        } else if (stable(prev.item) !== stable(loc.item) || prev.section !== key) {
          problems.push({
            file: loc.file,
            pointer: loc.pointer,
            message: `id "${mergeKey.replace(/^[^:]+:/, '')}" is already defined differently at ${prev.file}:${prev.pointer}`,
          });
        }
      });
    }
  }
  return { input, problems };
}

/** Ids the input refers to without defining them, by area: the database must have them. */
export function externalReferences(input: SeedInput): Record<AreaName, string[]> {
  const defined = new Map(AREA_LIST.map((a) => [a.name as string, new Set((input[a.name] as Located<any>[]).map((x) => a.id(x.item)))]));
  const external = new Map(AREA_LIST.map((a) => [a.name as string, new Set<string>()]));
  for (const area of AREA_LIST) {
    for (const { item } of input[area.name] as Located<any>[]) {
      for (const [target, ids] of Object.entries(area.references(item))) {
        for (const id of ids ?? []) if (id && !defined.get(target)?.has(id)) external.get(target)?.add(id);
      }
    }
  }
  return Object.fromEntries([...external].map(([name, ids]) => [name, [...ids].sort()])) as Record<AreaName, string[]>;
}

/**
 * The rules beyond the schema. `known` holds what the database has of the external references;
 * `texts` maps a document id to its held text, to check that quotes are verbatim.
 */
export function referenceProblems(input: SeedInput, known: KnownIds, texts: Map<string, HeldText> = new Map()): Problem[] {
  const problems: Problem[] = [];
  // What is stored, then the input: each area says what it adds (its `know`).
  const k: Knowledge = { kindOf: new Map(), propositions: new Set(), claims: new Map(), withStatusHistory: new Set() };
  for (const area of AREA_LIST as readonly SeedArea[]) area.know?.(k, known, (input[area.name as AreaName] as Located<unknown>[]).map((x) => x.item));
  const { kindOf } = k;
  let aliasCorpus: string | undefined;
  const ctx: CheckContext = {
    ...k,
    identifierOwner: (key) => known.identifiers?.get(key),
    statesName: (name) => {
      // Built on first use: most writes name no alias.
      // Each distinct text once: a generated store has thousands of documents over a few texts.
      aliasCorpus ??= folded([...new Set([...texts.values()].filter((t) => !t.files.every((f) => OWN_SUMMARY_FILES.has(f))).map((t) => t.full))].join('\n'));
      return aliasCorpus.includes(folded(name).trim());
    },
    at: (file, pointer, message) => void problems.push({ file, pointer, message }),
    entityRef: (file, pointer, id, what) => {
      if (id && !kindOf.has(id)) ctx.at(file, pointer, `${what} "${id}" is neither in the input nor in the database`);
    },
    date: (file, pointer, value) => {
      if (value && !isIsoDate(value)) ctx.at(file, pointer, `"${value}" is not a real calendar date`);
    },
    documentRef: (file, pointer, id) => {
      const kind = kindOf.get(id);
      if (!kind) ctx.at(file, pointer, `document "${id}" is neither in the input nor in the database`);
      else if (kind !== 'DOCUMENT') ctx.at(file, pointer, `"${id}" is a ${kind}, not a document`);
    },
    source: (file, p, s: SourceInput) => {
      ctx.documentRef(file, `${p}/document`, s.document);
      if (s.quote !== undefined && s.quote !== null && s.quote.trim() === '') ctx.at(file, `${p}/quote`, 'quote is empty');
      const text = texts.get(s.document);
      if (s.quote && text !== undefined && !text.body.includes(s.quote)) {
        ctx.at(
          file,
          `${p}/quote`,
          text.full.includes(s.quote)
            ? `quote stands only in a header line (URL, title, publisher, date, language, kind, status, note) of the held text of "${s.document}": metadata is not evidence, quote the document's own words`
            : `quote is not verbatim in the text of "${s.document}"`,
        );
      }
      if (s.translation && !s.quote) ctx.at(file, `${p}/translation`, 'a translation needs the quote it translates');
      if (s.translation && text !== undefined && !text.full.includes(s.translation)) {
        ctx.at(file, `${p}/translation`, `translation is not verbatim in the text of "${s.document}"`);
      }
    },
    sources: (file, pointer, list, needQuote) => {
      (list ?? []).forEach((s, i) => ctx.source(file, `${pointer}/sources/${i}`, s));
      if (needQuote && !(list ?? []).some((s) => s.quote && s.quote.trim())) ctx.at(file, `${pointer}/sources`, 'needs at least one source with a verbatim quote');
    },
  };
  for (const area of AREA_LIST) area.check(input[area.name] as Located<any>[], ctx);
  return problems;
}

/**
 * The part of a held text under the heading that names `section`: from the line
 * "#### `<section>`" up to the next line that starts with "#"; null when no such heading.
 */
function textSectionOf(text: string, section: string): string | null {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.replace(/\r$/, '') === `#### \`${section}\``);
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !lines[end]!.startsWith('#')) end++;
  return lines.slice(start, end).join('\n');
}

/** Where a document's held text is: a file, a section of it, and further parts. */
interface HeldTextPlace {
  textFile: string;
  textSection?: string | null;
  alsoHeldIn?: { textFile: string; textSection: string }[] | null;
}

/**
 * Reads the held texts of documents that name a `textFile`, relative to the seed root: those of
 * the input, and `stored` ones (id to where their text is) already in the database, so that a
 * quote of a document seeded earlier is checked too. With a textSection, the held text is that
 * section of the file only; `alsoHeldIn` adds further parts (one document held in two registers).
 */
export function heldTexts(input: SeedInput, seedRoot: string, stored: Map<string, HeldTextPlace> = new Map()): { texts: Map<string, HeldText>; problems: Problem[] } {
  const texts = new Map<string, HeldText>();
  const problems: Problem[] = [];
  // The elements that may hold a text: those of the areas that say so (entities, documents among them).
  const holders = (AREA_LIST as readonly SeedArea[]).filter((a) => a.holdsTexts).flatMap((a) => input[a.name as AreaName] as Located<EntityInput>[]);
  const defined = new Set(holders.map((e) => e.item.id));
  const earlier = [...stored].filter(([id]) => !defined.has(id)).map(([id, held]) => ({ item: { id, ...held } as EntityInput, file: '(database)', pointer: `/${id}` }));
  const files = new Map<string, string>();
  const read = (file: string, pointer: string, textFile: string, textSection: string | null | undefined): string | null => {
    const full = path.resolve(seedRoot, textFile);
    if (!full.startsWith(path.resolve(seedRoot) + path.sep)) {
      problems.push({ file, pointer: `${pointer}/textFile`, message: 'must stay inside the seed folder' });
      return null;
    }
    if (!fs.existsSync(full)) {
      problems.push({ file, pointer: `${pointer}/textFile`, message: `file ${textFile} does not exist` });
      return null;
    }
    if (!files.has(full)) files.set(full, fs.readFileSync(full, 'utf8'));
    const whole = files.get(full)!;
    if (!textSection) return whole;
    const part = textSectionOf(whole, textSection);
    if (part === null) problems.push({ file, pointer: `${pointer}/textSection`, message: `no heading "#### \`${textSection}\`" in ${textFile}` });
    return part;
  };
  for (const { item, file, pointer } of [...holders, ...earlier]) {
    if (!item.textFile) continue;
    const parts = [{ textFile: item.textFile, textSection: item.textSection, pointer }];
    (item.alsoHeldIn ?? []).forEach((more, i) => parts.push({ ...more, pointer: `${pointer}/alsoHeldIn/${i}` }));
    const held = parts.map((part) => read(file, part.pointer, part.textFile, part.textSection));
    if (held.some((text) => text === null)) continue;
    texts.set(item.id, {
      full: held.join('\n'),
      body: held.map((text) => bodyOf(text!)).join('\n'),
      files: parts.map((part) => path.normalize(part.textFile)),
    });
  }
  return { texts, problems };
}
