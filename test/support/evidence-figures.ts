/**
 * Prints the evidence figures of issue 24 for the curated data before and after its re-curation:
 * CORROBORATED claims (in all and per proposition), disputes with their lines, claims whose every
 * source is LOW, quotes that stand only in a held text's header lines, citations without a quote,
 * aliases that no held text states, and effect edges of decisions without a status history.
 *
 *   npx ts-node --transpile-only test/support/evidence-figures.ts [--before REV] [--after REV]
 *
 * "before" defaults to the seed as this round found it (BEFORE below), "after" to the working
 * tree's seed/. Each side is read whole from its own tree (data and held texts), through the
 * seed's own reader and the one evidence rule (src/domain/evidence.ts), with no database. The
 * before side had no reliabilities: it is given the after side's, document by document (LOW where
 * a document has none), so that the LOW figure compares like with like.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EFFECT_TYPES } from '../../src/domain/decisions';
import { EvidenceClaim, exclusionOn, lineGroups, Reliability, standings } from '../../src/domain/evidence';
import type { ClaimInput } from '../../src/db/records';
import { readSeedPaths } from '../../src/seed/files';
import { heldTexts, mergeFiles, SeedInput } from '../../src/seed/validate';

/** The last commit before issue 24's re-curation: the seed as the audit found it. */
const BEFORE = 'e7c0db5';
const ROOT = path.resolve(__dirname, '../..');

/** The seed folder of a git revision, extracted to a temporary folder; the working tree's for null. */
function seedFolder(rev: string | null): string {
  if (rev === null) return path.join(ROOT, 'seed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-figures-'));
  const tar = execFileSync('git', ['archive', rev, 'seed'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return path.join(dir, 'seed');
}

/** The figures of one side. */
interface Figures {
  corroborated: Map<string, string[]>;
  disputes: { proposition: string; lines: Record<'AFFIRMS' | 'DENIES', string[][]> }[];
  allLow: string[];
  headerOnly: string[];
  noQuote: string[];
  unstatedAliases: string[];
  effectsWithoutHistory: string[];
  counts: { claims: number; documents: number; relationships: number };
}

/** Every citation of the input with where it stands. */
function citations(input: SeedInput): { where: string; document: string; quote?: string | null }[] {
  const out: { where: string; document: string; quote?: string | null }[] = [];
  const add = (where: string, list: { document: string; quote?: string | null }[] | undefined) => (list ?? []).forEach((s, i) => out.push({ where: `${where}/sources/${i}`, ...s }));
  for (const { item } of input.entities) {
    add(item.id, item.sources);
    (item.values ?? []).forEach((v, i) => add(`${item.id}/values/${i}`, v.sources));
    (item.decision?.statusHistory ?? []).forEach((c, i) => add(`${item.id}/decision/statusHistory/${i}`, c.sources));
    if (item.decision?.eurRate) out.push({ where: `${item.id}/decision/eurRate/source`, ...item.decision.eurRate.source });
  }
  for (const { item } of input.relationships) add(`${item.from}:${item.type}:${item.to}`, item.sources);
  for (const { item } of input.claims) add(item.id, item.sources);
  return out;
}

/** The claims as the evidence rule takes them, with the days of their corrections and replacements. */
function evidenceClaims(claims: ClaimInput[]): Map<string, EvidenceClaim> {
  const firstDay = (key: 'corrects' | 'supersedes') => {
    const days = new Map<string, string>();
    for (const c of claims) {
      for (const id of c[key] ?? []) if (c.madeOn && (!days.has(id) || c.madeOn < days.get(id)!)) days.set(id, c.madeOn);
    }
    return days;
  };
  const corrected = firstDay('corrects');
  const superseded = firstDay('supersedes');
  return new Map(
    claims.map((c) => [
      c.id,
      {
        id: c.id,
        propositionId: c.proposition,
        polarity: c.polarity,
        kind: c.kind ?? 'ASSERTION',
        claimantId: c.claimant,
        basedOn: c.basedOn ?? [],
        basedOnDocuments: c.basedOnDocuments ?? [],
        madeOn: c.madeOn ?? null,
        correctedOn: corrected.get(c.id) ?? null,
        supersededOn: superseded.get(c.id) ?? null,
        sourceDocuments: c.sources.map((s) => s.document),
      },
    ]),
  );
}

function figuresOf(seedDir: string, reliabilityOf: (id: string) => Reliability): Figures {
  const files = readSeedPaths([seedDir]).parsed;
  const { input } = mergeFiles(files);
  const claims = input.claims.map((c) => c.item);
  const byId = evidenceClaims(claims);
  const scored = standings([...byId.values()], byId);
  const corroborated = new Map<string, string[]>();
  for (const c of claims) if (scored.get(c.id)?.status === 'CORROBORATED') corroborated.set(c.proposition, [...(corroborated.get(c.proposition) ?? []), c.id]);
  const disputes: Figures['disputes'] = [];
  for (const proposition of [...new Set(claims.map((c) => c.proposition))].sort()) {
    const counted = [...byId.values()].filter((c) => c.propositionId === proposition && exclusionOn(c, null) === null);
    const side = (p: 'AFFIRMS' | 'DENIES') =>
      lineGroups(
        counted.filter((c) => c.polarity === p),
        byId,
      ).map((line) => line.map((c) => c.id));
    const lines = { AFFIRMS: side('AFFIRMS'), DENIES: side('DENIES') };
    if (lines.AFFIRMS.length > 0 && lines.DENIES.length > 0) disputes.push({ proposition, lines });
  }
  const allLow = claims.filter((c) => c.sources.every((s) => reliabilityOf(s.document) === 'LOW')).map((c) => c.id);
  const { texts } = heldTexts(input, seedDir);
  const cites = citations(input);
  const headerOnly = cites.filter((s) => s.quote && texts.has(s.document) && !texts.get(s.document)!.body.includes(s.quote) && texts.get(s.document)!.full.includes(s.quote)).map((s) => s.where);
  const noQuote = cites.filter((s) => !s.quote || !s.quote.trim()).map((s) => s.where);
  const corpus = [...texts.values()]
    .filter((t) => !t.files.every((f) => f === 'sources/facts.md'))
    .map((t) => t.full)
    .join('\n')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ');
  const unstatedAliases = input.entities.flatMap(({ item }) =>
    (item.aliases ?? []).filter((a) => !corpus.includes(a.toLocaleLowerCase('en').replace(/\s+/g, ' ').trim())).map((a) => `${item.id}: ${a}`),
  );
  const withHistory = new Set(input.entities.filter((e) => (e.item.decision?.statusHistory ?? []).length > 0).map((e) => e.item.id));
  const kindOf = new Map(input.entities.map((e) => [e.item.id, e.item.kind]));
  const effectsWithoutHistory = input.relationships
    .map((r) => r.item)
    .filter((r) => EFFECT_TYPES.includes(r.type) && kindOf.get(r.from) === 'DECISION' && !withHistory.has(r.from))
    .map((r) => `${r.from}:${r.type}:${r.to}`);
  return {
    corroborated,
    disputes,
    allLow,
    headerOnly,
    noQuote,
    unstatedAliases,
    effectsWithoutHistory,
    counts: { claims: claims.length, documents: input.entities.filter((e) => e.item.kind === 'DOCUMENT').length, relationships: input.relationships.length },
  };
}

/** The documents' reliabilities of a seed folder. */
function reliabilities(seedDir: string): Map<string, Reliability> {
  const files = readSeedPaths([seedDir]).parsed;
  const { input } = mergeFiles(files);
  return new Map(input.entities.filter((e) => e.item.reliability).map((e) => [e.item.id, e.item.reliability as Reliability]));
}

function print(name: string, f: Figures): void {
  const out: string[] = [`## ${name}`, `claims ${f.counts.claims}, documents ${f.counts.documents}, relationships ${f.counts.relationships}`];
  const total = [...f.corroborated.values()].reduce((n, l) => n + l.length, 0);
  out.push(`CORROBORATED claims: ${total} on ${f.corroborated.size} propositions`);
  for (const [p, ids] of [...f.corroborated].sort()) out.push(`  ${p}: ${ids.length} (${ids.join(', ')})`);
  out.push(`disputes (a counted line on each side): ${f.disputes.length}`);
  for (const d of f.disputes) {
    out.push(`  ${d.proposition}: ${d.lines.AFFIRMS.length} affirming, ${d.lines.DENIES.length} denying`);
    for (const side of ['AFFIRMS', 'DENIES'] as const) d.lines[side].forEach((line, i) => out.push(`    ${side} line ${i + 1}: ${line.join(', ')}`));
  }
  const list = (label: string, items: string[]) => {
    out.push(`${label}: ${items.length}`);
    items.forEach((x) => out.push(`  ${x}`));
  };
  list('claims whose every source is LOW', f.allLow);
  list('quotes found only in header lines', f.headerOnly);
  list('citations without a quote', f.noQuote);
  list('aliases no held text states', f.unstatedAliases);
  list('effect edges without a status history', f.effectsWithoutHistory);
  process.stdout.write(out.join('\n') + '\n\n');
}

function main(): void {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1]! : undefined;
  };
  const before = seedFolder(arg('--before') ?? BEFORE);
  const after = seedFolder(arg('--after') ?? null);
  const rel = reliabilities(after);
  const reliabilityOf = (id: string) => rel.get(id) ?? 'LOW';
  const b = figuresOf(before, reliabilityOf);
  const a = figuresOf(after, reliabilityOf);
  print(`before (${arg('--before') ?? BEFORE})`, b);
  print(`after (${arg('--after') ?? 'working tree'})`, a);
  const sum = (f: Figures) => [...f.corroborated.values()].reduce((n, l) => n + l.length, 0);
  process.stdout.write(
    [
      '## before -> after',
      `CORROBORATED claims: ${sum(b)} -> ${sum(a)}`,
      `disputes: ${b.disputes.length} -> ${a.disputes.length}`,
      `claims whose every source is LOW: ${b.allLow.length} -> ${a.allLow.length}`,
      `quotes found only in header lines: ${b.headerOnly.length} -> ${a.headerOnly.length}`,
      `citations without a quote: ${b.noQuote.length} -> ${a.noQuote.length}`,
      `aliases no held text states: ${b.unstatedAliases.length} -> ${a.unstatedAliases.length}`,
      `effect edges without a status history: ${b.effectsWithoutHistory.length} -> ${a.effectsWithoutHistory.length}`,
    ].join('\n') + '\n',
  );
}

main();
