/**
 * A first load at bulk-import speed: into a store that does not exist yet, the seed is validated
 * and planned by the seeder exactly as a bulk seed into an empty store (src/seed/seeder.ts,
 * SeedOptions.firstLoad), then written as CSV files through `neo4j-admin database import full`
 * (src/db/embedded.ts, importIntoStore) while Neo4j is stopped. Once Neo4j runs, the schema is
 * created (its indexes built over the imported graph) and {@link FirstLoadResult.finish} stores
 * what the seeder derives after the rows: each claim's standing (the evidence rule) and the
 * audit entry. The graph is the one the transactional seeder writes (test/integration/
 * bulk-import.int.test.ts compares the two).
 *
 * How each area's rows become nodes and relationships is the Cypher of its write statement,
 * restated here for the import tool, per statement name (WRITES): an area whose statement is not
 * listed, or a value the CSV cannot carry exactly, makes the caller load through transactions.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config';
import type { Executor, Row, TxRun } from '../db/executor';
import type { StatementName } from '../db/statements';
import { ensureNeo4jJars, importIntoStore, storeExists } from '../db/embedded';
import { typePart } from './parts';
import { AREA_LIST } from './areas';
import { readSeedPaths } from './files';
import { defaultSeedOptions, FirstLoad, linkedIds, recordAudit, scoreInSlices, SeedOptions, SeedReport, seedParsed } from './seeder';

/**
 * Below this many elements a first load goes through transactions: the import tool's own start
 * (a JVM that reserves its memory) costs more than the seeder's transactions of a small seed.
 */
const MIN_ELEMENTS = 10_000;
/** Rows per statement when setting lists after the import (as the seeder's batches). */
const BATCH = 2000;
/** Propositions scored per transaction after the import (as bulk mode's commitEvery). */
const SCORE_EVERY = 50_000;
/** Between array elements in a CSV field: a character no seed value holds (checked). */
const ARRAY_DELIMITER = '\u001f';

/** A property value as the import tool types it. */
type Value = string | number | boolean | (string | number | boolean)[];

interface NodeOut {
  space: string;
  labels: string[];
  props: Record<string, Value>;
  dates: readonly string[];
}

interface RelOut {
  type: string;
  from: [space: string, id: string];
  to: [space: string, id: string];
  props: Record<string, Value>;
  dates: readonly string[];
}

/** Nodes by id space and id, relationships in order. */
class Graph {
  readonly nodes = new Map<string, NodeOut>();
  readonly rels: RelOut[] = [];
  node(space: string, labels: string[], props: Record<string, unknown>, dates: readonly string[] = []): void {
    this.nodes.set(`${space}\u0000${props.id as string}`, { space, labels, props: withoutNulls(props), dates });
  }
  rel(type: string, from: [string, string], to: [string, string], props: Record<string, unknown> = {}, dates: readonly string[] = []): void {
    this.rels.push({ type, from, to, props: withoutNulls(props), dates });
  }
  get(space: string, id: string): NodeOut | undefined {
    return this.nodes.get(`${space}\u0000${id}`);
  }
}

/** The seed value cannot go through a CSV field unchanged: the caller loads through transactions. */
class NotImportable extends Error {}

/** `SET x = props` stores no property for a null. */
function withoutNulls(props: Record<string, unknown>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(props)) if (v !== null && v !== undefined) out[k] = v as Value;
  return out;
}

// The properties each statement converts with date() (cypher/seed/*.cypher).
const ENTITY_DATES = ['date', 'publishedOn', 'decidedOn', 'retrievedOn', 'eurRateOn'] as const;
const RELATIONSHIP_DATES = ['validFrom', 'validTo'] as const;
const CLAIM_DATES = ['madeOn'] as const;

/** Each write statement of an area as the graph it makes from one row (a first load: nothing is stored yet). */
const WRITES: Partial<Record<StatementName, (row: Row, g: Graph) => void>> = {
  // seed/create-entities: (:Entity:__LABEL__) with the row's props.
  'seed/create-entities': (row, g) => g.node('Entity', ['Entity', row.label as string], row.props, ENTITY_DATES),
  // seed/upsert-propositions: (:Proposition {id, text}).
  'seed/upsert-propositions': (row, g) => g.node('Proposition', ['Proposition'], { id: row.id, text: row.text }),
  // seed/create-relationships: (a)-[:__TYPE__ props]->(b).
  'seed/create-relationships': (row, g) => g.rel(row.type as string, ['Entity', row.from], ['Entity', row.to], row.props, RELATIONSHIP_DATES),
  // seed/upsert-claims: the claim, claimant -MADE->, -CONCERNS-> proposition, -ABOUT-> each subject.
  'seed/upsert-claims': (row, g) => {
    const c = row.props;
    g.node('Claim', ['Claim'], c, CLAIM_DATES);
    g.rel('MADE', ['Entity', c.claimantId], ['Claim', row.id]);
    g.rel('CONCERNS', ['Claim', row.id], ['Proposition', c.propositionId]);
    for (const s of c.subjectIds as string[]) g.rel('ABOUT', ['Claim', row.id], ['Entity', s]);
  },
  // seed/upsert-merges: (:Merged props), its id appended to the formerIds of the entity it went into.
  'seed/upsert-merges': (row, g) => {
    g.node('Merged', ['Merged'], row.props);
    const into = g.get('Entity', row.props.into);
    if (!into) return;
    const former = (into.props.formerIds as string[] | undefined) ?? [];
    if (!former.includes(row.id)) into.props.formerIds = [...former, row.id];
  },
};

/** seed/link-claims: the evidence edges of a claim and its co-claimants' joint MADE edges. */
const LINKS: [key: string, type: string, space: string][] = [
  ['basedOn', 'BASED_ON', 'Claim'],
  ['basedOnDocuments', 'BASED_ON_DOCUMENT', 'Entity'],
  ['qualifies', 'QUALIFIES', 'Claim'],
  ['corrects', 'CORRECTS', 'Claim'],
  ['supersedes', 'SUPERSEDES', 'Claim'],
];

/** The graph a first load writes, from the seeder's planned rows; throws NotImportable. */
function graphOf(load: FirstLoad): Graph {
  const g = new Graph();
  for (const area of AREA_LIST) {
    const rows = load.rows[area.name];
    if (rows.length === 0) continue;
    const statement = area.create ?? area.upsert;
    const write = WRITES[statement];
    if (!write) throw new NotImportable(`no import form for ${statement}`);
    for (const row of rows) write(row, g);
  }
  for (const { link: statement, rows } of load.links) {
    if (statement !== 'seed/link-claims') throw new NotImportable(`no import form for ${statement}`);
    for (const link of rows) {
      for (const [key, type, space] of LINKS) for (const id of link[key] as string[]) g.rel(type, ['Claim', link.id], [space, id]);
      for (const who of link.coClaimants as string[]) g.rel('MADE', ['Entity', who], ['Claim', link.id], { joint: true });
    }
  }
  return g;
}

/** The import tool's type of a value: '' for one it cannot carry exactly, 'later' for a list set after the import (see Later). */
function typeOf(key: string, v: Value, dates: readonly string[]): string {
  if (dates.includes(key)) return typeof v === 'string' ? 'date' : '';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isFinite(v) ? 'double' : '';
  if (typeof v === 'boolean') return 'boolean';
  if (!Array.isArray(v)) return '';
  // The tool stores no property for an empty field, and drops empty elements.
  if (v.length === 0 || v.some((x) => x === '')) return 'later';
  const kinds = new Set(v.map((x) => typeOf('', x as Value, [])));
  const [kind] = kinds;
  if (kinds.size > 1 || !kind || kind === 'later') return '';
  if (kind === 'string' && v.some((x) => (x as string).includes(ARRAY_DELIMITER))) return '';
  return `${kind}[]`;
}

/** A CSV field: strings quoted (RFC 4180), lists joined by ARRAY_DELIMITER. */
function field(v: Value): string {
  if (Array.isArray(v)) return typeof v[0] === 'string' ? quote(v.join(ARRAY_DELIMITER)) : v.join(ARRAY_DELIMITER);
  return typeof v === 'string' ? quote(v) : String(v);
}

function quote(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/**
 * Lists a CSV field cannot carry (empty, or holding an empty string), set through Cypher once
 * Neo4j runs on the imported store: per statement (and its parts), the rows it takes.
 */
type Later = Map<string, { statement: StatementName; parts?: Record<string, string>; rows: Row[] }>;

/** The statement that sets such lists, per id space of nodes (relationships: seed/imported-relationship-lists). */
const LATER_NODE_LISTS: Partial<Record<string, StatementName>> = { Entity: 'seed/imported-entity-lists', Claim: 'seed/imported-claim-lists' };

/** One CSV file per label set (or type and ends) and property signature: each file has one header. */
class Files {
  readonly groups = new Map<string, { arg: string; header: string; lines: string[] }>();
  readonly later: Later = new Map();
  multiline = false;
  add(kind: 'nodes' | 'relationships', name: string, idColumns: string[], idValues: string[], props: Record<string, Value>, dates: readonly string[], later: () => { statement?: StatementName; parts?: Record<string, string>; row: Row }): void {
    const keys: string[] = [];
    const columns: string[] = [];
    const lists: Record<string, Value> = {};
    for (const k of Object.keys(props).sort()) {
      const type = typeOf(k, props[k]!, dates);
      if (!type || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new NotImportable(`${name}.${k} cannot be imported as it is`);
      if (type === 'later') lists[k] = props[k]!;
      else {
        keys.push(k);
        columns.push(`${k}:${type}`);
      }
    }
    if (Object.keys(lists).length > 0) {
      const { statement, parts, row } = later();
      if (!statement) throw new NotImportable(`${name} has lists the import cannot carry`);
      const key = `${statement}\u0000${JSON.stringify(parts ?? {})}`;
      const entry = this.later.get(key) ?? this.later.set(key, { statement, parts, rows: [] }).get(key)!;
      entry.rows.push({ ...row, props: lists });
    }
    const header = [...idColumns, ...columns].join(',');
    const key = `${kind}\u0000${name}\u0000${header}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { arg: `--${kind}=${name}=`, header, lines: [] }));
    const values = keys.map((k) => field(props[k]!));
    if (values.some((v) => /[\r\n]/.test(v))) this.multiline = true;
    group.lines.push([...idValues.map(quote), ...values].join(','));
  }
}

/** Writes the graph as the import tool's CSV files into `dir`: the tool's arguments, and the lists to set after. */
async function writeCsv(g: Graph, dir: string): Promise<{ args: string[]; later: Later }> {
  const files = new Files();
  for (const n of g.nodes.values()) {
    const id = n.props.id as string;
    files.add('nodes', n.labels.join(':'), [`:ID(${n.space})`], [id], n.props, n.dates, () => ({ statement: LATER_NODE_LISTS[n.space], row: { id } }));
  }
  for (const r of g.rels) {
    const later = () => ({ statement: 'seed/imported-relationship-lists' as const, parts: typePart(r.type), row: { from: r.from[1], to: r.to[1] } });
    files.add('relationships', r.type, [`:START_ID(${r.from[0]})`, `:END_ID(${r.to[0]})`], [r.from[1], r.to[1]], r.props, r.dates, later);
  }
  const args: string[] = [];
  let i = 0;
  for (const group of files.groups.values()) {
    const file = path.join(dir, `${i++}.csv`);
    await fs.writeFile(file, `${group.header}\n${group.lines.join('\n')}\n`);
    args.push(`${group.arg}${file}`);
  }
  args.push(`--array-delimiter=U+001F`, `--multiline-fields=${files.multiline}`);
  return { args, later: files.later };
}

/** Sets the lists the CSV could not carry, in transactions of BATCH rows. */
async function setLater(db: Executor, later: Later, timeoutMs: number | undefined): Promise<void> {
  for (const { statement, parts, rows } of later.values()) {
    for (let i = 0; i < rows.length; i += BATCH) await db.writeTransaction((run) => run(statement, { rows: rows.slice(i, i + BATCH) }, parts), { timeoutMs });
  }
}

/** Reads nothing but the counts, all zero: the seeder's comparison against a store that does not exist yet. */
const emptyStore = {
  readTransaction: <T>(work: (run: TxRun) => Promise<T>) =>
    work(async (name: StatementName) => {
      if (name === 'seed/store-counts') return [{ entities: 0, claims: 0, propositions: 0 }];
      throw new Error(`a first load reads nothing from the store but its counts (asked ${name})`);
    }),
} as unknown as Executor;

/** The outcome of {@link importFirstLoad}. */
export interface FirstLoadResult {
  /** The seeder's report: problems (then nothing was imported) or counts. */
  report: SeedReport;
  /**
   * Once Neo4j runs on the imported store and the schema is applied: stores the claims'
   * standings and the audit entry, as the seeder does after writing rows. Absent when nothing
   * was imported.
   */
  finish?: (db: Executor) => Promise<void>;
}

/**
 * Validates the seed files `targets` as the seeder does and imports them into the store at
 * `dataDir` (which must not exist yet and must not be running). Resolves null, with nothing
 * written, when a value cannot go through the import tool unchanged: load through the seeder then.
 */
export async function importFirstLoad(
  targets: string[],
  options: SeedOptions,
  store: { dataDir: string; libDir: string; log?: (msg: string) => void; minElements?: number },
): Promise<FirstLoadResult | null> {
  const { files, parsed, problems } = readSeedPaths(targets);
  let pending: { load: FirstLoad; later: Later } | undefined;
  const started = performance.now();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'first-load-'));
  try {
    const report = await seedParsed(
      emptyStore,
      parsed,
      {
        ...options,
        commitEvery: options.commitEvery ?? SCORE_EVERY,
        firstLoad: async (load) => {
          const planned = performance.now();
          const graph = graphOf(load);
          const elements = graph.nodes.size + graph.rels.length;
          if (elements < (store.minElements ?? MIN_ELEMENTS)) throw new NotImportable(`${elements} elements: transactions are quicker than the import tool's start`);
          const { args, later } = await writeCsv(graph, dir);
          const written = performance.now();
          await importIntoStore({ dataDir: store.dataDir, libDir: store.libDir, args, log: store.log });
          const ms = (a: number, b: number) => Math.round(b - a);
          store.log?.(`first load: validated and planned in ${ms(started, planned)} ms, CSV in ${ms(planned, written)} ms, import tool ${ms(written, performance.now())} ms`);
          pending = { load, later };
        },
      },
      problems,
    );
    if (!pending) return { report: { ...report, files } };
    const { load, later } = pending;
    const every = options.commitEvery ?? SCORE_EVERY;
    const finish = async (db: Executor) => {
      await setLater(db, later, options.timeoutMs);
      const standingChanges = await scoreInSlices(db, linkedIds(load.links), [], every, { timeoutMs: options.timeoutMs });
      if (load.audit) await db.writeTransaction((run) => recordAudit(run, { ...load.audit!, standingChanges }), { timeoutMs: options.timeoutMs });
    };
    return { report: { ...report, files }, finish };
  } catch (err) {
    if (err instanceof NotImportable) {
      store.log?.(`first load through transactions: ${err.message}`);
      return null;
    }
    throw err;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * The embedded Neo4j's very first start with SEED_ON_START: when its data dir holds no store
 * yet, the seed (SEED_PATH) is imported before the JVM starts; the caller runs `finish` once the
 * schema is applied. Null when this does not apply (external Neo4j, no seeding, a store already
 * there) or the seed cannot go through the import tool: the transactional seed of an empty
 * database does the load then.
 */
export async function importOnFirstStart(config: Config, log: (msg: string) => void): Promise<FirstLoadResult | null> {
  const target = config.neo4j;
  if (target.mode !== 'embedded' || !config.seedOnStart || storeExists(target.dataDir)) return null;
  await ensureNeo4jJars({ libDir: target.libDir, pomPath: path.join(config.rootDir, 'neo4j', 'pom.xml'), log });
  log(`first start: validating ${config.seedPath} for a load through neo4j-admin database import`);
  return importFirstLoad([config.seedPath], defaultSeedOptions(config.rootDir), { dataDir: target.dataDir, libDir: target.libDir, log });
}
