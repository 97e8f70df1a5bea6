/** Ids of stored elements. */

/** The id of a relationship: it is identified by its ends and type. */
export function relationshipId(from: string, type: string, to: string): string {
  return `${from}:${type}:${to}`;
}
