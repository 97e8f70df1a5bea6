import { connection, encodeCursor, pageArgs } from '../../src/graphql/paging';

describe('cursor pagination', () => {
  it('continues after the cursor of the last edge', () => {
    const first = pageArgs(2, null, 500);
    const page = connection({ total: 5, rows: ['a', 'b'] }, first);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(1) });
    expect(pageArgs(2, page.pageInfo.endCursor, 500)).toEqual({ skip: 2, limit: 2 });
  });

  it('says there is no next page on the last one', () => {
    expect(connection({ total: 3, rows: ['c'] }, { skip: 2, limit: 2 }).pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    [-1, null, /first: must be between 0 and 500/],
    [501, null, /first: must be between 0 and 500/],
    [10, 'garbage!', /after: is not a cursor/],
    [10, Buffer.from('x:12').toString('base64url'), /after: is not a cursor/],
  ])('rejects first=%p after=%p naming the argument', (first, after, message) => {
    expect(() => pageArgs(first as number, after as string | null, 500)).toThrow(message);
    try {
      pageArgs(first as number, after as string | null, 500);
    } catch (e: any) {
      expect(e.extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
