/**
 * A rate limit per caller: a token bucket for each token name (or, for anonymous callers and
 * invalid tokens, each client address), holding RATE_LIMIT_PER_MINUTE requests and refilled at
 * that rate. A burst up to a minute's worth passes, so a person or a dashboard sending one request
 * at a time never meets it; a flood empties its bucket and gets 429 with Retry-After.
 */

/** The verdict on one request. */
/** A rate limiter's answer for one request. */
export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Buckets beyond this many are pruned of the full ones (callers idle for a minute or more). */
const PRUNE_AT = 10_000;

/**
 * A limiter allowing `perMinute` requests per minute per key (0: no limit).
 * @param now the clock, in ms; tests pass their own.
 */
export function rateLimiter(perMinute: number, now: () => number = Date.now): (key: string) => RateVerdict {
  if (perMinute <= 0) return () => ({ ok: true });
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key) => {
    const t = now();
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= PRUNE_AT) {
        for (const [k, v] of buckets) if (v.tokens + (t - v.at) * perMs >= perMinute) buckets.delete(k);
      }
      buckets.set(key, (b = { tokens: perMinute, at: t }));
    }
    b.tokens = Math.min(perMinute, b.tokens + (t - b.at) * perMs);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
  };
}
