/**
 * The curated dataset, checked without a database: it validates, every quote is verbatim in the
 * text the project holds, and the article's central contradiction is in the data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedFiles, readSeedFile } from '../../src/seed/files';
import { heldTexts, mergeFiles, referenceProblems, schemaProblems, SeedFile } from '../../src/seed/validate';
import { wordCount } from '../../src/seed/areas/relationships';

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
    // Documents first held in primary-quotes-2.md (those it shares with primary-quotes.md keep their id there, with alsoHeldIn).
    const second = input.entities.filter((e) => e.item.kind === 'DOCUMENT' && e.item.textFile === 'sources/primary-quotes-2.md').map((e) => e.item.id);
    expect(second.length).toBeGreaterThan(5);
    // Documents held in issue 28's two citation registers, one entry each.
    const registers = input.entities.filter((e) => e.item.kind === 'DOCUMENT' && /^sources\/register-(eu-enforcement|law-policy)\.md$/.test(e.item.textFile ?? '')).map((e) => e.item.id);
    expect(registers.length).toBeGreaterThan(100);
    expect([...texts.keys()].sort()).toEqual(['article-cabinet-insists-police-never-used-clearview', 'verified-facts-register', ...sections, ...second, ...registers].sort());
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

  it('splits the Dutch dispute: the minister denies operational use, BuzzFeed reports searches by police-associated accounts, "never used" is the article\'s', () => {
    const claims = input.claims.map((c) => c.item);
    const onUse = claims.filter((c) => c.proposition === 'dutch-police-used-clearview' && c.kind !== 'QUESTION');
    expect(onUse.find((c) => c.claimant === 'sander-dekker')?.polarity).toBe('DENIES');
    expect(onUse.filter((c) => c.claimant === 'buzzfeed-news')).toEqual([]);
    expect(onUse.find((c) => c.id === 'article-police-never-used-clearview')).toMatchObject({ claimant: 'article-cabinet-insists-police-never-used-clearview', kind: 'REPORT' });
    const searches = claims.filter((c) => c.proposition === 'police-associated-accounts-searched-clearview');
    expect(searches.map((c) => [c.claimant, c.polarity])).toEqual([['buzzfeed-news', 'AFFIRMS']]);
    expect(claims.filter((c) => c.claimant === 'sander-dekker' && /never used/i.test(c.text)).map((c) => c.id)).toEqual([]);
  });

  it('writes the kind of every claim, and every relationship with a quote of five words or more', () => {
    expect(input.claims.filter((c) => !c.item.kind).map((c) => c.item.id)).toEqual([]);
    expect(input.relationships.filter((r) => !r.item.sources.some((s) => wordCount(s.quote) >= 5)).map((r) => r.pointer)).toEqual([]);
  });

  it('has no document without a url or held text', () => {
    expect(input.entities.filter((e) => e.item.kind === 'DOCUMENT' && !e.item.url && !e.item.textFile).map((e) => e.item.id)).toEqual([]);
  });

  it('gives every regulator of the article an entity, with aliases that held texts state', () => {
    const byId = new Map(input.entities.map((e) => [e.item.id, e.item]));
    for (const id of ['cnil', 'garante', 'hellenic-dpa', 'dsb', 'ico', 'autoriteit-persoonsgegevens']) {
      expect(byId.get(id)?.kind).toBe('REGULATOR');
    }
    expect(byId.get('catch')?.aliases).toEqual(expect.arrayContaining(['Capture', 'Catch']));
    expect(byId.get('autoriteit-persoonsgegevens')?.aliases).toEqual(expect.arrayContaining(['AP']));
    expect(byId.get('hellenic-dpa')?.aliases).toEqual(expect.arrayContaining(['Hellenic DPA']));
  });
});
