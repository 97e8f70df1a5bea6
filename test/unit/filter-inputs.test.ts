/**
 * The filter compiler (src/store/filters.ts) answers exactly the filter inputs of the SDL: every
 * field of EntityWhere, ClaimWhere and the scalar filters, every sort field and every group of
 * the built schema has its entry in the compiler's tables, and no table holds a name the schema
 * lacks. A field added to the SDL alone would otherwise filter nothing, silently.
 */
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLSchema } from 'graphql';
import { buildSchema } from '../../src/graphql/schema';
import { COMPILED_INPUTS } from '../../src/store/filters';

const schema = buildSchema();

/** The input fields or enum values of a type of `s`, sorted. */
export function namesInSchema(s: GraphQLSchema, typeName: string): string[] {
  const type = s.getType(typeName);
  if (type instanceof GraphQLInputObjectType) return Object.keys(type.getFields()).sort();
  if (type instanceof GraphQLEnumType) return type.getValues().map((v) => v.name).sort();
  throw new Error(`${typeName} is not an input type or enum of the schema`);
}

/** What differs between the schema's names and a table's, as messages naming the type and field. */
export function differences(typeName: string, inSchema: readonly string[], inTable: readonly string[]): string[] {
  return [
    ...inSchema.filter((n) => !inTable.includes(n)).map((n) => `${typeName}.${n} is in the SDL but not in the filter compiler's table`),
    ...inTable.filter((n) => !inSchema.includes(n)).map((n) => `${typeName}.${n} is in the filter compiler's table but not in the SDL`),
  ];
}

describe('the filter inputs of the SDL and the tables of the filter compiler', () => {
  it.each(Object.entries(COMPILED_INPUTS))('%s: the same names in both', (typeName, table) => {
    expect(differences(typeName, namesInSchema(schema, typeName), table)).toEqual([]);
  });

  it('covers every input type of the schema that filters or sorts', () => {
    const filtering = Object.values(schema.getTypeMap())
      .filter((t) => /(Where|Filter|OrderField|Group)$/.test(t.name) && (t instanceof GraphQLInputObjectType || t instanceof GraphQLEnumType))
      .map((t) => t.name)
      .sort();
    expect(filtering).toEqual(Object.keys(COMPILED_INPUTS).sort());
  });

  it('fails naming the field when the SDL has one the table lacks, and the other way round', () => {
    expect(differences('ClaimWhere', ['about', 'madeBy'], ['about', 'text'])).toEqual([
      "ClaimWhere.madeBy is in the SDL but not in the filter compiler's table",
      "ClaimWhere.text is in the filter compiler's table but not in the SDL",
    ]);
  });
});
