/**
 * Identifiers and names in other languages (issue 27) as seed data: each is stated by a quote of
 * a held text's body that contains it, and an identifier's value is used once per scheme across
 * the input and the database (case and white space folded). Each refusal names file and pointer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatProblem, heldTexts, KnownIds, mergeFiles, referenceProblems, schemaProblems, SeedFile } from '../../src/seed/validate';
import { identifierKey, identifierQuery } from '../../src/domain/ids';

const schemaPath = path.resolve(__dirname, '../../seed/schema.json');

function seedRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-identifiers-'));
  fs.mkdirSync(path.join(dir, 'sources'));
  fs.writeFileSync(
    path.join(dir, 'sources', 'register.md'),
    [
      '#### `decision-text`',
      '- Title: Décision n° SAN-2099-077 (title line)',
      '- Quotes:',
      '  1. "Délibération de la formation restreinte n° SAN-2099-001 du 1er mars 2099 concernant la société EXAMPLE"',
      '  2. "La Commission nationale de l\'informatique et des libertés (CNIL) a prononcé une sanction."',
    ].join('\n'),
  );
  return dir;
}

const documents = [{ id: 'decision-text', name: 'Decision', primary: true, reliability: 'HIGH', textFile: 'sources/register.md', textSection: 'decision-text' }];
const q1 = 'Délibération de la formation restreinte n° SAN-2099-001 du 1er mars 2099 concernant la société EXAMPLE';
const q2 = "La Commission nationale de l'informatique et des libertés (CNIL) a prononcé une sanction.";
const cite = (quote: string) => [{ document: 'decision-text', quote }];
const decision = { id: 'example-decision', kind: 'DECISION', name: 'Decision', sources: cite(q1) };
const authority = { id: 'example-authority', kind: 'REGULATOR', name: 'The Example Authority', sources: cite(q2) };
const sanction = { scheme: 'CASE_NUMBER', value: 'SAN-2099-001', sources: cite(q1) };
const frenchName = { language: 'fr', name: "Commission nationale de l'informatique et des libertés", sources: cite(q2) };

function problems(entities: unknown[], known: Partial<KnownIds> = {}): string[] {
  const files: SeedFile[] = [{ file: 'seed/x.json', data: { documents, entities } }];
  const schema = files.flatMap((f) => schemaProblems(f.file, f.data, schemaPath));
  if (schema.length > 0) return schema.map(formatProblem);
  const { input } = mergeFiles(files);
  const { texts } = heldTexts(input, seedRoot());
  return referenceProblems(input, { entities: new Map(), propositions: new Set(), ...known }, texts).map(formatProblem);
}

describe('identifiers and labels in seed files', () => {
  it('accept an identifier and a label that a quote of the body states', () => {
    expect(problems([{ ...decision, identifiers: [sanction] }, { ...authority, labels: [frenchName] }])).toEqual([]);
  });

  it('refuse an identifier whose quotes do not contain its value', () => {
    expect(problems([{ ...decision, identifiers: [{ ...sanction, value: 'SAN-2099-002' }] }])).toEqual([
      'seed/x.json:/entities/0/identifiers/0/value: no quote of its sources contains "SAN-2099-002": an identifier is cited by the passage that states it',
    ]);
  });

  it('refuse an identifier quoted from a header line only', () => {
    expect(problems([{ ...decision, identifiers: [{ ...sanction, value: 'SAN-2099-077', sources: cite('Décision n° SAN-2099-077 (title line)') }] }])).toEqual([
      expect.stringMatching(/^seed\/x\.json:\/entities\/0\/identifiers\/0\/sources\/0\/quote: quote stands only in a header line/),
    ]);
  });

  it('refuse a value used twice in one scheme (case and white space folded), and allow it in another scheme', () => {
    // Another spelling of the same value is the same identifier (and not what the quote writes).
    const other = { ...authority, identifiers: [{ ...sanction, value: 'san-2099-001', sources: cite(q1) }] };
    expect(problems([{ ...decision, identifiers: [sanction] }, other])).toEqual([
      'seed/x.json:/entities/1/identifiers/0/value: no quote of its sources contains "san-2099-001": an identifier is cited by the passage that states it',
      'seed/x.json:/entities/1/identifiers/0/value: CASE_NUMBER "san-2099-001" is already used by seed/x.json:/entities/0/identifiers/0: one value per scheme across the graph',
    ]);
    const twice = { ...authority, identifiers: [sanction] };
    expect(problems([{ ...decision, identifiers: [sanction] }, twice])).toEqual([
      'seed/x.json:/entities/1/identifiers/0/value: CASE_NUMBER "SAN-2099-001" is already used by seed/x.json:/entities/0/identifiers/0: one value per scheme across the graph',
    ]);
    expect(problems([{ ...decision, identifiers: [sanction, { ...sanction, scheme: 'OTHER' }] }])).toEqual([]);
  });

  it('refuse a value that another stored entity already carries, and accept the entity itself again', () => {
    const key = identifierKey('CASE_NUMBER', 'SAN-2099-001');
    expect(problems([{ ...decision, identifiers: [sanction] }], { identifiers: new Map([[key, 'stored-decision']]) })).toEqual([
      'seed/x.json:/entities/0/identifiers/0/value: CASE_NUMBER "SAN-2099-001" is already used by entity "stored-decision" in the database: one value per scheme across the graph',
    ]);
    expect(problems([{ ...decision, identifiers: [sanction] }], { identifiers: new Map([[key, 'example-decision']]) })).toEqual([]);
  });

  it('refuse a label whose quotes do not contain the name, and a label without a quote', () => {
    expect(problems([{ ...authority, labels: [{ ...frenchName, name: 'Commission nationale' + ' de la vie privée' }] }])).toEqual([
      'seed/x.json:/entities/0/labels/0/name: no quote of its sources contains "Commission nationale de la vie privée": a name in another language is cited by the passage that states it',
    ]);
    expect(problems([{ ...authority, labels: [{ ...frenchName, sources: [{ document: 'decision-text' }] }] }])).toEqual([
      'seed/x.json:/entities/0/labels/0/sources/0: missing required property "quote"',
    ]);
  });
});

describe('identifier keys', () => {
  it('fold case and white space into one term, and escape it for Lucene', () => {
    expect(identifierKey('CASE_NUMBER', ' [2020]  EWCA Civ 1058 ')).toBe('CASE_NUMBER:[2020]_ewca_civ_1058');
    expect(identifierKey('CASE_NUMBER', '[2020] ewca civ 1058')).toBe(identifierKey('CASE_NUMBER', '[2020] EWCA Civ 1058'));
    expect(identifierKey('ECLI', 'x')).not.toBe(identifierKey('CASE_NUMBER', 'x'));
    expect(identifierQuery('CASE_NUMBER:PS/00120/2021')).toBe('CASE_NUMBER\\:PS\\/00120\\/2021');
    expect(identifierQuery(identifierKey('OTHER', 'a (b) [c] "d" ~e* f?'))).not.toMatch(/(^|[^\\])[()[\]"~*?:]/);
  });
});
