/**
 * The evidence rule on a day (standingOn): what counts as known then. A claim made before its
 * contradiction, a correction, a supersession, an undated claim, questions and joint claims.
 */
import { EvidenceClaim, exclusionOn, standingOn, standings } from '../../src/domain/evidence';

type Spec = Partial<EvidenceClaim> & { id: string };

/** A claim on proposition p (AFFIRMS, ASSERTION, its own claimant) unless told otherwise. */
function graph(...specs: Spec[]): Map<string, EvidenceClaim> {
  return new Map(specs.map((s) => [s.id, { propositionId: 'p', polarity: 'AFFIRMS', kind: 'ASSERTION', claimantId: `by-${s.id}`, basedOn: [], basedOnDocuments: [], ...s } as EvidenceClaim]));
}

/** The parts of a standing that a timeline is about. */
function brief(g: Map<string, EvidenceClaim>, id: string, asOf: string | null) {
  const s = standingOn(id, asOf, g);
  return s && { status: s.status, support: s.support, opposition: s.opposition, excluded: s.excluded.map((x) => `${x.claimId}:${x.reason}`) };
}

describe('a claim as known on a day', () => {
  // The minister denies on 28 September; the report affirming came on 25 August.
  const g = graph({ id: 'report', kind: 'REPORT', madeOn: '2021-08-25', basedOnDocuments: ['leak'] }, { id: 'minister', polarity: 'DENIES', madeOn: '2021-09-28' });

  it('stands alone before its contradiction is made, and disputed from that day', () => {
    expect(brief(g, 'report', '2021-09-01')).toEqual({ status: 'UNCONTESTED', support: 1, opposition: 0, excluded: ['minister:NOT_YET_MADE'] });
    expect(brief(g, 'report', '2021-09-28')).toEqual({ status: 'DISPUTED', support: 1, opposition: 1, excluded: [] });
  });

  it('is null on a day before it was made', () => {
    expect(standingOn('minister', '2021-09-27', g)).toBeNull();
    expect(standingOn('minister', '2021-09-28', g)).not.toBeNull();
  });

  it('without asOf is today, and equals what the seeder stores', () => {
    const today = standingOn('minister', null, g)!;
    expect(today.asOf).toBeNull();
    expect({ status: today.status, support: today.support, opposition: today.opposition }).toEqual(standings([g.get('minister')!], g).get('minister'));
  });

  it('lists the lines with this claim\'s side first, and never counts a question', () => {
    const withQuestion = new Map([...g, ...graph({ id: 'mp', kind: 'QUESTION', madeOn: '2021-08-27', basedOn: ['report'] })]);
    const s = standingOn('minister', '2021-12-31', withQuestion)!;
    expect(s.lines.map((l) => [l.polarity, l.claimIds])).toEqual([
      ['DENIES', ['minister']],
      ['AFFIRMS', ['report']],
    ]);
    expect(s.excluded).toEqual([{ claimId: 'mp', reason: 'QUESTION' }]);
  });
});

describe('a correction', () => {
  // The minister says X on 1 March; his office corrects him on 13 December.
  const g = graph(
    { id: 'statement', madeOn: '2021-03-01' },
    { id: 'other', polarity: 'DENIES', madeOn: '2021-04-01' },
    { id: 'correction', propositionId: 'q', madeOn: '2021-12-13' },
  );
  g.get('statement')!.correctedOn = '2021-12-13';

  it('counts the corrected claim until the correction, then no more on either side', () => {
    expect(brief(g, 'other', '2021-12-12')).toEqual({ status: 'DISPUTED', support: 1, opposition: 1, excluded: [] });
    expect(brief(g, 'other', '2021-12-13')).toEqual({ status: 'UNCONTESTED', support: 1, opposition: 0, excluded: ['statement:CORRECTED'] });
  });

  it('shows the corrected claim CORRECTED from that day, and today', () => {
    expect(brief(g, 'statement', '2021-12-12')!.status).toBe('DISPUTED');
    expect(brief(g, 'statement', '2021-12-13')!.status).toBe('CORRECTED');
    expect(standings([g.get('statement')!], g).get('statement')!.status).toBe('CORRECTED');
    expect(exclusionOn(g.get('statement')!, null)).toBe('CORRECTED');
  });
});

describe('a supersession', () => {
  // A tribunal holds A on 17 October 2023; the appeal court holds not-A on 6 October 2025 and sets A aside.
  const g = graph({ id: 'first', madeOn: '2023-10-17', supersededOn: '2025-10-06' }, { id: 'appeal', polarity: 'DENIES', madeOn: '2025-10-06' });

  it('is no dispute: the replaced holding stops counting the day the replacing one is made', () => {
    expect(brief(g, 'first', '2024-01-01')).toEqual({ status: 'UNCONTESTED', support: 1, opposition: 0, excluded: ['appeal:NOT_YET_MADE'] });
    expect(brief(g, 'appeal', '2025-10-06')).toEqual({ status: 'UNCONTESTED', support: 1, opposition: 0, excluded: ['first:SUPERSEDED'] });
    expect(brief(g, 'first', '2025-10-06')!.status).toBe('SUPERSEDED');
    expect(standings([...g.values()], g).get('first')!.status).toBe('SUPERSEDED');
  });

  it('gives the superseded reason before the corrected one when both apply', () => {
    expect(exclusionOn({ ...g.get('first')!, correctedOn: '2024-01-01' }, null)).toBe('SUPERSEDED');
  });
});

describe('a claim with no madeOn', () => {
  const g = graph({ id: 'undated' }, { id: 'dated', polarity: 'DENIES', madeOn: '2020-01-01' });

  it('counts on every day: nothing dates it, so nothing leaves it out', () => {
    expect(brief(g, 'undated', '1990-01-01')).toEqual({ status: 'UNCONTESTED', support: 1, opposition: 0, excluded: ['dated:NOT_YET_MADE'] });
    expect(brief(g, 'undated', '2020-01-01')!.status).toBe('DISPUTED');
  });
});

describe('lines', () => {
  it('name what joins a line and take the best reliability among the documents its claims cite', () => {
    const g = graph(
      { id: 'own', madeOn: '2021-01-01', sourceDocuments: ['press-release'] },
      { id: 'relay', kind: 'REPORT', madeOn: '2021-02-01', basedOn: ['own'], sourceDocuments: ['blog'] },
      { id: 'apart', madeOn: '2021-03-01', sourceDocuments: ['blog'] },
    );
    const reliability = new Map([['press-release', 'HIGH'], ['blog', 'LOW']] as const);
    const s = standingOn('relay', null, g, (d) => reliability.get(d as 'blog'))!;
    expect(s.status).toBe('CORROBORATED');
    expect(s.lines).toEqual([
      { polarity: 'AFFIRMS', claimIds: ['own', 'relay'], sharedBasis: { claimIds: ['own'], documentIds: [] }, reliability: 'HIGH' },
      { polarity: 'AFFIRMS', claimIds: ['apart'], sharedBasis: { claimIds: [], documentIds: [] }, reliability: 'LOW' },
    ]);
  });

  it('count a joint claim once, and a document nobody rated as LOW', () => {
    const g = graph({ id: 'joint', coClaimantIds: ['ngo-b', 'ngo-c'], sourceDocuments: ['press'] } as Spec);
    const s = standingOn('joint', null, g)!;
    expect([s.support, s.lines.length, s.lines[0]!.reliability]).toEqual([1, 1, 'LOW']);
  });
});
