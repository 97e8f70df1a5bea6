/**
 * How the read API answers bad input, over HTTP: unknown ids give null or an empty list, never an
 * error; invalid arguments give BAD_USER_INPUT with a message naming the argument; an unknown enum
 * value is refused before execution; and none of it hurts the server.
 */
import { gql, GqlResponse, startTestServer, TestServer } from '../support/helpers';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

async function ok(query: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await gql(server.url, query, variables);
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.data;
}

/** The first error, in a shape whose failure message shows what the server said. */
function firstError(res: GqlResponse): { code: unknown; message: string } {
  expect(res.errors).toBeDefined();
  expect(res.errors!.length).toBeGreaterThan(0);
  const e = res.errors![0]!;
  return { code: e.extensions?.code, message: e.message };
}

/** Asserts BAD_USER_INPUT whose message names the argument. */
async function expectBadUserInput(query: string, argument: string, variables?: Record<string, unknown>): Promise<GqlResponse> {
  const res = await gql(server.url, query, variables);
  expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining(argument) });
  return res;
}

describe('unknown ids', () => {
  it('gives null for an entity nobody has', async () => {
    const data = await ok('{ entity(id: "no-such-id") { id name } }');
    expect(data).toEqual({ entity: null });
  });

  it('gives null for a claim nobody has', async () => {
    const data = await ok('{ claim(id: "no-such-id") { id text } }');
    expect(data).toEqual({ claim: null });
  });

  it('gives null for a node nobody has', async () => {
    const data = await ok('{ node(id: "no-such-id") { id } }');
    expect(data).toEqual({ node: null });
  });

  it('gives null for a proposition nobody has', async () => {
    const data = await ok('{ proposition(id: "no-such-id") { id } }');
    expect(data).toEqual({ proposition: null });
  });

  it('gives a null path when either end is unknown', async () => {
    const data = await ok(`{
      fromUnknown: path(from: "no-such-id", to: "clearview-ai") { length }
      toUnknown: path(from: "clearview-ai", to: "no-such-id") { length }
    }`);
    expect(data).toEqual({ fromUnknown: null, toUnknown: null });
  });

  it('gives no claims about an unknown entity', async () => {
    const data = await ok('{ claims(about: "no-such-id") { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }');
    expect(data.claims).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('gives no contradictions about an unknown entity', async () => {
    const data = await ok('{ contradictions(about: "no-such-id") { proposition { id } } }');
    expect(data.contradictions).toEqual([]);
  });

  it('gives an empty subgraph around an unknown entity', async () => {
    const data = await ok('{ subgraph(center: "no-such-id") { nodes { id } edges { id } truncated } }');
    expect(data.subgraph.nodes).toEqual([]);
    expect(data.subgraph.edges).toEqual([]);
    expect(data.subgraph.truncated).toBe(false);
  });

  it('gives no decisions for an unknown regulator', async () => {
    const data = await ok('{ decisions(regulator: "no-such-id") { id } }');
    expect(data.decisions).toEqual([]);
  });
});

describe('invalid arguments', () => {
  it('rejects first: -1 on entities, naming first', async () => {
    const res = await expectBadUserInput('{ entities(first: -1) { totalCount } }', 'first');
    expect(res.data?.entities ?? null).toBeNull();
  });

  it('rejects first: 100000 on entities, naming first', async () => {
    await expectBadUserInput('{ entities(first: 100000) { totalCount } }', 'first');
  });

  it('rejects a cursor it did not issue (after: "garbage") on entities, naming after', async () => {
    await expectBadUserInput('{ entities(after: "garbage") { totalCount } }', 'after');
  });

  it('rejects a cursor it did not issue (after: "garbage") on claims, naming after', async () => {
    await expectBadUserInput('{ claims(after: "garbage") { totalCount } }', 'after');
  });

  it('rejects a malformed date (asOf: "2021-13-45") on subgraph, naming asOf', async () => {
    await expectBadUserInput('{ subgraph(center: "clearview-ai", asOf: "2021-13-45") { truncated } }', 'asOf');
  });

  it('rejects a malformed date (asOf: "2021-13-45") on relationships, naming asOf', async () => {
    await expectBadUserInput('{ entity(id: "sander-dekker") { relationships(asOf: "2021-13-45") { totalCount } } }', 'asOf');
  });

  it('rejects a malformed date passed in a variable with BAD_USER_INPUT', async () => {
    const res = await gql(server.url, 'query($when: Date) { subgraph(center: "clearview-ai", asOf: $when) { truncated } }', {
      when: '2021-13-45',
    });
    expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining('2021-13-45') });
  });

  it('rejects depth: 9 on subgraph, naming depth', async () => {
    await expectBadUserInput('{ subgraph(center: "clearview-ai", depth: 9) { truncated } }', 'depth');
  });

  it('rejects maxHops: 50 on path, naming maxHops', async () => {
    await expectBadUserInput('{ path(from: "sander-dekker", to: "catch", maxHops: 50) { length } }', 'maxHops');
  });

  it('rejects an unknown relationship type (types: ["NOT_A_TYPE"]), naming types', async () => {
    const res = await expectBadUserInput('{ entity(id: "sander-dekker") { relationships(types: ["NOT_A_TYPE"]) { totalCount } } }', 'types');
    expect(res.errors![0]!.message).toContain('NOT_A_TYPE');
  });

  it('refuses an unknown enum value (kind: NOT_A_KIND) with status 400', async () => {
    const res = await gql(server.url, '{ entities(kind: NOT_A_KIND) { totalCount } }');
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toBeDefined();
    expect(res.errors!.some((e) => e.message.includes('NOT_A_KIND'))).toBe(true);
  });
});

describe('after all of that', () => {
  it('still answers a plain question', async () => {
    const data = await ok('{ entity(id: "clearview-ai") { name } }');
    expect(data).toEqual({ entity: { name: 'Clearview AI' } });
  });
});
