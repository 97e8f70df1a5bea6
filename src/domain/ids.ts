/** Ids of stored elements. */

/** The id of a relationship: it is identified by its ends and type. */
export function relationshipId(from: string, type: string, to: string): string {
  return `${from}:${type}:${to}`;
}

/**
 * The stored lookup key of an identifier: its scheme and its value with case and runs of white
 * space folded ("CASE_NUMBER:[2020]_ewca_civ_1058"). One token without white space, so a
 * full-text index with the whitespace analyzer holds it as one term and finds it exactly; the
 * same folding is the uniqueness rule (one value per scheme across the graph).
 */
export function identifierKey(scheme: string, value: string): string {
  return `${scheme}:${value.trim().toLowerCase().replace(/\s+/g, '_')}`;
}

/**
 * The Lucene query that finds one identifier key as the single term it is stored as: every
 * character the query syntax reads is escaped (the key is a value, never query syntax).
 */
export function identifierQuery(key: string): string {
  return key.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, (c) => `\\${c}`);
}
