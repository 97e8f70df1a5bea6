/**
 * The seeder: validate everything first, compare with what the database holds, then write only
 * what changed in one transaction — all or nothing. The curation mutations use the same path, so
 * a write through the API obeys exactly the rules of a seed file.
 */
import path from 'node:path';
import type { Executor, Row } from '../db/executor';
import { claimProps, entityProps, labelOfKind, Props, relationshipProps } from '../db/records';
import {
  externalReferences,
  heldTexts,
  KnownIds,
  mergeFiles,
  Problem,
  referenceProblems,
  schemaProblems,
  SeedFile,
  SeedInput,
  stable,
} from './validate';
import { readSeedFile, seedFiles } from './files';

/** The areas of a seed, in the order they are written. */
export const AREAS = ['entities', 'propositions', 'relationships', 'claims'] as const;
/** One area. */
export type Area = (typeof AREAS)[number];

/** Per-area counts of what a run changes. */
export type ChangeCounts = Record<Area, { created: number; updated: number; unchanged: number }>;

/** The outcome of a run. */
export interface SeedReport {
  files: string[];
  problems: Problem[];
  counts: ChangeCounts;
  /** True when the database was written to (false on problems, dry runs and no-change runs). */
  written: boolean;
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
}

interface Planned {
  rows: Record<Area, Row[]>;
  counts: ChangeCounts;
}

const BATCH = 2000;

function emptyCounts(): ChangeCounts {
  return {
    entities: { created: 0, updated: 0, unchanged: 0 },
    propositions: { created: 0, updated: 0, unchanged: 0 },
    relationships: { created: 0, updated: 0, unchanged: 0 },
    claims: { created: 0, updated: 0, unchanged: 0 },
  };
}

/** Reads what the database holds of everything the input defines or refers to (one snapshot). */
async function existing(db: Executor, input: SeedInput) {
  const ext = externalReferences(input);
  return db.readTransaction(async (run) => {
    const entities = await run('entity/by-ids', { ids: [...input.entities.map((e) => e.item.id), ...ext.entities] });
    const propositions = await run('claim/propositions-by-ids', {
      ids: [...input.propositions.map((p) => p.item.id), ...ext.propositions],
    });
    const claims = await run('claim/by-ids', { ids: input.claims.map((c) => c.item.id) });
    const rels = await run('relationship/by-keys', {
      keys: input.relationships.map(({ item }) => ({ from: item.from, type: item.type, to: item.to })),
    });
    return {
      entities: new Map(entities.map((r) => [r.entity.id as string, r.entity as Props])),
      propositions: new Map(propositions.map((r) => [r.proposition.id as string, r.proposition as Props])),
      claims: new Map(claims.map((r) => [r.claim.id as string, r.claim as Props])),
      relationships: new Map(
        rels.map((r) => {
          const { type: _t, direction: _d, otherId: _o, fromId: _f, ...stored } = r.rel as Props;
          return [r.rel.id as string, stored];
        }),
      ),
    };
  });
}

function plan(input: SeedInput, stored: Awaited<ReturnType<typeof existing>>): Planned {
  const counts = emptyCounts();
  const rows: Record<Area, Row[]> = { entities: [], propositions: [], relationships: [], claims: [] };
  const consider = (area: Area, before: Props | undefined, after: Props, row: Row) => {
    if (!before) counts[area].created++;
    else if (stable(before) === stable(after)) return void counts[area].unchanged++;
    else counts[area].updated++;
    rows[area].push(row);
  };
  for (const { item } of input.entities) {
    const props = entityProps(item);
    consider('entities', stored.entities.get(item.id), props, { id: item.id, label: labelOfKind(item.kind), props });
  }
  for (const { item } of input.propositions) {
    const props = { id: item.id, text: item.text };
    consider('propositions', stored.propositions.get(item.id), props, props);
  }
  for (const { item } of input.relationships) {
    const props = relationshipProps(item);
    consider('relationships', stored.relationships.get(props.id as string), props, { from: item.from, type: item.type, to: item.to, props });
  }
  for (const { item } of input.claims) {
    const props = claimProps(item);
    consider('claims', stored.claims.get(item.id), props, { id: item.id, props });
  }
  return { rows, counts };
}

const WRITE: Record<Area, 'seed/upsert-entities' | 'seed/upsert-propositions' | 'seed/upsert-relationships' | 'seed/upsert-claims'> = {
  entities: 'seed/upsert-entities',
  propositions: 'seed/upsert-propositions',
  relationships: 'seed/upsert-relationships',
  claims: 'seed/upsert-claims',
};

/**
 * Validates parsed files and writes what changed. Nothing is written when any problem is found,
 * when nothing changed, or on a dry run.
 */
export async function seedParsed(db: Executor, files: SeedFile[], options: SeedOptions, earlier: Problem[] = []): Promise<SeedReport> {
  const max = options.maxProblems ?? 200;
  const problems = [...earlier];
  for (const f of files) problems.push(...schemaProblems(f.file, f.data, options.schemaPath));
  const report = (counts = emptyCounts(), written = false): SeedReport => ({
    files: files.map((f) => f.file),
    problems: problems.slice(0, max),
    counts,
    written,
  });
  // References are only meaningful over schema-valid data.
  if (problems.length > 0) return report();

  const { input, problems: merged } = mergeFiles(files);
  problems.push(...merged);
  const stored = await existing(db, input);
  const storedTexts = new Map([...stored.entities.values()].filter((e) => e.textFile).map((e) => [e.id as string, e.textFile as string]));
  const { texts, problems: textProblems } = heldTexts(input, options.seedRoot, storedTexts);
  problems.push(...textProblems);
  const known: KnownIds = {
    entities: new Map([...stored.entities.values()].map((e) => [e.id as string, e.kind as string])),
    propositions: new Set(stored.propositions.keys()),
  };
  problems.push(...referenceProblems(input, known, texts));
  if (problems.length > 0) return report();

  const planned = plan(input, stored);
  const total = AREAS.reduce((n, a) => n + planned.rows[a].length, 0);
  if (options.dryRun || total === 0) return report(planned.counts);

  await db.writeTransaction(async (run) => {
    let done = 0;
    for (const area of AREAS) {
      const rows = planned.rows[area];
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        await run(WRITE[area], { rows: batch });
        done += batch.length;
        options.onProgress?.(done, total);
      }
    }
  });
  return report(planned.counts, true);
}

/** Reads files and folders, then {@link seedParsed}. */
export async function seedPaths(db: Executor, targets: string[], options: SeedOptions): Promise<SeedReport> {
  const { files, problems } = seedFiles(targets);
  const parsed: SeedFile[] = [];
  for (const f of files) {
    const { seed, problem } = readSeedFile(f);
    if (problem) problems.push(problem);
    if (seed) parsed.push(seed);
  }
  const report = await seedParsed(db, parsed, options, problems);
  return { ...report, files };
}

/** Default options for the project's own seed folder. */
export function defaultSeedOptions(rootDir: string): SeedOptions {
  return { schemaPath: path.join(rootDir, 'seed', 'schema.json'), seedRoot: path.join(rootDir, 'seed') };
}
