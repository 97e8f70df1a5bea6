import { rateLimiter } from '../../src/http/rate-limit';

describe('the rate limit', () => {
  it('lets a minute of requests through at once, then refuses with the seconds until the next', () => {
    let now = 0;
    const allow = rateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(allow('a')).toEqual({ ok: true });
    expect(allow('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(allow('a')).toEqual({ ok: true });
    expect(allow('a').ok).toBe(false);
  });

  it('keeps one bucket per caller', () => {
    const allow = rateLimiter(1, () => 0);
    expect(allow('a').ok).toBe(true);
    expect(allow('a')).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(allow('b').ok).toBe(true);
  });

  it('never refuses one request at a time at the default of 1200 a minute paced at 20 a second', () => {
    let now = 0;
    const allow = rateLimiter(1200, () => now);
    for (let i = 0; i < 10_000; i++, now += 50) expect(allow('a').ok).toBe(true);
  });

  it('is off at 0', () => {
    const allow = rateLimiter(0, () => 0);
    for (let i = 0; i < 1000; i++) expect(allow('a').ok).toBe(true);
  });
});
