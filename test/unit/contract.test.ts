/**
 * The schema keeps every promise of ../shared/api-contract-next.graphql (which holds api-contract.graphql), and documents itself; the
 * seed's copies of the shared sources are byte-exact. The only reader of ../shared (the folder
 * beside the checkout that holds the API contracts and sources): without it, these tests fail
 * saying so, and nothing else in the project needs it.
 */
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

const SHARED = path.resolve(__dirname, '../../../shared');

/** A file of ../shared; a clear failure when the folder or the file is missing. */
function sharedFile(name: string): string {
  const file = path.join(SHARED, name);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: the contract tests read the API contract and sources from the folder "shared" beside this checkout (${SHARED}); check it out there to run them`);
  }
  return fs.readFileSync(file, 'utf8');
}

describe('schema', () => {
  // The schema holds all of the next contract (issues 14, 15 and 17 built it), so it is the
  // contract now; the first contract is a part of it and is checked as well, so neither drifts.
  it.each(['api-contract-next.graphql', 'api-contract.graphql'])('contains the whole public contract of %s with its names, types and defaults', (file) => {
    const contract = buildSdl(sharedFile(file));
    expect(findBreakingChanges(contract, schema)).toEqual([]);
    // Only additions: optional arguments and input fields, never a changed default.
    expect(findDangerousChanges(contract, schema).filter((c) => c.type !== 'OPTIONAL_ARG_ADDED' && c.type !== 'OPTIONAL_INPUT_FIELD_ADDED')).toEqual([]);
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

describe('the shared sources', () => {
  it('keeps byte-exact copies of the shared sources', () => {
    const seedDir = path.resolve(__dirname, '../../seed');
    for (const f of ['clearview-dutch-police-article.txt', 'facts.md', 'primary-quotes.md']) {
      expect(fs.readFileSync(path.join(seedDir, 'sources', f), 'utf8')).toBe(sharedFile(`sources/${f}`));
    }
  });
});
