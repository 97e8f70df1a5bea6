/**
 * The planner's output, pinned as text: for each nested bench query, the plan (levels and the
 * properties each returns) and its parameters; for shapes it does not know, no plan (DataLoader per
 * level answers them). test/unit/compose.test.ts pins the statements composed from such plans.
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
  return planEntity('x', { schema, fieldNodes: [root], fragments, variableValues, operation: op }, 500);
}

const bench = (name: string) => WORKLOAD.find((q) => q.name === name)!.ours;
/** A `$page` parameter as JSON text, in its key order. */
const pg = (first: number | null, after: unknown[] | null = null, last: number | null = null, before: unknown[] | null = null) =>
  `"page":${JSON.stringify({ after, before, first, last })}`;

/** A level's arguments as JSON text, in the planner's key order. */
const lv = (types: string[] | null, direction: string, first: number | null, after: unknown[] | null = null, last: number | null = null, before: unknown[] | null = null) =>
  `{"types":${JSON.stringify(types)},"direction":"${direction}","asOf":null,${pg(first, after, last, before)}}`;

describe('planEntity', () => {
  it('plans complaints-2-levels as two relationships levels, each returning only the properties selected', () => {
    expect(JSON.stringify(plan(bench('complaints-2-levels'), { id: 'x' }))).toBe(
      `{"plan":{"entity":["id","kind","name"],"level":{"kind":"relationships","arg":0,"relationship":["id"],"other":["id","kind","name"],"below":[` +
        `{"kind":"relationships","arg":1,"relationship":["id"],"other":["id","kind","name"],"below":[]}]}},` +
        `"params":{"id":"x","levels":[${lv(['FILED_WITH'], 'IN', 20)},${lv(['FILED_BY', 'AGAINST'], 'OUT', 10)}]}}`,
    );
  });

  it('plans neighbours-2-levels with defaults filled in', () => {
    expect(JSON.stringify(plan(bench('neighbours-2-levels'), { id: 'x' })?.params)).toBe(`{"id":"x","levels":[${lv(null, 'BOTH', 20)},${lv(null, 'BOTH', 5)}]}`);
  });

  it('plans claims-with-sources as a claims level with its ends, because claimant and sources.document are asked', () => {
    expect(JSON.stringify(plan(bench('claims-with-sources'), { id: 'x' }))).toBe(
      `{"plan":{"entity":["id","kind","name"],"level":{"kind":"claims","arg":0,` +
        `"claim":["claimantId","id","madeOn","polarity","sourceDocs","sourceQuotes","sourceTranslations","text"],"ends":["id","kind","name"]}},` +
        `"params":{"id":"x","levels":[{${pg(20)}}]}}`,
    );
    const only = plan('{ entity(id: "x") { claimsAbout(first: 3) { edges { node { id text } } } } }');
    expect(only?.plan.level).toEqual({ kind: 'claims', arg: 0, claim: ['id', 'text'], ends: null });
    expect(only?.params.levels).toEqual([{ page: { after: null, before: null, first: 3, last: null } }]);
    const page = (q: string, v?: Record<string, unknown>) => (plan(q, v)?.params.levels[0] as { page: unknown }).page;
    // last alone: the schema's default first is not applied; a first written is.
    expect(page('{ entity(id: "x") { claimsAbout(last: 3) { edges { node { id } } } } }')).toEqual({ after: null, before: null, first: null, last: 3 });
    expect(page('query ($n: Int) { entity(id: "x") { claimsAbout(first: $n, last: 3) { totalCount } } }', { n: 9 })).toEqual({ after: null, before: null, first: 9, last: 3 });
    expect(page('query ($n: Int) { entity(id: "x") { claimsAbout(first: $n, last: 3) { totalCount } } }')).toEqual({ after: null, before: null, first: null, last: 3 });
  });

  it('projects, for each kind of element, what every field selected on it anywhere in the operation reads; all of it for a field it does not know', () => {
    const q = (extra: string) => plan(`{ entity(id: "x") { relationships(first: 2) { edges { node { validFrom node { id } } } } } ${extra} }`)!.plan;
    expect(q('')).toMatchObject({ entity: ['id', 'kind'], level: { relationship: ['id', 'validFrom'], other: ['id', 'kind'] } });
    // Another root field may meet the same entity: its fields count too.
    expect(q('claim(id: "c") { claimant { description } sources { verified } }')).toMatchObject({ entity: ['description', 'id', 'kind', 'textFile'] });
    expect(q('entities(first: 1) { edges { node { ... on Person { version } } } }').entity).toBe('*');
    expect(q('claim(id: "c") { kind sources { quote } }').level).toMatchObject({ relationship: ['id', 'validFrom'] });
    expect(plan('{ entity(id: "x") { relationships { edges { node { properties } } } } }')!.plan.level).toMatchObject({ relationship: '*', other: ['id', 'kind'] });
  });

  it('reads the levels below through named and inline fragments, edges.other, variables and cursors, one argument set per distinct set, to any depth', () => {
    const q = `query Q($n: Int) { entity(id: "x") { ...F } }
      fragment F on Entity { relationships(first: 2, after: "${encodeCursor('Entity.relationships', 'default', ['ISSUED', 'b', 'b', 'a'])}") { edges {
        other { ... on Person { relationships(first: $n) { totalCount } } }
        node { node { relationships(first: $n) { edges { node { node { relationships(direction: IN) { totalCount } } } } } again: relationships(last: 1, before: "${encodeCursor('Entity.relationships', 'default', ['USES', 'c', 'c', 'c'])}", direction: OUT) { totalCount } } } } } }`;
    const p = plan(q, { n: 7 })!;
    expect(JSON.stringify(p.params)).toBe(
      `{"id":"x","levels":[${lv(null, 'BOTH', 2, ['ISSUED', 'b', 'b', 'a'])},${lv(null, 'BOTH', 7)},${lv(null, 'IN', 50)},${lv(null, 'OUT', null, null, 1, ['USES', 'c', 'c', 'c'])}]}`,
    );
    const shape = (l: any): unknown => [l.arg, l.below.map(shape)];
    expect(shape(p.plan.level)).toEqual([0, [[1, [[2, []]]], [3, []]]]);
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
