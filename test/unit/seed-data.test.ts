/**
 * The curated dataset, checked without a database: it validates, every quote is verbatim in the
 * text the project holds, and the article's central contradiction is in the data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedFiles, readSeedFile } from '../../src/seed/files';
import { heldTexts, mergeFiles, referenceProblems, schemaProblems, SeedFile, wordCount } from '../../src/seed/validate';

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

  it('holds every document of primary-quotes.md, each with its own section as held text', () => {
    const register = fs.readFileSync(path.join(seedDir, 'sources', 'primary-quotes.md'), 'utf8');
    const sections = [...register.matchAll(/^#### `([a-z0-9-]+)`$/gm)].map((m) => m[1]!);
    expect(sections.length).toBe(60);
    const documents = new Map(input.entities.filter((e) => e.item.kind === 'DOCUMENT').map((e) => [e.item.id, e.item]));
    for (const id of sections) expect({ id, textFile: documents.get(id)?.textFile, textSection: documents.get(id)?.textSection }).toEqual({ id, textFile: 'sources/primary-quotes.md', textSection: id });
  });

  it('quotes every held document verbatim', () => {
    const { texts, problems } = heldTexts(input, seedDir);
    expect(problems).toEqual([]);
    const register = fs.readFileSync(path.join(seedDir, 'sources', 'primary-quotes.md'), 'utf8');
    const sections = [...register.matchAll(/^#### `([a-z0-9-]+)`$/gm)].map((m) => m[1]!);
    expect([...texts.keys()].sort()).toEqual(['article-cabinet-insists-police-never-used-clearview', 'verified-facts-register', ...sections].sort());
    const quotes: { where: string; doc: string; quote: string }[] = [];
    const collect = (where: string, sources: { document: string; quote?: string | null }[] | undefined) =>
      (sources ?? []).forEach((s) => s.quote && quotes.push({ where, doc: s.document, quote: s.quote }));
    input.entities.forEach((e) => collect(e.item.id, e.item.sources));
    input.relationships.forEach((r) => collect(`${r.item.from}:${r.item.type}:${r.item.to}`, r.item.sources));
    input.claims.forEach((c) => collect(c.item.id, c.item.sources));
    input.entities.forEach((e) => (e.item.values ?? []).forEach((v, i) => collect(`${e.item.id}/values/${i}`, v.sources)));
    input.entities.forEach((e) => (e.item.decision?.statusHistory ?? []).forEach((c, i) => collect(`${e.item.id}/statusHistory/${i}`, c.sources)));
    expect(quotes.length).toBeGreaterThan(300);
    const notVerbatim = quotes.filter((q) => !texts.has(q.doc) || !texts.get(q.doc)!.body.includes(q.quote));
    expect(notVerbatim).toEqual([]);
  });

  it('holds the minister denying police use of Clearview and BuzzFeed News affirming it', () => {
    const onUse = input.claims.map((c) => c.item).filter((c) => c.proposition === 'dutch-police-used-clearview');
    expect(onUse.find((c) => c.claimant === 'sander-dekker')?.polarity).toBe('DENIES');
    expect(onUse.find((c) => c.claimant === 'buzzfeed-news')?.polarity).toBe('AFFIRMS');
  });

  it('writes the kind of every claim, and every relationship with a quote of five words or more', () => {
    expect(input.claims.filter((c) => !c.item.kind).map((c) => c.item.id)).toEqual([]);
    expect(input.relationships.filter((r) => !r.item.sources.some((s) => wordCount(s.quote) >= 5)).map((r) => r.pointer)).toEqual([]);
  });

  it('has no document without a url or held text', () => {
    expect(input.entities.filter((e) => e.item.kind === 'DOCUMENT' && !e.item.url && !e.item.textFile).map((e) => e.item.id)).toEqual([]);
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
