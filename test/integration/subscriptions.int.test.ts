/**
 * Subscription.changes through the clients users run: graphql-ws's and graphql-sse's own clients,
 * over the real server and Neo4j. Every committed write arrives once, in commit order; a cursor
 * (from an event or from Query.changes) resumes without a gap, after a dropped connection and
 * across a server restart; a write through one replica reaches a subscriber of another; the limits,
 * tokens and rate limits of queries hold; a subscriber that stops reading is dropped, not buffered.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { createClient as createWsClient, Client as WsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import { ApolloClient, HttpLink, InMemoryCache, gql as tag, split } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { gql, startTestServer, TestServer } from '../support/helpers';

const CURATOR = 'curator-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdefgh';
const TOKENS = `ada:curator:${CURATOR},rob:reader:${READER}`;
// Writes here are the means, not what is tested: a loaded machine must not time them out.
const ENV = { API_TOKENS: TOKENS, QUERY_TIMEOUT_MS: '60000' };
const curator = { authorization: `Bearer ${CURATOR}` };
const QUOTE = 'Hoe verklaart u dat volgens nieuw onderzoek op basis van interne data van Clearview AI blijkt dat de Nationale Politie tussen de 51 en 100 keer gebruik heeft gemaakt van Clearview AI?';
const SOURCES = [{ documentId: 'ah-tk-20212022-105', quote: QUOTE }];
const DEKKER = 'dekker-not-implemented-operationally';

const CHANGES = `subscription Changes($after: String, $ids: [ID!]) {
  changes(after: $after, entityIds: $ids) { cursor at operation entityIds standingChanges { claim { id status } before after } }
}`;

/** What a subscription received, polled with a deadline. */
class Feed {
  events: any[] = [];
  errors: unknown[] = [];
  completed = false;

  async until(ok: () => boolean, what: string, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${this.events.length} events, errors ${JSON.stringify(this.errors)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  count(n: number) {
    return this.until(() => this.events.length >= n, `${n} events`);
  }

  get ids(): string[][] {
    return this.events.map((e) => e.entityIds);
  }
}

function wsClient(t: TestServer, params: Record<string, unknown> = {}, extra: Partial<Parameters<typeof createWsClient>[0]> = {}): WsClient {
  return createWsClient({ url: `${t.base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0, ...extra });
}

function wsSubscribe(client: WsClient, variables: Record<string, unknown> = {}, query = CHANGES): { feed: Feed; stop: () => void } {
  const feed = new Feed();
  const stop = client.subscribe(
    { query, variables },
    {
      next: (r: any) => (r.errors ? feed.errors.push(r.errors) : feed.events.push(r.data.changes)),
      error: (e) => feed.errors.push(e),
      complete: () => (feed.completed = true),
    },
  );
  return { feed, stop };
}

function sseSubscribe(t: TestServer, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): { feed: Feed; stop: () => void; dispose: () => void } {
  const client = createSseClient({ url: `${t.base}/graphql/stream`, headers, retryAttempts: 0 });
  const feed = new Feed();
  const stop = client.subscribe(
    { query: CHANGES, variables },
    {
      next: (r: any) => (r.errors ? feed.errors.push(r.errors) : feed.events.push(r.data.changes)),
      error: (e) => feed.errors.push(e),
      complete: () => (feed.completed = true),
    },
  );
  return { feed, stop, dispose: () => client.dispose() };
}

async function upsertEntity(t: TestServer, id: string, name = `Subscription test ${id}`): Promise<void> {
  const res = await gql(t.url, `mutation E($input: EntityInput!) { upsertEntity(input: $input) { id } }`, { input: { id, kind: 'COMPANY', name, sources: SOURCES } }, curator);
  expect(res.errors).toBeUndefined();
}

/** The subscriber's connection is up and its backlog read: one write it must see, then ready. */
async function primed(t: TestServer, feed: Feed, id: string): Promise<void> {
  await upsertEntity(t, id);
  await feed.until(() => feed.ids.some((ids) => ids.includes(id)), `the priming write ${id}`);
}

/**
 * A claim by `claimant` that the police used Clearview, resting on a document of its own: a second
 * line against the minister's denial, whose status goes from UNCONTESTED to DISPUTED.
 */
async function contradictDekker(id: string, claimant: string): Promise<void> {
  const input = {
    id,
    text: 'Test claim: the police used Clearview.',
    claimantId: claimant,
    subjectIds: ['dutch-national-police'],
    propositionId: 'dutch-police-used-clearview',
    polarity: 'AFFIRMS',
    kind: 'ASSERTION',
    basedOnDocumentIds: ['ah-tk-20212022-105'],
    sources: SOURCES,
  };
  const res = await gql(t.url, `mutation C($input: ClaimInput!) { upsertClaim(input: $input) { id } }`, { input }, curator);
  expect(res.errors).toBeUndefined();
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ ...ENV });
});
afterAll(async () => {
  await t?.close();
});

describe('graphql-ws on /graphql', () => {
  it('delivers every committed write once, in commit order, concurrent ones too', async () => {
    const client = wsClient(t);
    const { feed, stop } = wsSubscribe(client, { ids: ['sub-order-0', ...Array.from({ length: 12 }, (_, i) => `sub-order-${i + 1}`)] });
    try {
      await primed(t, feed, 'sub-order-0');
      await Promise.all(Array.from({ length: 12 }, (_, i) => upsertEntity(t, `sub-order-${i + 1}`)));
      await feed.count(13);
      const seen = feed.ids.flat().filter((id) => id.startsWith('sub-order-'));
      expect(new Set(seen).size).toBe(13);
      expect(feed.events.every((e) => e.operation === 'upsertEntity')).toBe(true);
      // The feed's order is commit order, and Query.changes reads the same order with the same cursors.
      const since = feed.events[0].at;
      const page = await gql(t.url, `query Q($since: String!) { changes(since: $since, first: 100) { edges { cursor node { entityIds } } } }`, { since });
      const feedOrder = page.data.changes.edges.map((e: any) => e.cursor).filter((c: string) => feed.events.some((ev) => ev.cursor === c));
      expect(feedOrder).toEqual(feed.events.map((e) => e.cursor));
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('lists the claims whose status a write changed, those it never touched too', async () => {
    const client = wsClient(t);
    const { feed, stop } = wsSubscribe(client, { ids: ['sub-claimant', 'sub-contradicting-claim', DEKKER] });
    try {
      await primed(t, feed, 'sub-claimant');
      // A second line against the minister's denial: his claim goes from UNCONTESTED to DISPUTED.
      await contradictDekker('sub-contradicting-claim', 'sub-claimant');
      await feed.until(() => feed.events.some((e) => e.operation === 'upsertClaim'), 'the claim event');
      const event = feed.events.find((e) => e.operation === 'upsertClaim');
      expect(event.entityIds).toContain(DEKKER);
      expect(event.standingChanges).toEqual(
        expect.arrayContaining([
          { claim: { id: DEKKER, status: 'DISPUTED' }, before: 'UNCONTESTED', after: 'DISPUTED' },
          { claim: { id: 'sub-contradicting-claim', status: 'DISPUTED' }, before: null, after: 'DISPUTED' },
        ]),
      );
      // Deleting the claimant deletes its claim: the minister's claim is uncontested again.
      expect((await gql(t.url, 'mutation { deleteEntity(id: "sub-claimant") }', {}, curator)).data?.deleteEntity).toBe(true);
      await feed.until(() => feed.events.some((e) => e.operation === 'deleteEntity'), 'the delete event');
      const undone = feed.events.find((e) => e.operation === 'deleteEntity').standingChanges;
      expect(undone).toContainEqual({ claim: { id: DEKKER, status: 'UNCONTESTED' }, before: 'DISPUTED', after: 'UNCONTESTED' });
      expect(undone.every((c: any) => c.before === 'DISPUTED' && c.after === 'UNCONTESTED')).toBe(true);
      // The change feed serves the same standing changes.
      const audit = await gql(t.url, `query Q($since: String!) { changes(since: $since, first: 100) { edges { node { operation standingChanges { claim { id } before after } } } } }`, { since: feed.events[0].at });
      const deleted = audit.data.changes.edges.map((e: any) => e.node).find((n: any) => n.operation === 'deleteEntity');
      expect(deleted.standingChanges).toEqual(undone.map((c: any) => ({ claim: { id: c.claim.id }, before: c.before, after: c.after })));
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('resumes after a dropped connection from the last cursor: the missed events first, none twice, then the live ones', async () => {
    const first = wsClient(t);
    const a = wsSubscribe(first, { ids: ['sub-resume-1', 'sub-resume-2', 'sub-resume-3', 'sub-resume-4'] });
    await primed(t, a.feed, 'sub-resume-1');
    const cursor = a.feed.events[a.feed.events.length - 1].cursor;
    a.stop();
    await first.dispose();
    await upsertEntity(t, 'sub-resume-2');
    await upsertEntity(t, 'sub-resume-3');
    const second = wsClient(t);
    const b = wsSubscribe(second, { after: cursor, ids: ['sub-resume-1', 'sub-resume-2', 'sub-resume-3', 'sub-resume-4'] });
    try {
      await b.feed.count(2);
      await upsertEntity(t, 'sub-resume-4');
      await b.feed.count(3);
      expect(b.feed.ids).toEqual([['sub-resume-2'], ['sub-resume-3'], ['sub-resume-4']]);
      // A cursor of Query.changes resumes too, and an event's cursor pages Query.changes.
      const page = await gql(t.url, `query Q($since: String!, $after: String) { changes(since: $since, first: 1, after: $after) { edges { cursor node { entityIds } } } }`, {
        since: a.feed.events[0].at,
        after: cursor,
      });
      expect(page.errors).toBeUndefined();
      expect(page.data.changes.edges[0].node.entityIds).toEqual(['sub-resume-2']);
      const third = wsSubscribe(second, { after: page.data.changes.edges[0].cursor, ids: ['sub-resume-3', 'sub-resume-4'] });
      await third.feed.count(2);
      expect(third.feed.ids).toEqual([['sub-resume-3'], ['sub-resume-4']]);
      third.stop();
    } finally {
      b.stop();
      await second.dispose();
    }
  });

  it('refuses a cursor it did not issue, naming the argument', async () => {
    const client = wsClient(t);
    const { feed, stop } = wsSubscribe(client, { after: 'c1.bm9wZQ' });
    try {
      await feed.until(() => feed.errors.length > 0, 'the refusal');
      expect(JSON.stringify(feed.errors[0])).toMatch(/after: is not a cursor this API issued/);
      expect(JSON.stringify(feed.errors[0])).toMatch(/BAD_USER_INPUT/);
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('holds a subscription to the limits of queries', async () => {
    const client = wsClient(t);
    try {
      const deep = wsSubscribe(client, {}, `subscription { changes { standingChanges { claim { proposition { claims { proposition { claims { proposition { claims { proposition { claims { proposition { claims { id } } } } } } } } } } } } } }`);
      await deep.feed.until(() => deep.feed.errors.length > 0, 'the depth refusal');
      expect(JSON.stringify(deep.feed.errors[0])).toMatch(/QUERY_TOO_COMPLEX|depth/i);
      const query = wsSubscribe(client, {}, `query { entity(id: "cnil") { id } }`);
      await query.feed.until(() => query.feed.errors.length > 0, 'the query refusal');
      expect(JSON.stringify(query.feed.errors[0])).toMatch(/Only subscriptions are served here/);
    } finally {
      await client.dispose();
    }
  });
});

describe('graphql-sse on /graphql/stream', () => {
  it('delivers the same events, and resumes from a cursor', async () => {
    const ids = ['sub-sse-1', 'sub-sse-2', 'sub-sse-3'];
    const a = sseSubscribe(t, { ids });
    try {
      await primed(t, a.feed, 'sub-sse-1');
      await upsertEntity(t, 'sub-sse-2');
      await a.feed.count(2);
      expect(a.feed.ids).toEqual([['sub-sse-1'], ['sub-sse-2']]);
    } finally {
      a.stop();
      a.dispose();
    }
    await upsertEntity(t, 'sub-sse-3');
    const b = sseSubscribe(t, { ids, after: a.feed.events[0].cursor });
    try {
      await b.feed.count(2);
      expect(b.feed.ids).toEqual([['sub-sse-2'], ['sub-sse-3']]);
    } finally {
      b.stop();
      b.dispose();
    }
  });
});

describe('tokens and floods', () => {
  let locked: TestServer;
  beforeAll(async () => {
    locked = await startTestServer({ ...ENV, REQUIRE_AUTH_FOR_READS: 'true', MAX_SUBSCRIPTIONS: '2' }, false);
  });
  afterAll(async () => {
    await locked?.close();
  });

  it('wants a token where queries do: in the init payload or the header', async () => {
    const anonymous = wsClient(locked);
    const refused = wsSubscribe(anonymous);
    await refused.feed.until(() => refused.feed.errors.length > 0, 'the refusal');
    expect((refused.feed.errors[0] as { code?: number }).code).toBe(4403);
    await anonymous.dispose();

    const reader = wsClient(locked, { authorization: `Bearer ${READER}` });
    const ok = wsSubscribe(reader, { ids: ['sub-token'] });
    await primed(locked, ok.feed, 'sub-token');
    ok.stop();
    await reader.dispose();

    const sseRefused = await fetch(`${locked.base}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: CHANGES }),
    });
    expect(sseRefused.status).toBe(401);
    expect((await sseRefused.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const sse = sseSubscribe(locked, { ids: ['sub-token-sse'] }, { authorization: `Bearer ${READER}` });
    await primed(locked, sse.feed, 'sub-token-sse');
    sse.stop();
    sse.dispose();
  });

  it('refuses more than MAX_SUBSCRIPTIONS open at once per caller, and frees a slot when one ends', async () => {
    const client = wsClient(locked, { authorization: `Bearer ${READER}` });
    try {
      const one = wsSubscribe(client, { ids: ['sub-flood'] });
      const two = wsSubscribe(client, { ids: ['sub-flood'] });
      await primed(locked, one.feed, 'sub-flood');
      await two.feed.count(1);
      const three = wsSubscribe(client, { ids: ['sub-flood'] });
      await three.feed.until(() => three.feed.errors.length > 0, 'the refusal');
      expect(JSON.stringify(three.feed.errors[0])).toMatch(/RATE_LIMITED.*|Too many subscriptions/);
      one.stop();
      // The slot comes back once the server has learnt of the end: try until a subscription is served.
      let four = wsSubscribe(client, { ids: ['sub-flood-4'] });
      const deadline = Date.now() + 20_000;
      for (let n = 0; ; n++) {
        await upsertEntity(locked, 'sub-flood-4', `Flood ${n}`);
        await four.feed.until(() => four.feed.errors.length > 0 || four.feed.events.length > 0, 'an answer');
        if (four.feed.events.length > 0 || Date.now() > deadline) break;
        four = wsSubscribe(client, { ids: ['sub-flood-4'] });
      }
      expect(four.feed.events.length).toBeGreaterThan(0);
      two.stop();
      four.stop();
    } finally {
      await client.dispose();
    }
  });
});

describe('replicas and restarts', () => {
  it('a write through replica A reaches a subscriber of replica B', async () => {
    const b = await startTestServer({ ...ENV }, false);
    const client = wsClient(b);
    const { feed, stop } = wsSubscribe(client, { ids: ['sub-replica-a'] });
    try {
      // Written through t (replica A), never through b.
      await primed(t, feed, 'sub-replica-a');
      expect(feed.ids).toEqual([['sub-replica-a']]);
    } finally {
      stop();
      await client.dispose();
      await b.close();
    }
  });

  it('a cursor survives a server restart between two events', async () => {
    const before = await startTestServer({ ...ENV }, false);
    const ids = ['sub-restart-1', 'sub-restart-2'];
    const client = wsClient(before);
    const { feed, stop } = wsSubscribe(client, { ids });
    await primed(before, feed, 'sub-restart-1');
    stop();
    await client.dispose();
    await before.close();
    // While no server of this test runs, another one writes.
    await upsertEntity(t, 'sub-restart-2');
    const after = await startTestServer({ ...ENV }, false);
    const again = wsClient(after);
    const resumed = wsSubscribe(again, { ids, after: feed.events[0].cursor });
    try {
      await resumed.feed.count(1);
      expect(resumed.feed.ids).toEqual([['sub-restart-2']]);
    } finally {
      resumed.stop();
      await again.dispose();
      await after.close();
    }
  });
});

describe('Apollo Client: queries over HTTP, subscriptions over graphql-ws (split link), the cache of docs/clients.md', () => {
  it('shows a claim\'s new status from the subscription\'s event, without a refetch', async () => {
    const { possibleTypes, typePolicies } = await (await fetch(`${t.base}/graphql/client-config.json`)).json();
    const ws = wsClient(t);
    const link = split(
      ({ query }) => {
        const d = getMainDefinition(query);
        return d.kind === 'OperationDefinition' && d.operation === 'subscription';
      },
      new GraphQLWsLink(ws),
      new HttpLink({ uri: t.url }),
    );
    const client = new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes, typePolicies }) });
    const STATUS = tag`query Status($id: ID!) { claim(id: $id) { id status } }`;
    const feed = new Feed();
    const sub = client
      .subscribe({ query: tag(CHANGES), variables: { ids: ['sub-apollo-claimant', 'sub-apollo-claim'] } })
      .subscribe({ next: (r: any) => feed.events.push(r.data.changes), error: (e: unknown) => feed.errors.push(e) });
    try {
      expect((await client.query({ query: STATUS, variables: { id: DEKKER } })).data).toMatchObject({ claim: { status: 'UNCONTESTED' } });
      await primed(t, feed, 'sub-apollo-claimant');
      await contradictDekker('sub-apollo-claim', 'sub-apollo-claimant');
      await feed.until(() => feed.events.some((e) => e.operation === 'upsertClaim'), 'the claim event');
      // The event's claim { id status } was normalised into the cache: the query's answer changed.
      expect(client.readQuery({ query: STATUS, variables: { id: DEKKER } })).toMatchObject({ claim: { id: DEKKER, status: 'DISPUTED' } });
    } finally {
      sub.unsubscribe();
      await gql(t.url, 'mutation { deleteEntity(id: "sub-apollo-claimant") }', {}, curator);
      await ws.dispose();
      client.stop();
    }
  });
});

describe('a subscriber that stops reading', () => {
  let small: TestServer;
  beforeAll(async () => {
    // 20 KB: the queue holds 20 events (1 KB each) and the socket's unsent bytes count too.
    small = await startTestServer({ ...ENV, SUBSCRIPTION_BUFFER_BYTES: '20000' }, false);
  });
  afterAll(async () => {
    await small?.close();
  });

  it('is dropped with close code 4008 once it leaves too much unread, other subscribers go on, and it resumes from its last cursor', async () => {
    let raw: WebSocket | undefined;
    let closed: { code: number; reason: string } | undefined;
    // The slow reader: graphql-ws's client over a socket whose reading the test pauses.
    const slow = createWsClient({
      url: `${small.base.replace('http', 'ws')}/graphql`,
      retryAttempts: 0,
      webSocketImpl: class extends WebSocket {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          raw = this;
          this.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
        }
      },
    });
    const ids = ['sub-slow'];
    // Many subscriptions on the one paused socket, each asking for its cursor under 25 aliases:
    // each write sends about 250 KB to it, so the kernel's buffers fill after a few writes.
    const BULKY = `subscription Bulky($ids: [ID!]) { changes(entityIds: $ids) { cursor ${Array.from({ length: 25 }, (_, i) => `c${i}: cursor`).join(' ')} } }`;
    const slowFeeds = Array.from({ length: 150 }, () => wsSubscribe(slow, { ids }, BULKY));
    const fast = wsClient(small);
    const fastFeed = wsSubscribe(fast, { ids });
    try {
      await primed(small, fastFeed.feed, 'sub-slow');
      await slowFeeds[0]!.feed.count(1);
      const socket = (raw as unknown as { _socket: Socket })._socket;
      const dropped = async () => Number(/^frr_subscriptions_dropped_total (\d+)/m.exec(await (await fetch(`${small.base}/metrics`)).text())?.[1] ?? 0);
      const droppedBefore = await dropped();
      socket.pause();
      // Writes until the server drops the reader (its kernel buffers fill first, then the queue).
      let n = 0;
      while ((await dropped()) === droppedBefore && n < 1000) await upsertEntity(small, 'sub-slow', `Slow ${++n}`);
      expect(n).toBeLessThan(1000);
      // Reading again, the client gets what was sent before the drop, then the close.
      socket.resume();
      await fastFeed.feed.until(() => closed !== undefined, 'the slow socket to close');
      expect(closed!.code).toBe(4008);
      expect(closed!.reason).toMatch(/slow consumer/);
      // The fast subscriber has every write.
      await fastFeed.feed.count(n + 1);
      // What the slow one got is a gapless prefix; resumed from its last cursor, it gets the rest.
      const got = slowFeeds[0]!.feed.events;
      expect(got.length).toBeLessThan(n + 1);
      expect(got.map((e) => e.cursor)).toEqual(fastFeed.feed.events.slice(0, got.length).map((e) => e.cursor));
      const again = wsClient(small);
      const rest = wsSubscribe(again, { ids, after: got[got.length - 1].cursor });
      await rest.feed.count(n + 1 - got.length);
      expect([...got, ...rest.feed.events].map((e) => e.cursor)).toEqual(fastFeed.feed.events.map((e) => e.cursor));
      rest.stop();
      await again.dispose();
    } finally {
      fastFeed.stop();
      await fast.dispose();
      await slow.dispose();
    }
  }, 240_000);
});
