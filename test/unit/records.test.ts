/**
 * The resolver models built from stored properties (src/store/rows.ts): `properties` and
 * `sources` are built when first read, once, and read the same as the stored properties say.
 */
import { entityFromProps, relationshipFromProps } from '../../src/store/rows';

const STORED = {
  id: 'ico-notice',
  kind: 'DECISION',
  name: 'ICO monetary penalty notice',
  propertiesJson: '{"pages":12}',
  sourceDocs: ['ico-2022-penalty', 'bbc-2022'],
  sourceQuotes: ['a fine of £7,552,800', ''],
};

describe('entityFromProps and relationshipFromProps', () => {
  it('give properties and sources as stored, the same objects on every read', () => {
    for (const model of [entityFromProps(STORED), relationshipFromProps({ ...STORED, type: 'FINED', direction: 'OUT', otherId: 'x', fromId: 'a', toId: 'x' })]) {
      expect(model.properties).toEqual({ pages: 12 });
      expect(model.sources).toEqual([
        { documentId: 'ico-2022-penalty', quote: 'a fine of £7,552,800', translation: null },
        { documentId: 'bbc-2022', quote: null, translation: null },
      ]);
      expect(model.sources).toBe(model.sources);
      expect(model.properties).toBe(model.properties);
      expect(Object.keys(model)).toEqual(expect.arrayContaining(['properties', 'sources']));
    }
  });

  it('does not parse the stored JSON until a field reads it', () => {
    const model = entityFromProps({ ...STORED, propertiesJson: '{not json' });
    expect(model.name).toBe('ICO monetary penalty notice');
    expect(() => model.properties).toThrow(SyntaxError);
  });
});
