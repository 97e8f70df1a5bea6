/** Decisions over time: status on a date, in-force spans, euros. */
import { amountInEuros, inForceSpans, OPEN_END, statusOn } from '../../src/domain/decisions';

const ico = [
  { status: 'IN_FORCE', from: '2022-05-18' },
  { status: 'UNDER_APPEAL', from: '2022-06-20' },
  { status: 'OVERTURNED', from: '2023-10-17' },
  { status: 'REMITTED', from: '2025-10-06' },
];

describe('a decision over time', () => {
  it('has the status of the last change on or before the date, UNKNOWN before the first', () => {
    expect(statusOn(ico, '2022-05-17')).toBe('UNKNOWN');
    expect(statusOn(ico, '2022-05-18')).toBe('IN_FORCE');
    expect(statusOn(ico, '2024-01-01')).toBe('OVERTURNED');
    expect(statusOn(ico, '2026-01-01')).toBe('REMITTED');
    expect(statusOn([], '2024-01-01')).toBe('UNKNOWN');
  });

  it('is in force from its first in-force change to the day before it is overturned, appeal included', () => {
    expect(inForceSpans(ico)).toEqual([{ from: '2022-05-18', to: '2023-10-16' }]);
    expect(inForceSpans([{ status: 'IN_FORCE', from: '2020-01-01' }])).toEqual([{ from: '2020-01-01', to: OPEN_END }]);
    expect(inForceSpans([{ status: 'IN_FORCE', from: '2020-01-01' }, { status: 'WITHDRAWN', from: '2021-03-01' }, { status: 'IN_FORCE', from: '2022-01-01' }])).toEqual([
      { from: '2020-01-01', to: '2021-02-28' },
      { from: '2022-01-01', to: OPEN_END },
    ]);
  });

  it('is not in force while SUSPENDED (a suspensive appeal: its orders need not be complied with), as it is UNDER_APPEAL', () => {
    const notice = [
      { status: 'IN_FORCE', from: '2022-05-18' },
      { status: 'OVERTURNED', from: '2023-10-17' },
      { status: 'SUSPENDED', from: '2025-10-06' },
    ];
    expect(statusOn(notice, '2026-01-01')).toBe('SUSPENDED');
    expect(inForceSpans(notice)).toEqual([{ from: '2022-05-18', to: '2023-10-16' }]);
    expect(inForceSpans([{ status: 'IN_FORCE', from: '2020-01-01' }, { status: 'UNDER_APPEAL', from: '2020-02-01' }])).toEqual([{ from: '2020-01-01', to: OPEN_END }]);
  });

  it('gives euros only from a stated rate, to the cent', () => {
    expect(amountInEuros(20_000_000, 'EUR', null)).toBe(20_000_000);
    expect(amountInEuros(2_500_000, 'SEK', 0.1)).toBe(250_000);
    expect(amountInEuros(7_552_800, 'GBP', null)).toBeNull();
    expect(amountInEuros(100, 'GBP', 1.18765)).toBe(118.77);
    expect(amountInEuros(null, 'EUR', null)).toBeNull();
  });
});
