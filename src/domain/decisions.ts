/**
 * Decisions over time: the status on a date, the spans in which a decision is in force (which is
 * when its effects hold), and the amount in euros. Pure functions over the curated record, used
 * when the record is stored (in-force spans, amountEur) and when it is read (status on asOf).
 */

/** A status a change can set (UNKNOWN is only ever derived). */
export type DecisionStatus = 'IN_FORCE' | 'UNDER_APPEAL' | 'SUSPENDED' | 'OVERTURNED' | 'REMITTED' | 'WITHDRAWN' | 'FINAL' | 'UNKNOWN';

/** What the rules need of one change of status. */
interface StatusChange {
  status: string;
  from: string;
}

/** The statuses in which a decision is in force: its effects hold (not SUSPENDED: a suspensive appeal stops them). */
const IN_FORCE_STATUSES: ReadonlySet<string> = new Set(['IN_FORCE', 'UNDER_APPEAL', 'FINAL']);

/**
 * Relationship types that are effects of the decision they start at: valid, on a date, only while
 * that decision (when it has a status history) is in force. The one list of them.
 */
export const EFFECT_TYPES: readonly string[] = ['PROHIBITS', 'RESTRICTS'];

/** The last day that is still open: the end of an in-force span that has not ended. */
export const OPEN_END = '9999-12-31';

/** Status on `asOf` (YYYY-MM-DD): that of the last change from on or before it; UNKNOWN before the first or with none. */
export function statusOn(history: readonly StatusChange[], asOf: string): DecisionStatus {
  let status: DecisionStatus = 'UNKNOWN';
  for (const change of history) if (change.from <= asOf) status = change.status as DecisionStatus;
  return status;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The spans (first and last day, inclusive) in which the decision is in force, in order; the last
 * may end at OPEN_END. Consecutive in-force statuses make one span.
 */
export function inForceSpans(history: readonly StatusChange[]): { from: string; to: string }[] {
  const spans: { from: string; to: string }[] = [];
  history.forEach((change, i) => {
    if (!IN_FORCE_STATUSES.has(change.status)) return;
    const to = i + 1 < history.length ? dayBefore(history[i + 1]!.from) : OPEN_END;
    const last = spans[spans.length - 1];
    if (last && last.to === dayBefore(change.from)) last.to = to;
    else spans.push({ from: change.from, to });
  });
  return spans;
}

/**
 * The amount in euros: the amount itself in EUR; amount × rate (to the cent) otherwise; null
 * without an amount, or without a stated rate for another currency. Never a guessed rate.
 */
export function amountInEuros(amount: number | null | undefined, currency: string | null | undefined, rate: number | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  if (currency === 'EUR') return amount;
  if (rate === null || rate === undefined) return null;
  return Math.round(amount * rate * 100) / 100;
}

/** Today as YYYY-MM-DD (UTC): the default asOf. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
