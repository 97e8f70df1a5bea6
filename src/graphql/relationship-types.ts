/**
 * The relationship types the graph allows, read from the schema's RelationshipType enum: the
 * schema is the one list, the seeder and the resolvers check against it.
 */
import path from 'node:path';
import { buildASTSchema, GraphQLEnumType, parse } from 'graphql';
import { loadTypeDefs } from './schema-files';

function load(): Map<string, string> {
  const doc = parse(loadTypeDefs(path.resolve(__dirname, '../../schema')).join('\n'));
  const type = buildASTSchema(doc, { assumeValidSDL: true }).getType('RelationshipType') as GraphQLEnumType;
  return new Map(type.getValues().map((v) => [v.name, v.description ?? '']));
}

/** Relationship type name to its description (from -> to kinds). */
export const RELATIONSHIP_TYPES: ReadonlyMap<string, string> = load();
