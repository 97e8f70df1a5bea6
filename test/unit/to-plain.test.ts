/**
 * toPlain (src/db/executor.ts): every value a result row can hold becomes plain JSON-able data,
 * along its fast path (strings, numbers, lists, maps) and its driver-type path alike.
 */
import neo4j from 'neo4j-driver';
import { toPlain } from '../../src/db/executor';

describe('toPlain', () => {
  it('keeps strings, numbers and booleans, and turns null and undefined into null', () => {
    expect([toPlain('a'), toPlain(1.5), toPlain(true), toPlain(null), toPlain(undefined)]).toEqual(['a', 1.5, true, null, null]);
  });

  it('turns integers (driver Integer and bigint) into numbers, dates into ISO text, nested in lists and maps', () => {
    const row = {
      n: neo4j.int(42),
      big: BigInt(7),
      on: new neo4j.types.Date(2021, 9, 14),
      list: [neo4j.int(1), { d: new neo4j.types.Date(2024, 5, 16) }],
      map: { inner: { count: neo4j.int(3), missing: null } },
    };
    expect(toPlain(row)).toEqual({ n: 42, big: 7, on: '2021-09-14', list: [1, { d: '2024-05-16' }], map: { inner: { count: 3, missing: null } } });
  });

  it('turns nodes and relationships into their properties', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity'], { id: 'clearview-ai', founded: new neo4j.types.Date(2017, 1, 1) }, 'e1');
    const rel = new neo4j.types.Relationship(neo4j.int(2), neo4j.int(1), neo4j.int(3), 'FILED_BY', { since: neo4j.int(2021) }, 'r2', 'e1', 'e3');
    expect(toPlain({ node, rel })).toEqual({ node: { id: 'clearview-ai', founded: '2017-01-01' }, rel: { since: 2021 } });
  });

  it('copies maps instead of sharing them, so a resolver cannot change the driver record', () => {
    const inner = { a: 1 };
    const out = toPlain({ inner });
    expect(out.inner).toEqual(inner);
    expect(out.inner).not.toBe(inner);
  });
});
