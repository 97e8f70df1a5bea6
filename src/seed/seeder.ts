/**
 * The seeder: validate everything first, compare with what the database holds, then write only
 * what changed in one transaction — all or nothing. The curation mutations use the same path, so
 * a write through the API obeys exactly the rules of a seed file.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Executor, Row, TxRun } from '../db/executor';
import { alsoHeldInFromProps, Props, stable, versionOf } from '../db/records';
import { AppError, ErrorCode } from '../errors';
import { metrics } from '../metrics';
import { ClaimStatus, EvidenceClaim, standings } from '../domain/evidence';
import { joinStandingChanges, type StandingChange } from '../domain/elements';
import { externalReferences, heldTexts, mergeFiles, noneKnown, Problem, referenceProblems, schemaProblems, SeedFile, SeedInput } from './validate';
import { identifierQuery } from '../domain/ids';
import { readSeedPaths } from './files';
import type { BeforeOutcome, Located, StoredArea, StoredSoFar } from './areas/area';
import { READ_SLICE } from './areas/area';
import { AREA_BY_NAME, AREA_LIST, AREAS, AreaName } from './areas';
import type { StatementName } from '../db/statements';

export { AREAS } from './areas';
export type { StandingChange } from '../domain/elements';
/** One area's name. */
export type Area = AreaName;

/** Per-area counts of what a run changes. */
type ChangeCounts = Record<Area, { created: number; updated: number; unchanged: number }>;

/** The outcome of a run. */
export interface SeedReport {
  files: string[];
  problems: Problem[];
  counts: ChangeCounts;
  /** True when the database was written to (false on problems, dry runs and no-change runs). */
  written: boolean;
  /** Why nothing was written although the input is valid: an `ifVersions` precondition failed. */
  conflict?: string;
  /** Dry runs: each element that would be created or updated, stored before and after. */
  changes?: AuditChange[];
}

/** Options of a run. */
export interface SeedOptions {
  dryRun?: boolean;
  /** Path of seed/schema.json. */
  schemaPath: string;
  /** Folder that textFile paths are relative to. */
  seedRoot: string;
  /** At most this many problems are reported. */
  maxProblems?: number;
  /** Called after each batch is written. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Who writes and why: recorded as an audit entry in the same transaction as the write. With
   * `detail: 'full'` (the API's small writes) the entry holds each changed element before and
   * after; with 'summary' (bulk seeds) it holds the counts and files.
   */
  audit?: { actor: string; operation: string; detail: 'full' | 'summary' };
  /** Transaction timeout for the write in ms (0: none); defaults to QUERY_TIMEOUT_MS. */
  timeoutMs?: number;
  /**
   * Bulk mode, for large loads into a database nobody else writes to meanwhile: compare in one
   * read transaction, then write in transactions of at most this many rows each, and create the
   * relationships the comparison found absent without looking for them again. Much faster and
   * lighter on Neo4j's heap than one transaction, but not all or nothing: a failure leaves the
   * earlier transactions written (running the same input again completes the load, since
   * unchanged items are skipped). Unset (the default): one transaction, all or nothing.
   */
  commitEvery?: number;
  /**
   * Preconditions of a curation write: each element must be stored with this version (see
   * versionOf) when the write compares, in its transaction; otherwise nothing is written and the
   * report says why in `conflict`.
   */
  ifVersions?: { area: Area; id: string; version: string }[];
  /**
   * Replace everything stored (restore): the database is emptied in the write's own transaction,
   * so a refused input leaves it as it was. Not with dryRun or commitEvery.
   */
  replace?: boolean;
  /**
   * Bulk mode into an empty store that is not running (src/seed/bulk-import.ts): validated and
   * planned as bulk mode does, the rows go to this writer instead of Neo4j; it scores and audits
   * once Neo4j runs. Needs commitEvery.
   */
  firstLoad?: (load: FirstLoad) => Promise<void>;
}

/** What a first load writes: every planned row by area (in write order), the claims' evidence edges, and its audit entry. */
export interface FirstLoad {
  rows: Record<Area, Row[]>;
  /** The evidence edges, per statement that writes them (an area's `evidence`). */
  links: { link: StatementName; rows: Row[] }[];
  audit?: AuditRecord;
}

/** One changed element as the audit log records it: stored properties before and after. */
export interface AuditChange {
  area: Area;
  id: string;
  before: Props | null;
  after: Props;
}

interface Planned {
  /** Rows to create or replace (every changed row, but in bulk mode those found absent). */
  rows: Record<Area, Row[]>;
  /** Bulk mode: rows the comparison found absent, for an area with a `create` statement. */
  created: Record<Area, Row[]>;
  counts: ChangeCounts;
  changes: AuditChange[];
  /** Propositions that changed claims were on before: their lines change too. */
  previousPropositions: string[];
}

const BATCH = 2000;
/** Statements of one write in flight at once: Neo4j runs one while the seeder packs and sends the next. */
const PIPELINE = 3;

function emptyCounts(): ChangeCounts {
  return Object.fromEntries(AREAS.map((a) => [a, { created: 0, updated: 0, unchanged: 0 }])) as ChangeCounts;
}

/** Each area's input list (the registry's modules are typed per area; the loops are not). */
const listOf = (input: SeedInput, area: Area) => input[area] as Located<any>[];

/**
 * Reads what the database holds of everything the input defines or refers to, through `run`: in
 * the write transaction itself for real runs, so that what is compared (and audited as "before")
 * is exactly what the write replaces, even with concurrent curators.
 */
async function existing(run: TxRun, input: SeedInput): Promise<{ stored: Record<Area, StoredArea>; counts: StoredSoFar['counts'] }> {
  const ext = externalReferences(input);
  const stored = {} as Record<Area, StoredArea>;
  const [counts] = await run('seed/store-counts');
  const soFar: StoredSoFar = { counts: counts as unknown as StoredSoFar['counts'], areas: stored };
  for (const area of AREA_LIST) {
    const items = listOf(input, area.name).map((x) => x.item);
    stored[area.name] = await area.stored(run, [...items.map((i) => area.id(i as never)), ...ext[area.name]], items as never[], ext[area.name], soFar);
  }
  return { stored, counts: soFar.counts };
}

/**
 * The rows to write. `bulk`: rows absent from `stored` go to `created`, which the area's
 * `create` statement writes without looking for them (see SeedOptions.commitEvery).
 */
function plan(input: SeedInput, stored: Record<Area, StoredArea>, bulk = false): Planned {
  const counts = emptyCounts();
  const rows = Object.fromEntries(AREAS.map((a) => [a, []])) as unknown as Record<Area, Row[]>;
  const created = Object.fromEntries(AREAS.map((a) => [a, []])) as unknown as Record<Area, Row[]>;
  const changes: AuditChange[] = [];
  const previousPropositions = new Set<string>();
  for (const area of AREA_LIST) {
    for (const { item } of listOf(input, area.name)) {
      const after = area.props(item as never);
      const before = stored[area.name].byId.get(area.id(item as never));
      if (!before) counts[area.name].created++;
      else if (stable(before) === stable(after)) {
        counts[area.name].unchanged++;
        continue;
      } else counts[area.name].updated++;
      (bulk && !before && area.create ? created : rows)[area.name].push(area.row(item as never, after));
      changes.push({ area: area.name, id: area.id(item as never), before: before ?? null, after });
      // A claim moved to another proposition changes the lines of the one it left.
      if (before?.propositionId !== undefined && before.propositionId !== after.propositionId) previousPropositions.add(before.propositionId as string);
    }
  }
  return { rows, created, counts, changes, previousPropositions: [...previousPropositions] };
}

/** Rows grouped by the statement parts they need (one group, without parts, when the area has none), in input order. */
function byParts(rows: Row[], partsOf: ((row: Row) => Record<string, string>) | undefined): { parts?: Record<string, string>; rows: Row[] }[] {
  if (!partsOf) return [{ rows }];
  const groups = new Map<string, { parts: Record<string, string>; rows: Row[] }>();
  for (const row of rows) {
    const parts = partsOf(row);
    const key = JSON.stringify(parts);
    (groups.get(key) ?? groups.set(key, { parts, rows: [] }).get(key)!).rows.push(row);
  }
  return [...groups.values()];
}

/**
 * Runs `tasks` (statements of one transaction) with up to PIPELINE in flight: the driver sends
 * the next while Neo4j runs the one before. The first failure stops new ones and is thrown once
 * those in flight have settled (the transaction is rolled back by its caller).
 */
async function pipelined(tasks: (() => Promise<unknown>)[]): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;
  for (const task of tasks) {
    if (failure) break;
    const p: Promise<void> = task().then(
      () => void inFlight.delete(p),
      (err) => {
        inFlight.delete(p);
        failure ??= { err };
      },
    );
    inFlight.add(p);
    if (inFlight.size >= PIPELINE) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.err;
}

/** Ids an audit entry is found by: the changed elements and, for relationships and claims, their ends. */
function touchedIds(input: SeedInput, changes: AuditChange[]): string[] {
  const changed = new Set(changes.map((c) => c.id));
  const ids = new Set<string>();
  for (const area of AREA_LIST) {
    for (const { item } of listOf(input, area.name)) if (changed.has(area.id(item as never))) area.touchedIds(item as never).forEach((id) => ids.add(id));
  }
  return [...ids].sort();
}

/**
 * Every id a write is about or depends on: its elements, the ends of its relationships, its
 * claims' propositions, and every stored element it refers to (claimants, subjects, cited
 * documents, publishers). Locked before the write reads them, so a concurrent deleteEntity
 * (which locks its entity first) either finishes before (and the reference check refuses the
 * write) or waits until the write has committed (and removes what now depends on it).
 */
function lockIds(input: SeedInput): string[] {
  const ids = new Set<string>();
  const external = externalReferences(input);
  for (const area of AREA_LIST) {
    for (const { item } of listOf(input, area.name)) area.lockIds(item as never).forEach((id) => ids.add(id));
    if (area.lockReferenced !== false) external[area.name].forEach((id) => ids.add(id));
  }
  return [...ids].sort();
}

/**
 * Ids are unique across entities, claims and propositions (seed/schema.json says so): an input
 * may not give a stored id a second meaning, and a document stays a document (sources cite it
 * as one), as a non-document may not become one.
 */
function idProblems(input: SeedInput, inUse: Row[]): Problem[] {
  const stored = new Map<string, { area: string; kind: string | null }[]>();
  for (const r of inUse) stored.set(r.id, [...(stored.get(r.id) ?? []), { area: r.area, kind: r.kind }]);
  const problems: Problem[] = [];
  for (const area of AREA_LIST.filter((a) => a.uniqueIds)) {
    for (const { item, file, pointer } of listOf(input, area.name)) {
      const id = area.id(item as never);
      // Only an entity's kind is compared: a claim's kind (ASSERTION, …) is not an entity kind.
      const kind = area.idKind?.(item as never);
      for (const other of stored.get(id) ?? []) {
        const reserved = AREA_BY_NAME.get(other.area)?.reservedIdMessage;
        if (reserved) {
          problems.push({ file, pointer: `${pointer}/id`, message: reserved(id, other.kind) });
        } else if (other.area !== area.name) {
          problems.push({ file, pointer: `${pointer}/id`, message: `id "${id}" is already used by one of the ${other.area}; ids are unique across entities, claims and propositions` });
        } else if (kind !== undefined && other.kind !== kind && (other.kind === 'DOCUMENT' || kind === 'DOCUMENT')) {
          problems.push({ file, pointer, message: `"${id}" is stored as a ${other.kind}; a document cannot change kind, nor another entity become one (use a new id)` });
        }
      }
    }
  }
  return problems;
}

/** Ids of the elements of the areas whose ids are one namespace (see idProblems). */
function uniqueIds(input: SeedInput): string[] {
  return AREA_LIST.filter((a) => a.uniqueIds).flatMap((a) => listOf(input, a.name).map((x) => a.id(x.item as never)));
}

/** The evidence edges of the written elements of the areas weighed by evidence (their `evidence`): each area's statement and rows. */
function evidenceLinks(input: SeedInput, changes: AuditChange[]): { link: StatementName; rows: Row[] }[] {
  const written = new Set(changes.map((c) => `${c.area}:${c.id}`));
  return AREA_LIST.flatMap((area) => {
    if (!area.evidence) return [];
    const items = listOf(input, area.name).filter(({ item }) => written.has(`${area.name}:${area.id(item as never)}`)).map(({ item }) => item);
    return [{ link: area.evidence.link, rows: area.evidence.rows(items as never[]) }];
  });
}

/** The ids of the elements whose evidence edges were written: the evidence rule re-runs over their propositions. */
export const linkedIds = (links: { rows: Row[] }[]) => links.flatMap((l) => l.rows.map((r) => r.id as string));

/**
 * Writes rows with the area's upsert statement in one transaction, one label or type per
 * statement (its writeParts) and batches of BATCH, each after the one before; `done` is told
 * how many were written after each batch.
 */
export async function upsertRows(run: TxRun, area: Area, rows: Row[], done: (n: number) => void = () => undefined): Promise<void> {
  const module = AREA_BY_NAME.get(area)!;
  for (const { parts, rows: group } of byParts(rows, module.writeParts)) {
    for (let i = 0; i < group.length; i += BATCH) {
      const batch = group.slice(i, i + BATCH);
      await run(module.upsert, { rows: batch }, parts);
      done(batch.length);
    }
  }
}

/**
 * After every area's rows are written: the evidence edges of the areas weighed by evidence (the
 * claims': BASED_ON, BASED_ON_DOCUMENT, QUALIFIES, CORRECTS, SUPERSEDES and the co-claimants'
 * MADE edges), then the evidence rule re-run for every proposition the write may change, its
 * results stored on the claims, in the same transaction, so that reads and filters use one stored answer.
 */
async function linkAndScore(run: TxRun, input: SeedInput, planned: Planned): Promise<StandingChange[]> {
  const links = evidenceLinks(input, planned.changes);
  for (const { link, rows } of links) for (let i = 0; i < rows.length; i += BATCH) await run(link, { rows: rows.slice(i, i + BATCH) });
  return scoreEvidence(run, linkedIds(links), planned.previousPropositions);
}

/** The propositions whose lines a change to `claimIds` can affect (see claim/evidence-scope). */
async function evidenceScope(run: TxRun, claimIds: string[], propositionIds: string[]): Promise<string[]> {
  const [scope] = await run('claim/evidence-scope', { claimIds, propositionIds });
  return (scope?.propositionIds as string[] | undefined) ?? [];
}

/** Runs the evidence rule over some propositions, stores each claim's standing, and returns the statuses it changed. */
async function scorePropositions(run: TxRun, propositionIds: string[]): Promise<StandingChange[]> {
  const rows = await run('claim/evidence-input', { propositionIds });
  const byId = new Map(rows.map((r) => [r.id as string, r as unknown as EvidenceClaim]));
  const scored = standings(rows.filter((r) => r.onProposition).map((r) => r as unknown as EvidenceClaim), byId);
  const out = [...scored].map(([id, s]) => ({ id, ...s }));
  for (let j = 0; j < out.length; j += BATCH) await run('claim/set-standings', { rows: out.slice(j, j + BATCH) });
  const stored = new Map(rows.map((r) => [r.id as string, (r.status ?? null) as ClaimStatus | null]));
  return out.filter((c) => stored.get(c.id) !== c.status).map((c) => ({ claim: c.id, before: stored.get(c.id) ?? null, after: c.status }));
}

/**
 * Recomputes and stores support, opposition and status of the claims on every proposition that
 * changes to `claimIds` can affect (and `propositionIds`), with the one rule of src/domain/evidence.ts.
 * Returns the claims whose status changed (sorted by id), for the write's audit entry
 * ({@link recordAudit}): a merge or a correction changes claims it never touched directly.
 */
export async function scoreEvidence(run: TxRun, claimIds: string[], propositionIds: string[]): Promise<StandingChange[]> {
  const affected = await evidenceScope(run, claimIds, propositionIds);
  const changed: StandingChange[] = [];
  for (let i = 0; i < affected.length; i += READ_SLICE) changed.push(...(await scorePropositions(run, affected.slice(i, i + READ_SLICE))));
  return sortedStandingChanges(changed);
}

function sortedStandingChanges(changes: StandingChange[]): StandingChange[] {
  return [...changes].sort((a, b) => (a.claim < b.claim ? -1 : a.claim > b.claim ? 1 : 0));
}

/** What one audited write records besides its actor and operation (see cypher/audit/record.cypher). */
interface AuditRecord {
  actor: string;
  operation: string;
  /**
   * Ids of the entities, claims and propositions the write touched; the claims of standingChanges
   * are added when the write lists its changes (a bulk seed's summary names no ids).
   */
  entityIds: string[];
  /** The changed elements (a list), or a bulk seed's summary. */
  changes: unknown;
  /** What scoreEvidence returned. */
  standingChanges: StandingChange[];
}

/**
 * Records a write's audit entry in its own transaction, last (it takes the audit counter's lock
 * until commit, see cypher/audit/record.cypher); returns the entry's seq. The one way every
 * audited write (seeds, curation mutations, deleteEntity, merges) records itself.
 */
export async function recordAudit(run: TxRun, entry: AuditRecord): Promise<number> {
  const listed = Array.isArray(entry.changes);
  const entityIds = [...new Set([...entry.entityIds, ...(listed ? entry.standingChanges.map((c) => c.claim) : [])])].sort();
  const [row] = await run('audit/record', {
    id: randomUUID(),
    actor: entry.actor,
    operation: entry.operation,
    entityIds,
    changesJson: JSON.stringify(entry.changes),
    standingChangesJson: JSON.stringify(entry.standingChanges),
  });
  return Number(row!.seq);
}

/** Bulk mode: the same as linkAndScore, in transactions of at most `every` rows or propositions. */
async function linkAndScoreInSlices(db: Executor, input: SeedInput, planned: Planned, every: number, tx: { timeoutMs?: number }): Promise<StandingChange[]> {
  const links = evidenceLinks(input, planned.changes);
  for (const { link, rows } of links) {
    for (let i = 0; i < rows.length; i += every) {
      const slice = rows.slice(i, i + every);
      await db.writeTransaction(async (run) => {
        for (let j = 0; j < slice.length; j += BATCH) await run(link, { rows: slice.slice(j, j + BATCH) });
      }, tx);
    }
  }
  return scoreInSlices(db, linkedIds(links), planned.previousPropositions, every, tx);
}

/** scoreEvidence in write transactions of at most `every` propositions each. */
export async function scoreInSlices(db: Executor, claimIds: string[], propositionIds: string[], every: number, tx: { timeoutMs?: number }): Promise<StandingChange[]> {
  const affected = await db.readTransaction((run) => evidenceScope(run, claimIds, propositionIds), tx);
  const changed: StandingChange[] = [];
  for (let i = 0; i < affected.length; i += every) changed.push(...(await db.writeTransaction((run) => scorePropositions(run, affected.slice(i, i + every)), tx)));
  return sortedStandingChanges(changed);
}

/**
 * Validates parsed files and writes what changed. Nothing is written when any problem is found,
 * when nothing changed, or on a dry run. Each run is counted and timed in frr_seed_runs_total by
 * its operation (the audit's: seed, restore, a curation mutation's name; `check` for a dry run).
 */
export async function seedParsed(db: Executor, files: SeedFile[], options: SeedOptions, earlier: Problem[] = []): Promise<SeedReport> {
  const operation = options.dryRun ? 'check' : (options.audit?.operation ?? 'seed');
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const report = await validateAndWrite(db, files, options, earlier);
    metrics.seeds.record(operation, report.problems.length > 0 || report.conflict ? 'refused' : report.written ? 'written' : 'unchanged', seconds());
    return report;
  } catch (err) {
    metrics.seeds.record(operation, 'failed', seconds());
    throw err;
  }
}

async function validateAndWrite(db: Executor, files: SeedFile[], options: SeedOptions, earlier: Problem[]): Promise<SeedReport> {
  const max = options.maxProblems ?? 200;
  const problems = [...earlier];
  for (const f of files) problems.push(...schemaProblems(f.file, f.data, options.schemaPath));
  const report = (found: Problem[], counts = emptyCounts(), written = false): SeedReport => ({
    files: files.map((f) => f.file),
    problems: found.slice(0, max),
    counts,
    written,
  });
  // References are only meaningful over schema-valid data.
  if (problems.length > 0) return report(problems);

  const { input, problems: merged } = mergeFiles(files);
  problems.push(...merged);

  if (options.replace && options.commitEvery !== undefined) throw new Error('replace does not go with commitEvery: a restore is all or nothing');
  const bulk = options.commitEvery !== undefined && !options.dryRun;
  // Reads what is stored, checks references against it and plans the rows; `found` is empty
  // when the input may be written. The driver may run this again after a transient error, so
  // it starts from the problems found so far.
  const compare = async (run: TxRun) => {
    const found = [...problems];
    const { stored, counts } = await existing(run, input);
    const storedTexts = new Map(
      AREA_LIST.filter((a) => a.holdsTexts)
        .flatMap((a) => [...stored[a.name].byId.values()])
        .filter((e) => e.textFile)
        .map((e) => [e.id as string, { textFile: e.textFile as string, textSection: e.textSection as string | null, alsoHeldIn: alsoHeldInFromProps(e) }]),
    );
    const { texts, problems: textProblems } = heldTexts(input, options.seedRoot, storedTexts);
    found.push(...textProblems);
    const known = noneKnown();
    for (const area of AREA_LIST) area.knownFromStored?.(stored[area.name], known);
    // An empty store holds no id and no identifier (a first load asks nothing).
    const anyStored = Object.values(counts).some((n) => Number(n) > 0);
    const withKeys = AREA_LIST.filter((a) => a.identifierKeys);
    const identifierKeys = [...new Set(withKeys.flatMap((a) => listOf(input, a.name).flatMap(({ item }) => a.identifierKeys!(item as never))))];
    if (identifierKeys.length > 0 && anyStored) {
      // An element of the input replaces what is stored of it: only the others' keys are taken.
      const inputIds = new Set(withKeys.flatMap((a) => listOf(input, a.name).map(({ item }) => a.id(item as never))));
      const rows = await run('seed/identifiers-in-use', { keys: identifierKeys.map((key) => ({ key, query: identifierQuery(key) })) });
      known.identifiers = new Map(rows.filter((r) => !inputIds.has(r.id as string)).map((r) => [r.key as string, r.id as string]));
    }
    found.push(...referenceProblems(input, known, texts));
    const ids = anyStored ? uniqueIds(input) : [];
    const inUse: Row[] = [];
    for (let i = 0; i < ids.length; i += READ_SLICE) inUse.push(...(await run('seed/ids-in-use', { ids: ids.slice(i, i + READ_SLICE) })));
    found.push(...idProblems(input, inUse));
    const planned = plan(input, stored, bulk);
    const conflict = (options.ifVersions ?? [])
      .map(({ area, id, version }) => {
        const now = stored[area].byId.get(id);
        if (!now) return `${area} ${id} was given ifVersion ${version} but does not exist (deleted since?)`;
        const current = versionOf(now);
        return current === version ? null : `${area} ${id} has changed since version ${version}: it is now at version ${current}`;
      })
      .filter((c): c is string => c !== null)
      .join('; ');
    return { found, planned, conflict, total: AREAS.reduce((n, a) => n + planned.rows[a].length + planned.created[a].length, 0) };
  };
  let done = 0;
  // One label or type per statement (the area's writeParts), batches pipelined in the transaction.
  const writeRows = async (run: TxRun, area: Area, rows: Row[], statement: 'upsert' | 'create', total: number) => {
    const module = AREA_BY_NAME.get(area)!;
    const name = statement === 'create' ? module.create! : module.upsert;
    const batches = byParts(rows, module.writeParts).flatMap(({ parts, rows: group }) => {
      const out: (() => Promise<unknown>)[] = [];
      for (let i = 0; i < group.length; i += BATCH) {
        const batch = group.slice(i, i + BATCH);
        out.push(async () => {
          await run(name, { rows: batch }, parts);
          done += batch.length;
          options.onProgress?.(done, total);
        });
      }
      return out;
    });
    await pipelined(batches);
  };
  const audit = async (run: TxRun, planned: Planned, standingChanges: StandingChange[]) => {
    if (!options.audit) return;
    const { actor, operation, detail } = options.audit;
    const full = detail === 'full';
    await recordAudit(run, {
      actor,
      operation,
      entityIds: full ? touchedIds(input, planned.changes) : [],
      changes: full ? planned.changes : { files: files.map((f) => f.file), counts: planned.counts, ...(bulk ? { commitEvery: options.commitEvery } : {}) },
      standingChanges,
    });
  };
  const tx = { timeoutMs: options.timeoutMs };

  if (bulk) {
    const { found, planned, total } = await db.readTransaction(compare, tx);
    if (found.length > 0) return report(found);
    if (total === 0) return report(found, planned.counts);
    if (options.firstLoad) {
      const rows = Object.fromEntries(AREAS.map((a) => [a, [...planned.created[a], ...planned.rows[a]]])) as Record<Area, Row[]>;
      const entry = options.audit && { ...options.audit, entityIds: [], changes: { files: files.map((f) => f.file), counts: planned.counts, firstLoad: 'import' }, standingChanges: [] };
      await options.firstLoad({ rows, links: evidenceLinks(input, planned.changes), audit: entry });
      return report(found, planned.counts, true);
    }
    const every = Math.max(1, options.commitEvery!);
    for (const area of AREAS) {
      for (const statement of ['create', 'upsert'] as const) {
        const rows = (statement === 'create' ? planned.created : planned.rows)[area];
        for (let i = 0; i < rows.length; i += every) {
          await db.writeTransaction((run) => writeRows(run, area, rows.slice(i, i + every), statement, total), tx);
        }
      }
    }
    const standingChanges = await linkAndScoreInSlices(db, input, planned, every, tx);
    await db.writeTransaction((run) => audit(run, planned, standingChanges), tx);
    return report(found, planned.counts, true);
  }

  // Compare, validate references and write in one transaction: all or nothing. A dry run only reads.
  const work = async (run: TxRun): Promise<SeedReport> => {
    done = 0;
    if (!options.dryRun && options.audit?.detail === 'full') await run('seed/lock', { ids: lockIds(input) });
    if (options.replace && !options.dryRun) await run('admin/wipe');
    // The areas' `before` steps (declared merges whose `from` is still stored) come first, so the
    // comparison sees their outcome (a dry run, which only reads, reports such a `from` as still an entity).
    const merged = options.dryRun ? { problems: [], applied: new Map<Area, number>(), standingChanges: [] } : await beforeSteps(run, input);
    const appliedBefore = [...merged.applied.values()].reduce((n, a) => n + a, 0);
    const { found, planned, total, conflict } = await compare(run);
    found.push(...merged.problems);
    // A refused replace must not commit its wipe, nor a refused input what its `before` steps
    // applied: thrown, so the transaction rolls back.
    if (found.length > 0 && (options.replace || AREA_LIST.some((a) => a.before && listOf(input, a.name).length > 0))) throw new AppError(ErrorCode.BAD_USER_INPUT, 'the input is refused; the store is left as it was', {}, { report: report(found) });
    if (found.length > 0) return report(found);
    if (conflict && appliedBefore > 0) throw new AppError(ErrorCode.CONFLICT, conflict, {}, { report: { ...report(found, planned.counts), conflict } });
    if (conflict) return { ...report(found, planned.counts), conflict };
    if (options.dryRun) return { ...report(found, planned.counts), changes: planned.changes };
    // A `before` step wrote its elements (an applied merge its former id): the comparison after it found them unchanged.
    for (const [area, applied] of merged.applied) {
      planned.counts[area].created += applied;
      planned.counts[area].unchanged -= applied;
    }
    if (total === 0 && appliedBefore === 0) return report(found, planned.counts);
    for (const area of AREAS) await writeRows(run, area, planned.rows[area], 'upsert', total);
    const standingChanges = await linkAndScore(run, input, planned);
    await audit(run, planned, joinStandingChanges(merged.standingChanges, standingChanges));
    return report(found, planned.counts, true);
  };
  try {
    return await (options.dryRun ? db.readTransaction(work, tx) : db.writeTransaction(work, tx));
  } catch (err) {
    if (err instanceof AppError && err.internal.report) return err.internal.report as SeedReport;
    throw err;
  }
}

/**
 * Runs the areas' `before` steps (the merges area applies the declared merges whose `from` is
 * still stored), in the seed's transaction, in write order.
 */
async function beforeSteps(run: TxRun, input: SeedInput): Promise<{ problems: Problem[]; applied: Map<Area, number>; standingChanges: StandingChange[] }> {
  const problems: Problem[] = [];
  const applied = new Map<Area, number>();
  const standingChanges: StandingChange[][] = [];
  for (const area of AREA_LIST) {
    if (!area.before) continue;
    const outcome: BeforeOutcome = await area.before(run, listOf(input, area.name));
    problems.push(...outcome.problems);
    applied.set(area.name, outcome.applied);
    standingChanges.push(outcome.standingChanges);
  }
  return { problems, applied, standingChanges: joinStandingChanges(...standingChanges) };
}

/** Reads files and folders, then {@link seedParsed}. */
export async function seedPaths(db: Executor, targets: string[], options: SeedOptions): Promise<SeedReport> {
  const { files, parsed, problems } = readSeedPaths(targets);
  const report = await seedParsed(db, parsed, options, problems);
  return { ...report, files };
}

/**
 * Default options for the project's own seed folder. Seeds are audited as a summary (files and
 * counts) under the actor "seed"; callers that know who runs them say so.
 */
export function defaultSeedOptions(rootDir: string, actor = 'seed'): SeedOptions {
  return {
    schemaPath: path.join(rootDir, 'seed', 'schema.json'),
    seedRoot: path.join(rootDir, 'seed'),
    audit: { actor, operation: 'seed', detail: 'summary' },
    // A seed is not a request: QUERY_TIMEOUT_MS would cut large seeds short. (Mutations still
    // run within their request's time budget: see Executor.withDeadline.)
    timeoutMs: 0,
  };
}
