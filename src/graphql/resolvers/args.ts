/** Argument checks shared by resolvers; every error names the argument it is about. */
import { badInput } from '../../errors';
import { RELATIONSHIP_TYPES } from '../../domain/relationships';

/** Checks an integer argument against its bounds. */
export function intInRange(name: string, value: number | null | undefined, def: number, min: number, max: number): number {
  const v = value ?? def;
  if (!Number.isInteger(v) || v < min || v > max) throw badInput(name, `must be between ${min} and ${max}, got ${value}`);
  return v;
}

/**
 * Checks relationship type names against the schema's RelationshipType enum, without
 * duplicates: a list longer than the number of known types is refused before it is read, and
 * the rest is de-duplicated, so no request can make the query wider than all the types.
 */
export function relationshipTypes(name: string, types: readonly string[] | null | undefined): string[] | null {
  if (!types) return null;
  if (types.length > RELATIONSHIP_TYPES.size) {
    throw badInput(name, `at most ${RELATIONSHIP_TYPES.size} relationship types (there are no more), got ${types.length}`);
  }
  const unknown = [...new Set(types.filter((t) => !RELATIONSHIP_TYPES.has(t)))];
  if (unknown.length > 0) throw badInput(name, `unknown relationship type(s) ${unknown.join(', ')}; see enum RelationshipType`);
  return [...new Set(types)];
}
