/** Issue 25 item 1: one caller cannot hold more than its share of the connection pool. */
import { PoolShare } from '../../src/db/pool-share';
import { AppError, ErrorCode } from '../../src/errors';

describe('PoolShare', () => {
  it("lets a caller hold at most its share at once, the rest waiting their turn in order, and other callers not at all", async () => {
    const pool = new PoolShare(2, 5_000);
    const order: string[] = [];
    const [a1, a2] = [await pool.acquire('a'), await pool.acquire('a')];
    const third = pool.acquire('a').then((release) => (order.push('a3'), release));
    const fourth = pool.acquire('a').then((release) => (order.push('a4'), release));
    // Another caller is not held up by a's queue.
    const b = await pool.acquire('b');
    expect([pool.heldBy('a'), pool.heldBy('b')]).toEqual([2, 1]);
    a1();
    a1(); // a second call gives back nothing more
    const a3 = await third;
    expect(order).toEqual(['a3']);
    expect(pool.heldBy('a')).toBe(2);
    a2();
    const a4 = await fourth;
    expect(order).toEqual(['a3', 'a4']);
    a3();
    a4();
    b();
    expect([pool.heldBy('a'), pool.heldBy('b')]).toEqual([0, 0]);
  });

  it('refuses a turn that does not come within its wait with RATE_LIMITED, and forgets the waiter', async () => {
    const pool = new PoolShare(1, 20);
    const held = await pool.acquire('a');
    const refused = await pool.acquire('a').then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: ErrorCode.RATE_LIMITED, message: expect.stringMatching(/^More than 1 of this caller's transactions at once \(POOL_SHARE_PER_CALLER\)/) });
    held();
    expect(pool.heldBy('a')).toBe(0);
    (await pool.acquire('a'))();
  });
});
