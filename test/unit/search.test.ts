import { bestMatch, luceneQuery, searchTextProblem } from '../../src/graphql/search';

describe('search text to Lucene', () => {
  it('escapes Lucene syntax so user text is only ever words', () => {
    const q = luceneQuery(`'}) DETACH DELETE n // a:b (c)`)!;
    // Only word groups remain: no quote, brace, slash or field syntax reaches Lucene.
    expect(q).not.toMatch(/['{}\/:]/);
    expect(q.match(/\(/g)!.length).toBe(6);
    expect(q).toContain('(detach^4 OR detach*^2 OR detach~1)');
  });

  it('allows one typo in a word of four letters or more, two in long words', () => {
    expect(luceneQuery('Clearviw')).toBe('(clearviw^4 OR clearviw*^2 OR clearviw~2)');
    expect(luceneQuery('CNIL')).toBe('(cnil^4 OR cnil*^2 OR cnil~1)');
    expect(luceneQuery('AP')).toBe('(ap^4 OR ap*^2)');
  });

  it('gives nothing to search for text without words', () => {
    expect(luceneQuery(' ?! ')).toBeNull();
  });

  it('names the alias that matched, folding case and accents', () => {
    expect(bestMatch('capture', ['CATCH', 'Capture', 'Catch'])).toEqual({ name: 'Capture', exact: true });
    expect(bestMatch('Datenschutzbehorde', ['DSB', 'Datenschutzbehörde'])).toEqual({ name: 'Datenschutzbehörde', exact: true });
    expect(bestMatch('Clearviw', ['Clearview AI', 'Clearview']).name).toBe('Clearview');
  });

  it('checks the length after Unicode normalisation, and the number of words', () => {
    expect(searchTextProblem('한'.repeat(60))).toBeNull();
    expect(searchTextProblem('한'.repeat(120))).toMatch(/at most 200 characters once normalised .* got 360/);
    expect(searchTextProblem('x'.repeat(201))).toMatch(/at most 200 characters/);
    expect(searchTextProblem(Array(21).fill('w').join(' '))).toMatch(/at most 20 words/);
  });

  it('matches a long word exactly and as a prefix only: no fuzzy automaton of it', () => {
    expect(luceneQuery('a'.repeat(41))).toBe(`(${'a'.repeat(41)}^4 OR ${'a'.repeat(41)}*^2)`);
  });
});
