import { parse } from 'graphql';
import { buildSchema } from '../../src/graphql/schema';
import { complexityOf } from '../../src/graphql/limits';
import { fragmentFanOut } from '../support/corpus';

const schema = buildSchema();
const cost = (query: string, variables: Record<string, unknown> = {}) => complexityOf(schema, parse(query), variables);

describe('operation complexity', () => {
  it('weights a list by its first argument, including from variables', () => {
    const small = cost('query ($n: Int) { entities(first: $n) { edges { node { id name } } } }', { n: 10 });
    const large = cost('query ($n: Int) { entities(first: $n) { edges { node { id name } } } }', { n: 100 });
    expect(large / small).toBeGreaterThan(9);
  });

  it('multiplies nested lists, so that fan-out costs what it may fetch', () => {
    const one = cost('{ entities(first: 20) { edges { node { id } } } }');
    const nested = cost('{ entities(first: 20) { edges { node { relationships(first: 20) { edges { node { type } } } } } } }');
    expect(nested).toBeGreaterThan(one * 15);
  });

  it('counts a null first as the default it runs with, not as one item', () => {
    const query = 'query ($n: Int) { entities(first: $n) { edges { node { relationships(first: $n) { edges { node { type } } } } } } }';
    expect(cost(query, { n: null })).toBe(cost(query, { n: 50 }));
    expect(cost('{ subgraph(center: "x", limit: null) { truncated } }')).toBe(cost('{ subgraph(center: "x", limit: 200) { truncated } }'));
  });

  it('throws rather than answer for an operation past the fields the estimator counts', () => {
    expect(() => cost(fragmentFanOut())).toThrow(/maximum allowed number of nodes/);
  });

  it('counts the default first when the argument is left out', () => {
    expect(cost('{ entities { edges { node { id } } } }')).toBe(cost('{ entities(first: 50) { edges { node { id } } } }'));
  });
});
