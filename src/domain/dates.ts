/** Calendar dates as the project writes them: YYYY-MM-DD, real days only. */

/** True for a real calendar date written YYYY-MM-DD ("2021-02-30" is false). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
