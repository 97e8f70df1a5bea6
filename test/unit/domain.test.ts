/**
 * The one list of entity kinds (src/domain/kinds.ts) and the places that cannot import it: the
 * SDL (EntityKind enum, one object type per kind implementing Entity), seed/schema.json's kind
 * enum, and the label list the entity upsert clears. Each must say exactly what the list says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLEnumType, isObjectType } from 'graphql';
import { ENTITY_KIND_LIST, ENTITY_KINDS, ENTITY_LABELS, labelOfKind } from '../../src/domain/kinds';
import { RELATIONSHIP_TYPES } from '../../src/domain/relationships';
import { buildSchema } from '../../src/graphql/schema';
import { joinStandingChanges } from '../../src/domain/elements';

const ROOT = path.resolve(__dirname, '../..');
const schema = buildSchema();

describe('the one list of entity kinds', () => {
  it('is the schema EntityKind enum, in order', () => {
    const values = (schema.getType('EntityKind') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(values).toEqual([...ENTITY_KINDS]);
  });

  it('names a GraphQL object type implementing Entity for every kind, and the schema has no other', () => {
    for (const { typeName } of ENTITY_KIND_LIST) {
      const type = schema.getType(typeName);
      expect(isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Entity')).toBe(true);
    }
    const implementing = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Entity')).map((t) => t.name);
    expect(implementing.sort()).toEqual(ENTITY_KIND_LIST.map((k) => k.typeName).sort());
  });

  it('is the kind enum of seed/schema.json (documents have their own array, so DOCUMENT is not in it)', () => {
    const seedSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/schema.json'), 'utf8'));
    expect(seedSchema.$defs.entity.properties.kind.enum).toEqual(ENTITY_KINDS.filter((k) => k !== 'DOCUMENT'));
  });

  it('gives the labels that cypher/seed/upsert-entities.cypher clears when a kind changes', () => {
    const text = fs.readFileSync(path.join(ROOT, 'cypher/seed/upsert-entities.cypher'), 'utf8');
    const removed = /^REMOVE e:(\S+)$/m.exec(text)![1]!.split(':');
    expect(removed.sort()).toEqual([...ENTITY_LABELS].sort());
  });

  it("gives each kind's JSON-LD @type, as docs/data-out.md's table says", () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/data-out.md'), 'utf8');
    const table = doc.slice(doc.indexOf('| our kind | `@type` |'));
    const documented = new Map<string, string>();
    for (const line of table.split('\n').slice(2)) {
      if (!line.startsWith('|')) break;
      const [, kinds = '', types = ''] = line.split('|').map((c) => c.trim());
      // "PERSON / COUNTRY" pairs with "`Person` / `Country`"; "POLICY, COMPLAINT" shares one type.
      const paired = kinds.includes('/') ? types.split(' / ') : null;
      kinds.split(/[,/]/).map((k) => k.trim()).forEach((kind, i) => documented.set(kind, /`([A-Za-z]+)`/.exec(paired ? paired[i]! : types)?.[1] ?? ''));
    }
    expect(Object.fromEntries(ENTITY_KIND_LIST.map((k) => [k.kind, k.schemaType]))).toEqual(Object.fromEntries(ENTITY_KINDS.map((k) => [k, documented.get(k)])));
  });

  it('derives each label from the kind: POLITICAL_PARTY is PoliticalParty', () => {
    expect(labelOfKind('POLITICAL_PARTY')).toBe('PoliticalParty');
    expect(() => labelOfKind('SPACESHIP')).toThrow(/SPACESHIP/);
  });
});

describe('the relationship types', () => {
  it('are the schema RelationshipType enum', () => {
    const values = (schema.getType('RelationshipType') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(values.sort()).toEqual([...RELATIONSHIP_TYPES].sort());
  });

  it('are the relationship type enum of seed/schema.json', () => {
    const seedSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/schema.json'), 'utf8'));
    expect([...seedSchema.$defs.relationship.properties.type.enum].sort()).toEqual([...RELATIONSHIP_TYPES].sort());
  });
});


describe('joinStandingChanges', () => {
  it("keeps each claim's status before the first step and after the last, and drops those back where they were", () => {
    expect(
      joinStandingChanges(
        [{ claim: 'a', before: 'CORROBORATED', after: 'UNCONTESTED' }, { claim: 'b', before: 'UNCONTESTED', after: 'DISPUTED' }],
        [{ claim: 'a', before: 'UNCONTESTED', after: 'DISPUTED' }, { claim: 'b', before: 'DISPUTED', after: 'UNCONTESTED' }, { claim: 'c', before: null, after: 'UNCONTESTED' }],
      ),
    ).toEqual([{ claim: 'a', before: 'CORROBORATED', after: 'DISPUTED' }, { claim: 'c', before: null, after: 'UNCONTESTED' }]);
  });
});
