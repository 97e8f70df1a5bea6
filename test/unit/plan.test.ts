/**
 * The planner's output, pinned as text: for each nested bench query, the one statement and its
 * parameters; for shapes it does not know, no plan (DataLoader per level answers them).
 */
import { FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { encodeCursor } from '../../src/graphql/cursor';
import { buildSchema } from '../../src/graphql/schema';
import { planEntity } from '../../src/graphql/plan';
import { WORKLOAD } from '../../bench/workload';

const schema = buildSchema();

/** The planner's view of the first root field of `query` (as GraphQLResolveInfo gives it). */
function plan(query: string, variableValues: Record<string, unknown> = {}) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const root = op.selectionSet.selections[0] as FieldNode;
  return planEntity('x', { schema, fieldNodes: [root], fragments, variableValues }, 500);
}

const bench = (name: string) => WORKLOAD.find((q) => q.name === name)!.ours;
/** A `$page` parameter as JSON text, in its key order. */
const pg = (first: number | null, after: unknown[] | null = null, last: number | null = null, before: unknown[] | null = null) =>
  `"page":${JSON.stringify({ after, before, first, last })}`;

describe('planEntity', () => {
  it('plans complaints-2-levels as relationship/two-levels with one nested argument set', () => {
    expect(JSON.stringify(plan(bench('complaints-2-levels'), { id: 'x' }))).toBe(
      `{"read":"entityWithTwoLevels","params":{"id":"x","types":["FILED_WITH"],"direction":"IN","asOf":null,${pg(20)},` +
        `"nested":[{"types":["FILED_BY","AGAINST"],"direction":"OUT","asOf":null,${pg(10)}}]},` +
        `"primes":{"relationships":{"id":"x","types":["FILED_WITH"],"direction":"IN","asOf":null,${pg(20)}},` +
        `"nested":[{"types":["FILED_BY","AGAINST"],"direction":"OUT","asOf":null,${pg(10)}}]}}`,
    );
  });

  it('plans neighbours-2-levels as relationship/two-levels with defaults filled in', () => {
    expect(JSON.stringify(plan(bench('neighbours-2-levels'), { id: 'x' })?.params)).toBe(
      `{"id":"x","types":null,"direction":"BOTH","asOf":null,${pg(20)},"nested":[{"types":null,"direction":"BOTH","asOf":null,${pg(5)}}]}`,
    );
  });

  it('plans claims-with-sources as claim/about-entity-with-ends, with the ends because claimant and sources.document are asked', () => {
    expect(JSON.stringify(plan(bench('claims-with-sources'), { id: 'x' }))).toBe(
      `{"read":"entityWithClaimsAbout","params":{"id":"x",${pg(20)},"withEnds":true},"primes":{"claimsAbout":{${pg(20)}}}}`,
    );
    expect(plan('{ entity(id: "x") { claimsAbout(first: 3) { edges { node { id text } } } } }')?.params).toEqual({ id: 'x', page: { after: null, before: null, first: 3, last: null }, withEnds: false });
    // last alone: the schema's default first is not applied; a first written is.
    expect(plan('{ entity(id: "x") { claimsAbout(last: 3) { edges { node { id } } } } }')?.params.page).toEqual({ after: null, before: null, first: null, last: 3 });
    expect(plan('query ($n: Int) { entity(id: "x") { claimsAbout(first: $n, last: 3) { totalCount } } }', { n: 9 })?.params.page).toEqual({ after: null, before: null, first: 9, last: 3 });
    expect(plan('query ($n: Int) { entity(id: "x") { claimsAbout(first: $n, last: 3) { totalCount } } }')?.params.page).toEqual({ after: null, before: null, first: null, last: 3 });
  });

  it('reads the second level through named and inline fragments, edges.other, variables and cursors, one argument set per distinct set', () => {
    const q = `query Q($n: Int) { entity(id: "x") { ...F } }
      fragment F on Entity { relationships(first: 2, after: "${encodeCursor('Entity.relationships', 'default', ['ISSUED', 'b', 'b', 'a'])}") { edges {
        other { ... on Person { relationships(first: $n) { totalCount } } }
        node { node { relationships(first: $n) { totalCount } again: relationships(last: 1, before: "${encodeCursor('Entity.relationships', 'default', ['USES', 'c', 'c', 'c'])}", direction: OUT) { totalCount } } } } } }`;
    expect(JSON.stringify(plan(q, { n: 7 })?.params)).toBe(
      `{"id":"x","types":null,"direction":"BOTH","asOf":null,${pg(2, ['ISSUED', 'b', 'b', 'a'])},"nested":[` +
        `{"types":null,"direction":"BOTH","asOf":null,${pg(7)}},{"types":null,"direction":"OUT","asOf":null,${pg(null, null, 1, ['USES', 'c', 'c', 'c'])}}]}`,
    );
  });

  it('makes no plan for shapes it does not know or arguments the resolver would refuse', () => {
    expect(plan(bench('lookup'), { id: 'x' })).toBeNull();
    expect(plan('{ entity(id: "x") { a: relationships(first: 1) { totalCount } b: relationships(first: 2) { totalCount } } }')).toBeNull();
    expect(plan('{ entity(id: "x") { relationships { totalCount } claimsAbout { totalCount } } }')).toBeNull();
    expect(plan('{ entity(id: "x") { relationships(first: 501) { totalCount } } }')).toBeNull();
    expect(plan('{ entity(id: "x") { relationships(types: ["NOT_A_TYPE"]) { totalCount } } }')).toBeNull();
    expect(plan('{ entity(id: "x") { relationships { edges { other { relationships(after: "bad") { totalCount } } } } } }')).toBeNull();
    expect(plan('{ entity(id: "x") { relationships(last: -1) { totalCount } } }')).toBeNull();
    expect(plan(`{ entity(id: "x") { relationships(before: "${encodeCursor('Entity.claimsAbout', 'default', [false, '2021-01-01', 'c'])}") { totalCount } } }`)).toBeNull();
  });
});
