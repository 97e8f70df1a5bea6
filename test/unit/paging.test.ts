import { FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { asksOnlyTotalCount, connection, keysetArgs, keysetConnection, pageArgs } from '../../src/graphql/paging';
import { decodeCursor, encodeCursor } from '../../src/graphql/cursor';
import { AppError } from '../../src/errors';

describe('cursors (src/graphql/cursor.ts)', () => {
  it('round-trips an ordering key, naming its connection and ordering', () => {
    const cursor = encodeCursor('entities', 'DATE DESC', [false, '2021-05-27', 'cnil']);
    expect(cursor).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor('after', cursor, 'entities', 'DATE DESC')).toEqual([false, '2021-05-27', 'cnil']);
  });

  it.each([
    ['of another connection', encodeCursor('changes', 'at', [1, 'x']), 'entities', 'default', /^after: is a cursor of changes, not of entities$/],
    ['of another ordering', encodeCursor('entities', 'NAME', ['a', 'a']), 'entities', 'DATE', /^after: is a cursor of entities read in another order \(NAME\)/],
    ['the old offset cursor', Buffer.from('o:2').toString('base64url'), 'entities', 'default', /^after: is not a cursor this API issued/],
    ['garbage', 'c1.!!', 'entities', 'default', /^after: is not a cursor/],
    ['a key holding an object', `c1.${Buffer.from(JSON.stringify(['entities', 'default', [{ x: 1 }]])).toString('base64url')}`, 'entities', 'default', /^after: is not a cursor/],
    ['an empty key', `c1.${Buffer.from(JSON.stringify(['entities', 'default', []])).toString('base64url')}`, 'entities', 'default', /^after: is not a cursor/],
  ] as const)('refuses a cursor %s with BAD_USER_INPUT naming the argument', (_what, cursor, connectionName, ordering, message) => {
    let err: any;
    try {
      decodeCursor('after', cursor, connectionName, ordering);
    } catch (e) {
      err = e;
    }
    expect(err?.message).toMatch(message);
    expect(err).toBeInstanceOf(AppError);
    expect({ code: err.code, ...err.details }).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('keyset pagination', () => {
  it('continues after the ordering key of the last edge', () => {
    const first = keysetArgs(2, null, 500, 'entities', 'default');
    expect(first).toEqual({ connection: 'entities', ordering: 'default', after: null, limit: 2 });
    const page = keysetConnection({ total: 5, rows: ['a', 'b'], keys: [['a', 'a'], ['b', 'b']], more: true }, first);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('entities', 'default', ['b', 'b']) });
    expect(keysetArgs(2, page.pageInfo.endCursor, 500, 'entities', 'default').after).toEqual(['b', 'b']);
  });
});

describe('pagination by position (nested connections)', () => {
  it('continues after the cursor of the last edge', () => {
    const first = pageArgs(2, null, 500, 'Entity.relationships');
    const page = connection({ total: 5, rows: ['a', 'b'] }, first);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('Entity.relationships', 'offset', [1]) });
    expect(pageArgs(2, page.pageInfo.endCursor, 500, 'Entity.relationships')).toEqual({ connection: 'Entity.relationships', skip: 2, limit: 2 });
    expect(() => pageArgs(2, page.pageInfo.endCursor, 500, 'Entity.claimsAbout')).toThrow(/^after: is a cursor of Entity.relationships, not of Entity.claimsAbout$/);
  });

  it('says there is no next page on the last one', () => {
    expect(connection({ total: 3, rows: ['c'] }, { connection: 'Entity.claimsMade', skip: 2, limit: 2 }).pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    [-1, null, /first: must be between 0 and 500/],
    [501, null, /first: must be between 0 and 500/],
    [10, 'garbage!', /after: is not a cursor/],
    [10, Buffer.from('x:12').toString('base64url'), /after: is not a cursor/],
    [10, encodeCursor('Entity.relationships', 'offset', [-3]), /after: is not a cursor/],
  ])('rejects first=%p after=%p naming the argument', (first, after, message) => {
    // Asserted outside any catch: a call that throws nothing fails here, not silently.
    let err: unknown;
    try {
      pageArgs(first as number, after as string | null, 500, 'Entity.relationships');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(message);
    expect((err as AppError).code).toBe('BAD_USER_INPUT');
    expect((err as AppError).details.argument).toMatch(/^(first|after)$/);
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
