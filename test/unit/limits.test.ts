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
    // Nodes selected: a selection of `truncated` alone costs one statement whatever the limit.
    expect(cost('{ subgraph(center: "x", limit: null) { nodes { id } } }')).toBe(cost('{ subgraph(center: "x", limit: 200) { nodes { id } } }'));
    expect(cost('{ subgraph(center: "x", limit: null) { nodes { id } } }')).toBeGreaterThan(cost('{ subgraph(center: "x", limit: 20) { nodes { id } } }'));
  });

  it('throws rather than answer for an operation past the fields the estimator counts', () => {
    expect(() => cost(fragmentFanOut())).toThrow(/maximum allowed number of nodes/);
  });

  it('counts the default first when the argument is left out', () => {
    expect(cost('{ entities { edges { node { id } } } }')).toBe(cost('{ entities(first: 50) { edges { node { id } } } }'));
  });

  it('counts last, alone or with first, as the page size (the default first does not apply to last alone)', () => {
    expect(cost('{ entities(last: 400) { edges { node { id } } } }')).toBe(cost('{ entities(first: 400) { edges { node { id } } } }'));
    expect(cost('query ($n: Int) { claims(first: 2, last: $n) { edges { node { id } } } }', { n: 300 })).toBe(cost('{ claims(first: 300) { edges { node { id } } } }'));
    expect(cost('{ entity(id: "x") { claimsMade(last: 7) { edges { node { id } } } } }')).toBe(cost('{ entity(id: "x") { claimsMade(first: 7) { edges { node { id } } } } }'));
  });

  it('costs a statement by the rows it can return, not by the fields selected of each row', () => {
    const few = '{ subgraph(center: "x", depth: 3, limit: 2000) { nodes { id label kind } edges { source target type } } }';
    const all = '{ subgraph(center: "x", depth: 4, limit: 2000) { nodes { id label kind distance status } edges { id source target type } truncated } }';
    // One statement, up to 2,000 nodes and (counted as many) edges.
    expect(cost(few)).toBe(4001);
    expect(cost(all)).toBe(4001);
  });

  it('does not multiply the lists that come in the same rows (a graph\'s nodes and edges, a path\'s nodes and steps)', () => {
    const nodes = cost('{ subgraph(center: "x", limit: 1000) { nodes { id } } }');
    const edges = cost('{ subgraph(center: "x", limit: 1000) { edges { id } } }');
    const both = cost('{ subgraph(center: "x", limit: 1000) { nodes { id } edges { id } } }');
    expect(both).toBe(nodes + edges - 1);
    expect(cost('{ path(from: "a", to: "b", maxHops: 10) { nodes { id } steps { type } } }')).toBe(1 + 11 * 2);
  });

  it('costs a field that loads per parent once per parent item', () => {
    // SearchHit.entity goes through a DataLoader: one row per hit; score and matched come with the hit.
    expect(cost('{ search(text: "x", first: 100) { score matched } }')).toBe(100);
    expect(cost('{ search(text: "x", first: 100) { score matched entity { id name } } }')).toBe(200);
  });

  it('prices a list inside a list by what the inner statements return for every outer row', () => {
    expect(cost('{ entities(first: 50) { edges { node { relationships(first: 20) { edges { node { type } } } } } } }')).toBe(1 + 50 * (1 + 1 + 20));
    expect(cost('{ entities(first: 500) { edges { node { relationships(first: 500) { edges { node { id } } } } } } }')).toBe(251_001);
  });

  it('counts a leaf that reads through a DataLoader (SourceRef.verified) like a loaded object', () => {
    const without = cost('{ entities(first: 10) { edges { node { sources { quote } } } } }');
    const withVerified = cost('{ entities(first: 10) { edges { node { sources { quote verified } } } } }');
    expect(withVerified - without).toBe(10 * 5);
  });
});
