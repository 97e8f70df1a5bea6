/** The evidence rule on small graphs: independent lines, questions, shared bases, cycles. */
import { basedOnCycles, basisOf, contradicting, corroborating, EvidenceClaim, lineCount, propositionLines, standings, statusOf } from '../../src/domain/evidence';
import { mergeFiles, referenceProblems } from '../../src/seed/validate';

type Spec = Partial<EvidenceClaim> & { id: string };
const P = 'p';

/** A claim on proposition P (AFFIRMS, ASSERTION, its own claimant) unless told otherwise. */
function claim(s: Spec): EvidenceClaim {
  return { propositionId: P, polarity: 'AFFIRMS', kind: 'ASSERTION', claimantId: `by-${s.id}`, basedOn: [], basedOnDocuments: [], ...s };
}

function graph(...specs: Spec[]): Map<string, EvidenceClaim> {
  return new Map(specs.map((s) => [s.id, claim(s)]));
}

function linesOf(g: Map<string, EvidenceClaim>) {
  return propositionLines([...g.values()].filter((c) => c.propositionId === P), g);
}

describe('the evidence rule', () => {
  it('counts two claims with nothing in common as two lines', () => {
    expect(linesOf(graph({ id: 'a' }, { id: 'b' }))).toEqual({ affirmingLines: 2, denyingLines: 0 });
  });

  it('counts a chain once: a report, and a report of the report, rest on one claim', () => {
    const g = graph({ id: 'source' }, { id: 'report', kind: 'REPORT', basedOn: ['source'] }, { id: 'relay', kind: 'REPORT', basedOn: ['report'] });
    expect(linesOf(g).affirmingLines).toBe(1);
    expect([...basisOf('relay', g).claims].sort()).toEqual(['report', 'source']);
  });

  it('counts a diamond once: two claims on two claims that rest on one', () => {
    const g = graph(
      { id: 'root', propositionId: 'other' },
      { id: 'left', propositionId: 'other', basedOn: ['root'] },
      { id: 'right', propositionId: 'other', basedOn: ['root'] },
      { id: 'x', basedOn: ['left'] },
      { id: 'y', basedOn: ['right'] },
    );
    expect(linesOf(g).affirmingLines).toBe(1);
  });

  it('counts claims that rest on one document once, and on different documents twice', () => {
    expect(linesOf(graph({ id: 'a', basedOnDocuments: ['leak'] }, { id: 'b', basedOnDocuments: ['leak'] })).affirmingLines).toBe(1);
    expect(linesOf(graph({ id: 'a', basedOnDocuments: ['leak'] }, { id: 'b', basedOnDocuments: ['other'] })).affirmingLines).toBe(2);
  });

  it('links through a shared document reached over a basis: a claim on a claim on the document', () => {
    const g = graph({ id: 'data', propositionId: 'q', basedOnDocuments: ['leak'] }, { id: 'a', basedOn: ['data'] }, { id: 'b', basedOnDocuments: ['leak'] });
    expect(linesOf(g).affirmingLines).toBe(1);
  });

  it('never counts questions, but links through what a question rests on', () => {
    const g = graph(
      { id: 'report', kind: 'REPORT', basedOnDocuments: ['leak'] },
      { id: 'mp1', kind: 'QUESTION', basedOn: ['report'] },
      { id: 'mp2', kind: 'QUESTION', basedOn: ['report'] },
      { id: 'minister', polarity: 'DENIES' },
    );
    expect(linesOf(g)).toEqual({ affirmingLines: 1, denyingLines: 1 });
    expect(lineCount([claim({ id: 'q', kind: 'QUESTION' })], new Map())).toBe(0);
    // A claim resting on a question is one line with the claim the question rests on.
    const h = graph({ id: 'a' }, { id: 'q', kind: 'QUESTION', basedOn: ['a'] }, { id: 'b', basedOn: ['q'] });
    expect(linesOf(h).affirmingLines).toBe(1);
  });

  it('makes the headline dispute one line against one: the minister DISPUTED 1 to 1, the questions follow the lines of the others', () => {
    const g = graph(
      { id: 'buzzfeed', kind: 'REPORT', basedOnDocuments: ['leaked-data'] },
      { id: 'van-ginneken', kind: 'QUESTION', basedOn: ['buzzfeed'] },
      { id: 'bouchallikh', kind: 'QUESTION', basedOn: ['buzzfeed'] },
      { id: 'dekker', polarity: 'DENIES' },
    );
    const s = standings([...g.values()], g);
    expect(s.get('dekker')).toEqual({ support: 1, opposition: 1, status: 'DISPUTED' });
    expect(s.get('buzzfeed')).toEqual({ support: 1, opposition: 1, status: 'DISPUTED' });
    expect(s.get('van-ginneken')).toEqual({ support: 1, opposition: 1, status: 'DISPUTED' });
    expect(contradicting(g.get('dekker')!, [...g.values()]).map((c) => c.id)).toEqual(['buzzfeed']);
  });

  it('calls a claim CORROBORATED only with two independent lines on its side and none on the other', () => {
    expect(statusOf(2, 0)).toBe('CORROBORATED');
    expect(statusOf(1, 0)).toBe('UNCONTESTED');
    expect(statusOf(2, 1)).toBe('DISPUTED');
    expect(statusOf(0, 1)).toBe('UNCONTESTED'); // a lone question against one line
    const g = graph({ id: 'a' }, { id: 'b', basedOn: ['a'] });
    expect(standings([g.get('a')!], g).get('a')!.status).toBe('UNCONTESTED');
    expect(corroborating(g.get('a')!, [...g.values()]).map((c) => c.id)).toEqual(['b']);
  });

  it('finds a cycle over basedOn once, naming it in order', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(basedOnCycles(edges)).toEqual([['a', 'b', 'c', 'a']]);
    expect(basedOnCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    // The rule itself terminates on one.
    const g = graph({ id: 'a', basedOn: ['b'] }, { id: 'b', basedOn: ['a'] });
    expect(linesOf(g).affirmingLines).toBe(1);
  });

  it('refuses at seed time claims that rest on each other, naming the cycle', () => {
    const source = [{ document: 'doc', quote: 'q' }];
    const c = (id: string, basedOn: string[]) => ({ id, text: id, claimant: 'who', subjects: ['who'], proposition: 'p', polarity: 'AFFIRMS', kind: 'REPORT', basedOn, sources: source });
    const { input } = mergeFiles([
      {
        file: 'x.json',
        data: {
          documents: [{ id: 'doc', name: 'Doc', kind: 'DOCUMENT', primary: true, url: 'https://example.org' } as any],
          entities: [{ id: 'who', kind: 'PERSON', name: 'Who', sources: source }],
          propositions: [{ id: 'p', text: 'P' }],
          claims: [c('a', ['b']), c('b', ['a'])] as any,
        },
      },
    ]);
    const problems = referenceProblems(input, { entities: new Map(), propositions: new Set(), claims: new Map() });
    expect(problems.map((p) => `${p.pointer}: ${p.message}`)).toEqual(['/claims/0/basedOn: claims rest on each other in a cycle: a -> b -> a']);
    // Through a stored claim: the input's c rests on stored s, which rests on c as stored.
    const { input: one } = mergeFiles([{ file: 'y.json', data: { claims: [c('c', ['s'])] as any } }]);
    const known = { entities: new Map([['who', 'PERSON'], ['doc', 'DOCUMENT']]), propositions: new Set(['p']), claims: new Map([['s', ['c']], ['c', []]]) };
    expect(referenceProblems(one, known).map((p) => p.message)).toEqual(['claims rest on each other in a cycle: c -> s -> c']);
  });
});
