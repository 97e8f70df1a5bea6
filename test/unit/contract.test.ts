/**
 * The schema keeps every promise of ../shared/api-contract.graphql, and documents itself; the
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

/** A field of the schema keeps a contract field when the type is the same and every contract argument is there unchanged. */
function sameField(wanted: string, have: string): boolean {
  const parse = (s: string) => {
    const m = /^(\w+)\((.*)\): (.*)$/.exec(s)!;
    return { args: m[2] ? m[2].split(', ') : [], type: m[3] };
  };
  const w = parse(wanted);
  const h = parse(have);
  return w.type === h.type && w.args.every((a) => h.args.includes(a));
}
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
  it('contains the whole public contract with its names, types and defaults', () => {
    const contract = buildSdl(sharedFile('api-contract.graphql'));
    expect(findBreakingChanges(contract, schema)).toEqual([]);
    // Only additions: optional arguments and input fields, never a changed default.
    expect(findDangerousChanges(contract, schema).filter((c) => c.type !== 'OPTIONAL_ARG_ADDED' && c.type !== 'OPTIONAL_INPUT_FIELD_ADDED')).toEqual([]);
  });

  it('holds every type and field of the evidence and filter parts of the next contract, with the same types, arguments and defaults', () => {
    const next = buildSdl(sharedFile('api-contract-next.graphql'));
    // The evidence part (issue 14); '*' is every field or value of the type.
    const part: Record<string, string[] | '*'> = {
      ClaimKind: '*',
      Claim: ['kind', 'status', 'contradictedBy', 'corroboratedBy', 'basedOn', 'basedOnDocuments', 'support', 'opposition', 'qualifiedBy', 'qualifies'],
      Contradiction: '*',
      Rank: '*',
      SourcedValue: '*',
      MeasureKind: '*',
      DecisionStatus: '*',
      DecisionStatusChange: '*',
      Decision: '*',
      Document: ['retrievedOn', 'primary', 'heldText'],
      SourceRef: '*',
      Query: ['sourcedValues', 'contradictions', 'entities', 'claims', 'decisionStats', 'claimStats'],
      // The filters, sorting and grouped totals (issue 15).
      ...Object.fromEntries(
        ['StringFilter', 'DateFilter', 'FloatFilter', 'RelatedFilter', 'EntityWhere', 'EntityOrderField', 'SortDirection', 'EntityOrder', 'ClaimWhere', 'ClaimOrderField', 'ClaimOrder', 'DecisionGroup', 'DecisionStats', 'ClaimGroup', 'GroupCount'].map(
          (t) => [t, '*' as const],
        ),
      ),
      SourceRefInput: '*',
      ClaimInput: '*',
    };
    const describe = (type: any, names: string[] | '*'): string[] => {
      if (!type) return ['(missing type)'];
      if (isEnumType(type)) return type.getValues().map((v) => v.name).sort();
      const fields = type.getFields();
      return (names === '*' ? Object.keys(fields) : names).map((n) => {
        const f = fields[n];
        if (!f) return `${n}: (missing)`;
        const args = (f.args ?? []).map((a: any) => `${a.name}: ${a.type}${a.defaultValue === undefined ? '' : ` = ${JSON.stringify(a.defaultValue)}`}`);
        const dflt = 'defaultValue' in f && f.defaultValue !== undefined ? ` = ${JSON.stringify(f.defaultValue)}` : '';
        return `${n}(${args.join(', ')}): ${f.type}${dflt}`;
      });
    };
    const mismatched: string[] = [];
    for (const [name, names] of Object.entries(part)) {
      const wanted = describe(next.getType(name), names);
      const have = describe(schema.getType(name), isEnumType(next.getType(name)) ? '*' : names === '*' ? Object.keys((next.getType(name) as any).getFields()) : names);
      for (const w of wanted) {
        const h = have.find((x) => x.split(/[(:]/)[0] === w.split(/[(:]/)[0]);
        if (!h || !(h === w || sameField(w, h))) mismatched.push(`${name}.${w} (schema: ${h ?? 'none'})`);
      }
    }
    expect(mismatched).toEqual([]);
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
