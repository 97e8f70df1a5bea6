/**
 * Turns an analyst's search text into a Lucene query for the full-text index, and picks which
 * name or alias a hit matched. The text is escaped and passed as a parameter: it is never Cypher.
 */

import { editDistance, foldName } from '../domain/names';

const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

const fold = foldName;

/** The words of the text, escaped for Lucene. */
function terms(text: string): string[] {
  return fold(text)
    .split(/[\s\p{P}]+/u)
    .filter(Boolean)
    .map((t) => t.replace(SPECIAL, (c) => `\\${c}`));
}

/** Longest search text, counted after normalisation (which can make a character three). */
const MAX_SEARCH_CHARS = 200;
/** Most words in a search text. */
const MAX_SEARCH_TERMS = 20;
/** Longer words are matched exactly and as a prefix only: a fuzzy automaton of a long word is huge. */
const MAX_FUZZY_CHARS = 40;

/**
 * Why the text cannot be searched, or null. Checked on the normalised text that the query is
 * built from: NFKD turns one Hangul syllable into up to three letters.
 */
export function searchTextProblem(text: string): string | null {
  if (text.length > MAX_SEARCH_CHARS) return `must be at most ${MAX_SEARCH_CHARS} characters`;
  const folded = fold(text);
  if (folded.length > MAX_SEARCH_CHARS) return `must be at most ${MAX_SEARCH_CHARS} characters once normalised (Unicode NFKD), got ${folded.length}`;
  const count = terms(text).length;
  if (count > MAX_SEARCH_TERMS) return `must have at most ${MAX_SEARCH_TERMS} words, got ${count}`;
  return null;
}

/**
 * A Lucene query that matches any word exactly (boosted), as a prefix, or within one edit
 * (two for long words), so a typo or another spelling still finds the entity.
 */
export function luceneQuery(text: string): string | null {
  const words = terms(text);
  if (words.length === 0) return null;
  return words
    .map((w) => {
      const fuzzy = w.length > MAX_FUZZY_CHARS ? '' : w.length >= 8 ? '~2' : w.length >= 4 ? '~1' : '';
      return fuzzy ? `(${w}^4 OR ${w}*^2 OR ${w}${fuzzy})` : `(${w}^4 OR ${w}*^2)`;
    })
    .join(' OR ');
}

const distance = editDistance;

/** The name or alias closest to the text: equal, then prefix, then containing, then fewest edits. */
export function bestMatch(text: string, names: string[]): { name: string; exact: boolean } {
  const q = fold(text);
  const rank = (n: string): number => {
    const f = fold(n);
    if (f === q) return -3;
    if (f.startsWith(q)) return -2;
    if (f.includes(q)) return -1;
    return distance(f, q);
  };
  const best = [...names].sort((a, b) => rank(a) - rank(b))[0]!;
  return { name: best, exact: rank(best) === -3 };
}

/**
 * How alike the text is to the closest of the names, from 0 to 100: 100 where one equals it once
 * case and accents are folded, else one minus the edit distance over the longer length. What
 * reconciliation scores a candidate with (Lucene's scores are not comparable across queries).
 */
export function similarity(text: string, names: string[]): { name: string; score: number } {
  const q = fold(text);
  let best = { name: names[0] ?? '', score: 0 };
  for (const n of names) {
    const f = fold(n);
    const score = f === q ? 100 : Math.round(100 * (1 - distance(f, q) / Math.max(f.length, q.length, 1)));
    if (score > best.score) best = { name: n, score };
  }
  return best;
}
