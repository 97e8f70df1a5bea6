/**
 * `seed --check` warns about likely duplicates (issue 27), without refusing: a name, alias or
 * label of one entity equal to one of another's, one identifier value on two entities, or names
 * of one kind a letter apart. Documents, and names a curator has kept apart, are not named.
 */
import path from 'node:path';
import { likelyDuplicates } from '../../src/seed/duplicates';
import { checkPaths } from '../../src/seed/check';
import { mergeFiles } from '../../src/seed/validate';

const cite = [{ document: 'd', quote: 'q' }];
function duplicates(entities: unknown[], documents: unknown[] = []) {
  const { input } = mergeFiles([{ file: 'seed/x.json', data: { documents, entities } }]);
  return likelyDuplicates(input);
}

describe('likely duplicates', () => {
  it('names a pair that shares a name, alias or label (case and accents folded), once, with the reason', () => {
    expect(
      duplicates([
        { id: 'cnil', kind: 'REGULATOR', name: 'CNIL', sources: cite },
        { id: 'commission-nationale', kind: 'REGULATOR', name: 'Commission nationale', aliases: ['cnil'], labels: [{ language: 'fr', name: 'Commission Nationale', sources: cite }], sources: cite },
        { id: 'garante', kind: 'REGULATOR', name: 'Garante', sources: cite },
        { id: 'garante-2', kind: 'REGULATOR', name: 'Other', labels: [{ language: 'it', name: 'Garanté', sources: cite }], sources: cite },
      ]),
    ).toEqual([
      { a: 'cnil', b: 'commission-nationale', why: 'both are called "cnil"' },
      { a: 'garante', b: 'garante-2', why: 'both are called "garante"' },
    ]);
  });

  it('names two entities with one identifier value, in any scheme', () => {
    expect(
      duplicates([
        { id: 'a', kind: 'DECISION', name: 'A', identifiers: [{ scheme: 'CASE_NUMBER', value: 'SAN-2022-019', sources: cite }], sources: cite },
        { id: 'b', kind: 'DECISION', name: 'B', identifiers: [{ scheme: 'OTHER', value: 'san-2022-019', sources: cite }], sources: cite },
      ]),
    ).toEqual([{ a: 'a', b: 'b', why: 'both carry the identifier "san-2022-019"' }]);
  });

  it('names entities of one kind whose long names are a letter apart, not short names, other kinds or documents', () => {
    expect(
      duplicates(
        [
          { id: 'clearview-ai', kind: 'COMPANY', name: 'Clearview AI', sources: cite },
          { id: 'clearviw-ai', kind: 'COMPANY', name: 'Clearviw AI', sources: cite },
          { id: 'clearviw-product', kind: 'PRODUCT', name: 'Clearvie AI', sources: cite },
          { id: 'ap', kind: 'REGULATOR', name: 'AP', sources: cite },
          { id: 'at', kind: 'REGULATOR', name: 'AT', sources: cite },
          { id: 'ministry', kind: 'GOVERNMENT', name: 'Ministry of Justice and Security', sources: cite },
          { id: 'minister', kind: 'GOVERNMENT', name: 'Minister of Justice and Security', sources: cite },
        ],
        [
          { id: 'doc-1', name: 'Clearview AI', primary: true, reliability: 'HIGH', url: 'https://example.org/1' },
          { id: 'doc-2', name: 'Clearview AI', primary: true, reliability: 'HIGH', url: 'https://example.org/2' },
        ],
      ),
    ).toEqual([{ a: 'clearview-ai', b: 'clearviw-ai', why: 'their names "clearview ai" and "clearviw ai" differ by 1 letter(s)' }]);
  });

  it('warns about none in the curated seed, which checks clean', () => {
    const root = path.resolve(__dirname, '../../seed');
    const { problems, duplicates: found } = checkPaths([root], path.join(root, 'schema.json'), root);
    expect(problems).toEqual([]);
    expect(found).toEqual([]);
  });
});
