/**
 * Issue 12 item 5: which kinds each relationship type joins is one table
 * (src/domain/relationships.ts); the schema's RelationshipType enum and its descriptions say the
 * same, the curated seed obeys it, and the seed validation refuses another pair naming the file
 * and JSON pointer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLEnumType } from 'graphql';
import { ENTITY_KINDS } from '../../src/domain/kinds';
import { CLAIM_EDGE_TYPES, isRelationshipType, kindPairProblem, RELATIONSHIP_KINDS } from '../../src/domain/relationships';
import { buildSchema } from '../../src/graphql/schema';
import { mergeFiles, referenceProblems } from '../../src/seed/validate';

/** The schema's relationship types with their descriptions. */
const RELATIONSHIP_TYPES: ReadonlyMap<string, string> = new Map(
  (buildSchema().getType('RelationshipType') as GraphQLEnumType).getValues().map((v) => [v.name, v.description ?? '']),
);

const seed = (name: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../seed', name), 'utf8'));

/** The kinds a description names on one side of its arrow; "any entity" is every kind. */
function kindsIn(text: string): string[] {
  if (/any entity/i.test(text)) return [...ENTITY_KINDS].sort();
  return [...new Set(text.match(/\b[A-Z][A-Z_]+\b/g) ?? [])].filter((w) => (ENTITY_KINDS as readonly string[]).includes(w)).sort();
}

describe('the claim edge types (src/domain/relationships.ts CLAIM_EDGE_TYPES)', () => {
  it('are exactly the edge types subgraph.cypher draws beside relationships, and none is a relationship type', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../cypher/graph/subgraph.cypher'), 'utf8');
    const drawn = [...new Set([...text.matchAll(/type: '([A-Z_]+)'/g)].map((m) => m[1]!))];
    expect(drawn.sort()).toEqual([...CLAIM_EDGE_TYPES].sort());
    expect(CLAIM_EDGE_TYPES.filter(isRelationshipType)).toEqual([]);
  });

  it('are the ones the SDL describes for GraphEdge.type', () => {
    const edge = buildSchema().getType('GraphEdge') as import('graphql').GraphQLObjectType;
    const described = edge.getFields().type!.description ?? '';
    expect(CLAIM_EDGE_TYPES.filter((t) => !new RegExp(`\\b${t}\\b`).test(described))).toEqual([]);
  });
});

describe('the relationship kinds table', () => {
  it('has a rule for every relationship type of the schema, and no other', () => {
    expect(Object.keys(RELATIONSHIP_KINDS).sort()).toEqual([...RELATIONSHIP_TYPES.keys()].sort());
  });

  it.each([...RELATIONSHIP_TYPES].map(([type, description]) => [type, description]))('%s: the description names exactly the kinds of the table (%s)', (type, description) => {
    const described = description.split(';').map((rule) => {
      const [from, to] = rule.split('->');
      return { from: kindsIn(from!), to: kindsIn(to!) };
    });
    if (!isRelationshipType(type)) throw new Error(`${type} is not in the table`);
    const table = RELATIONSHIP_KINDS[type].map((r: { from: readonly string[]; to: readonly string[] }) => ({ from: [...r.from].sort(), to: [...r.to].sort() }));
    expect(described).toEqual(table);
  });

  it('allows every relationship of the curated seed (seed/relationships.json)', () => {
    const kind = new Map<string, string>();
    for (const e of seed('entities.json').entities) kind.set(e.id, e.kind);
    for (const d of seed('documents.json').documents) kind.set(d.id, 'DOCUMENT');
    const refused = (seed('relationships.json').relationships as { from: string; type: string; to: string }[])
      .map((r, i) => ({ at: `/relationships/${i}`, problem: kindPairProblem(r.type, kind.get(r.from)!, kind.get(r.to)!) }))
      .filter((r) => r.problem);
    expect(refused).toEqual([]);
  });

  it('refuses PRODUCT USES COUNTRY at the file and JSON pointer of the end to blame', () => {
    const known = { entities: new Map([['catch', 'PRODUCT'], ['netherlands', 'COUNTRY'], ['police', 'POLICE'], ['doc', 'DOCUMENT']]), propositions: new Set<string>() };
    const source = [{ document: 'doc', quote: 'a quote of five words' }];
    const { input } = mergeFiles([
      {
        file: 'edit.json',
        data: {
          relationships: [
            { from: 'police', type: 'USES', to: 'catch', sources: source },
            { from: 'catch', type: 'USES', to: 'netherlands', sources: source },
            { from: 'police', type: 'USES', to: 'netherlands', sources: source },
          ],
        },
      },
    ]);
    expect(referenceProblems(input, known)).toEqual([
      { file: 'edit.json', pointer: '/relationships/1/from', message: 'USES joins POLICE or GOVERNMENT -> PRODUCT, not PRODUCT -> COUNTRY' },
      { file: 'edit.json', pointer: '/relationships/2/to', message: 'USES joins POLICE or GOVERNMENT -> PRODUCT, not POLICE -> COUNTRY' },
    ]);
  });
});
