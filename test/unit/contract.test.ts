/** The schema keeps every promise of ../shared/api-contract.graphql, and documents itself. */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema as buildSdl,
  findBreakingChanges,
  findDangerousChanges,
  GraphQLEnumType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { buildSchema } from '../../src/graphql/schema';

const schema = buildSchema();
const contractPath = path.resolve(__dirname, '../../../shared/api-contract.graphql');

describe('schema', () => {
  it('contains the whole public contract with its names, types and defaults', () => {
    const contract = buildSdl(fs.readFileSync(contractPath, 'utf8'));
    expect(findBreakingChanges(contract, schema)).toEqual([]);
    // Only additions: optional arguments, never a changed default.
    expect(findDangerousChanges(contract, schema).filter((c) => c.type !== 'OPTIONAL_ARG_ADDED')).toEqual([]);
  });

  it('describes every type, field, argument and enum value (the GraphiQL docs are the manual)', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const f of Object.values(type.getFields())) {
          if (!f.description) missing.push(`${type.name}.${f.name}`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('lists the same relationship types in the SDL and in seed/schema.json', () => {
    const sdl = (schema.getType('RelationshipType') as GraphQLEnumType).getValues().map((v) => v.name).sort();
    const seed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../seed/schema.json'), 'utf8'));
    expect([...seed.$defs.relationship.properties.type.enum].sort()).toEqual(sdl);
  });

  it('has one object type per entity kind', () => {
    const kinds = (schema.getType('EntityKind') as GraphQLEnumType).getValues().map((v) => v.name);
    const implementations = schema.getPossibleTypes(schema.getType('Entity') as any).map((t) => t.name);
    expect(implementations).toHaveLength(kinds.length);
  });
});
