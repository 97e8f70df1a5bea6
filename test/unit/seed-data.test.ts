/**
 * The curated dataset, checked without a database: it validates, every quote is verbatim in the
 * text the project holds, and the article's central contradiction is in the data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedFiles, readSeedFile } from '../../src/seed/files';
import { heldTexts, mergeFiles, referenceProblems, schemaProblems, SeedFile } from '../../src/seed/validate';

const seedDir = path.resolve(__dirname, '../../seed');
const schemaPath = path.join(seedDir, 'schema.json');
const files: SeedFile[] = seedFiles([seedDir]).files.map((f) => readSeedFile(f).seed!);
const { input, problems: mergeProblems } = mergeFiles(files);

describe('the curated dataset', () => {
  it('is valid against seed/schema.json and its references resolve', () => {
    const problems = [...files.flatMap((f) => schemaProblems(f.file, f.data, schemaPath)), ...mergeProblems];
    const { texts } = heldTexts(input, seedDir);
    problems.push(...referenceProblems(input, { entities: new Map(), propositions: new Set() }, texts));
    expect(problems).toEqual([]);
  });

  it('quotes every held document verbatim', () => {
    const { texts, problems } = heldTexts(input, seedDir);
    expect(problems).toEqual([]);
    expect([...texts.keys()].sort()).toEqual(['article-cabinet-insists-police-never-used-clearview', 'verified-facts-register']);
    const quotes: { where: string; doc: string; quote: string }[] = [];
    const collect = (where: string, sources: { document: string; quote?: string | null }[] | undefined) =>
      (sources ?? []).forEach((s) => s.quote && quotes.push({ where, doc: s.document, quote: s.quote }));
    input.entities.forEach((e) => collect(e.item.id, e.item.sources));
    input.relationships.forEach((r) => collect(`${r.item.from}:${r.item.type}:${r.item.to}`, r.item.sources));
    input.claims.forEach((c) => collect(c.item.id, c.item.sources));
    expect(quotes.length).toBeGreaterThan(300);
    const notVerbatim = quotes.filter((q) => !texts.has(q.doc) || !texts.get(q.doc)!.includes(q.quote));
    expect(notVerbatim).toEqual([]);
  });

  it('keeps byte-exact copies of the shared sources', () => {
    const shared = path.resolve(__dirname, '../../../shared/sources');
    for (const f of ['clearview-dutch-police-article.txt', 'facts.md']) {
      expect(fs.readFileSync(path.join(seedDir, 'sources', f), 'utf8')).toBe(fs.readFileSync(path.join(shared, f), 'utf8'));
    }
  });

  it('holds the minister denying police use of Clearview and BuzzFeed News affirming it', () => {
    const onUse = input.claims.map((c) => c.item).filter((c) => c.proposition === 'dutch-police-used-clearview');
    expect(onUse.find((c) => c.claimant === 'sander-dekker')?.polarity).toBe('DENIES');
    expect(onUse.find((c) => c.claimant === 'buzzfeed-news')?.polarity).toBe('AFFIRMS');
  });

  it('gives every regulator of the article an entity with its native name as an alias', () => {
    const byId = new Map(input.entities.map((e) => [e.item.id, e.item]));
    for (const id of ['cnil', 'garante', 'hellenic-dpa', 'dsb', 'ico', 'autoriteit-persoonsgegevens']) {
      expect(byId.get(id)?.kind).toBe('REGULATOR');
    }
    expect(byId.get('catch')?.aliases).toEqual(expect.arrayContaining(['Capture', 'Catch']));
    expect(byId.get('autoriteit-persoonsgegevens')?.aliases).toEqual(expect.arrayContaining(['Dutch Data Protection Authority']));
  });
});
