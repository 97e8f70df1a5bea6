import { FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { asksOnlyTotalCount, countOnly, keysetArgs, keysetConnection, pageRequest } from '../../src/graphql/paging';
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
  it('continues after the ordering key of the last edge, and back before the key of the first', () => {
    const first = keysetArgs({ first: 2 }, 500, 'entities', 'default');
    expect(first).toEqual({ connection: 'entities', ordering: 'default', page: { after: null, before: null, first: 2, last: null } });
    const page = keysetConnection({ total: 5, rows: ['a', 'b'], keys: [['a', 'a'], ['b', 'b']], hasNext: true, hasPrevious: false }, first);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor('entities', 'default', ['a', 'a']),
      endCursor: encodeCursor('entities', 'default', ['b', 'b']),
    });
    expect(keysetArgs({ first: 2, after: page.pageInfo.endCursor }, 500, 'entities', 'default').page.after).toEqual(['b', 'b']);
    expect(keysetArgs({ last: 2, before: page.pageInfo.startCursor }, 500, 'entities', 'default').page).toEqual({ after: null, before: ['a', 'a'], first: null, last: 2 });
    expect(() => keysetArgs({ first: 2, after: page.pageInfo.endCursor }, 500, 'Entity.claimsAbout', 'default')).toThrow(/^after: is a cursor of entities, not of Entity.claimsAbout$/);
  });

  it('takes first as 50 only when neither first nor last is given, and keeps both when both are', () => {
    expect(keysetArgs({}, 500, 'claims', 'default').page).toMatchObject({ first: 50, last: null });
    expect(keysetArgs({ first: null, last: null }, 500, 'claims', 'default').page).toMatchObject({ first: 50, last: null });
    expect(keysetArgs({ last: 3 }, 500, 'claims', 'default').page).toMatchObject({ first: null, last: 3 });
    expect(keysetArgs({ first: 10, last: 3 }, 500, 'claims', 'default').page).toMatchObject({ first: 10, last: 3 });
  });

  it('has empty cursors on an empty page', () => {
    const page = keysetConnection(countOnly(0), keysetArgs({ last: 0 }, 500, 'auditLog', 'at DESC'));
    expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it.each([
    [{ first: -1 }, 'first', /first: must be between 0 and 500/],
    [{ first: 501 }, 'first', /first: must be between 0 and 500/],
    [{ last: -1 }, 'last', /last: must be between 0 and 500/],
    [{ last: 501 }, 'last', /last: must be between 0 and 500/],
    [{ after: 'garbage!' }, 'after', /after: is not a cursor/],
    [{ before: Buffer.from('x:12').toString('base64url') }, 'before', /before: is not a cursor/],
    [{ before: encodeCursor('Entity.relationships', 'default', ['a', 'b', 'c', 'd']) }, 'before', /before: is a cursor of Entity.relationships, not of Entity.claimsMade/],
    [{ after: encodeCursor('Entity.claimsMade', 'offset', [3]) }, 'after', /after: is a cursor of Entity.claimsMade read in another order \(offset\)/],
  ] as const)('rejects %p with BAD_USER_INPUT naming %s', (req, argument, message) => {
    let err: unknown;
    try {
      keysetArgs(req, 500, 'Entity.claimsMade', 'default');
    } catch (e) {
      err = e;
    }
    // Asserted outside any catch: a call that throws nothing fails here, not silently.
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(message);
    expect((err as AppError).code).toBe('BAD_USER_INPUT');
    expect((err as AppError).details.argument).toBe(argument);
  });
});

describe('pageRequest', () => {
  const fieldOf = (query: string) => (parse(query).definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
  it('drops the schema default of first when last is given and first is not written (or its variable not given)', () => {
    const args = { first: 50, last: 3 };
    expect(pageRequest(args, { fieldNodes: [fieldOf('{ claims(last: 3) { totalCount } }')], variableValues: {} })).toEqual({ first: null, last: 3 });
    expect(pageRequest(args, { fieldNodes: [fieldOf('{ claims(first: 50, last: 3) { totalCount } }')], variableValues: {} })).toEqual(args);
    const withVariable = fieldOf('query ($n: Int) { claims(first: $n, last: 3) { totalCount } }');
    expect(pageRequest(args, { fieldNodes: [withVariable], variableValues: {} })).toEqual({ first: null, last: 3 });
    expect(pageRequest(args, { fieldNodes: [withVariable], variableValues: { n: 50 } })).toEqual(args);
    expect(pageRequest({ first: 50 }, { fieldNodes: [fieldOf('{ claims { totalCount } }')], variableValues: {} })).toEqual({ first: 50 });
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
