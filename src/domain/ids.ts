/** Ids of stored elements. */

/** An entity, proposition or claim id: a kebab-case slug (seed/schema.json's $defs/id says the same). */
const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The id of a relationship: it is identified by its ends and type. */
export function relationshipId(from: string, type: string, to: string): string {
  return `${from}:${type}:${to}`;
}
