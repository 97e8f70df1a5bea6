import { FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { asksOnlyTotalCount, connection, encodeCursor, pageArgs } from '../../src/graphql/paging';

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

describe('asksOnlyTotalCount', () => {
  /** The resolve info of the first field of a query, as graphql-js would pass it. */
  const infoOf = (query: string) => {
    const doc = parse(query);
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(
      doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
  };

  it.each([
    ['{ entities { totalCount } }', true],
    ['{ entities { __typename totalCount } }', true],
    ['{ entities { ... on EntityConnection { totalCount } } }', true],
    ['{ entities { ...T } } fragment T on EntityConnection { totalCount }', true],
    ['{ entities { totalCount pageInfo { hasNextPage } } }', false],
    ['{ entities { totalCount edges { cursor } } }', false],
    ['{ entities { ...T } } fragment T on EntityConnection { totalCount edges { cursor } }', false],
  ])('%s: %p', (query, expected) => {
    expect(asksOnlyTotalCount(infoOf(query))).toBe(expected);
  });
});
