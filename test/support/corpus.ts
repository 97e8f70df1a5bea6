/**
 * Strings that look like attacks on Cypher, Lucene, HTML or a shell. Stored as names, aliases and
 * descriptions they must come back byte for byte and do nothing else: every Cypher statement
 * takes them as parameters, never as text.
 */
export const INJECTION_STRINGS: string[] = [
  "'}) DETACH DELETE n //",
  '"}) MATCH (n) DETACH DELETE n //',
  '`) CALL db.clearQueryCaches() //',
  "x' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //",
  '$rows {{id}} ${process.exit(1)}',
  "'; DROP TABLE entities; --",
  '*:* OR name:* AND ~ ^ \\ / " : [ ] { } ( ) ! ? + -',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '../../../etc/passwd',
  '{"$gt": ""}',
  'line one\nline two\r\n\ttabbed // comment',
  'nul \u0000 inside',
  'emoji 😀, right-to-left \u202e override, zero\u200bwidth',
  'Ünïcödé Ελληνικά 日本語 العربية',
];

/**
 * The complexity bypass of issue 11: a list of 500 inside a list of 500 (refused alone), plus
 * fragments F1…F`levels`, each spreading the previous one `fanOut` times, so that the estimator
 * meets more fields than it counts (10,000) and used to give up, letting the operation run.
 */
export function fragmentFanOut(levels = 5, fanOut = 7): string {
  const fragments = ['fragment F1 on Query { __typename a: __typename b: __typename c: __typename }'];
  for (let i = 2; i <= levels; i++) fragments.push(`fragment F${i} on Query { ${`...F${i - 1} `.repeat(fanOut)}}`);
  return `{ entities(first: 500) { edges { node { claimsAbout(first: 500) { edges { node { id } } } } } } ...F${levels} } ${fragments.join(' ')}`;
}
