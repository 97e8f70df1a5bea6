/**
 * The serving state (src/lifecycle.ts): the moves start-up, Neo4j's supervision and a shutdown
 * make, and the refusal of every other move.
 */
import { Lifecycle, LifecycleState } from '../../src/lifecycle';

const STATES: LifecycleState[] = ['initialized', 'starting', 'ready', 'degraded', 'draining', 'stopped'];
/** The legal moves, written out again here: a change to the table must change this test too. */
const LEGAL = new Set(['initialized>starting', 'starting>ready', 'starting>draining', 'ready>degraded', 'ready>draining', 'degraded>ready', 'degraded>draining', 'draining>stopped']);

/** A lifecycle brought to `state` by legal moves. */
function at(state: LifecycleState): Lifecycle {
  const path: Record<LifecycleState, LifecycleState[]> = {
    initialized: [],
    starting: ['starting'],
    ready: ['starting', 'ready'],
    degraded: ['starting', 'ready', 'degraded'],
    draining: ['starting', 'draining'],
    stopped: ['starting', 'draining', 'stopped'],
  };
  const l = new Lifecycle();
  for (const s of path[state]) l.to(s);
  return l;
}

describe('the lifecycle', () => {
  it('starts initialized, not serving, its signal not aborted', () => {
    const l = new Lifecycle();
    expect(l.state).toBe('initialized');
    expect(l.serving).toBe(false);
    expect(l.signal.aborted).toBe(false);
  });

  it('goes starting → ready ⇄ degraded → draining → stopped, serving only while ready or degraded', () => {
    const l = new Lifecycle();
    const seen: [LifecycleState, boolean][] = [];
    for (const s of ['starting', 'ready', 'degraded', 'ready', 'draining', 'stopped'] as const) {
      l.to(s);
      seen.push([l.state, l.serving]);
    }
    expect(seen).toEqual([
      ['starting', false],
      ['ready', true],
      ['degraded', true],
      ['ready', true],
      ['draining', false],
      ['stopped', false],
    ]);
  });

  it('aborts its signal when draining begins, and not before', () => {
    const l = at('ready');
    expect(l.signal.aborted).toBe(false);
    l.to('draining');
    expect(l.signal.aborted).toBe(true);
  });

  it.each(STATES.flatMap((from) => STATES.map((to) => [from, to] as const)))('%s → %s is legal only if the table says so', (from, to) => {
    const l = at(from);
    const legal = LEGAL.has(`${from}>${to}`);
    expect(l.may(to)).toBe(legal);
    if (legal) {
      l.to(to);
      expect(l.state).toBe(to);
    } else {
      expect(() => l.to(to)).toThrow(`lifecycle: ${from} → ${to} is not a legal move`);
      expect(l.state).toBe(from);
    }
  });

  it('never serves again once draining: a late restart of Neo4j cannot make a stopping server ready', () => {
    const l = at('draining');
    expect(() => l.to('ready')).toThrow(/draining → ready/);
    expect(l.serving).toBe(false);
  });
});
