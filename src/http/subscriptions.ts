/**
 * The two subscription transports, each served by its own library: graphql-ws (WebSocket, on the
 * same path as queries, /graphql, as Apollo Server documents) and server-sent events as
 * graphql-sse serves them, on /graphql/stream. Both hold an operation to the limits of queries
 * (MAX_TOKENS, depth, aliases, directives, MAX_COMPLEXITY), authenticate the caller as queries do
 * (a bearer token in the connection's init payload `{"authorization": "Bearer …"}` or in the
 * request's Authorization header), count each subscription against the caller's rate limit
 * (RATE_LIMIT_PER_MINUTE, the buckets of HTTP requests) and hold at most MAX_SUBSCRIPTIONS open
 * per caller. Events come from the server's one ChangeHub; a subscriber that leaves more than
 * SUBSCRIPTION_BUFFER_BYTES unread is dropped (WebSocket: close code 4008; SSE: the stream ends).
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import express from 'express';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createHandler } from 'graphql-sse/lib/use/express';
import {
  ExecutionArgs,
  ExecutionResult,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  DocumentNode,
} from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Executor } from '../db/executor';
import type { Caller } from '../domain/caller';
import { AppError, ErrorCode, gqlError, HTTP_STATUS } from '../errors';
import { ChangeHub, SubscriberStream } from '../graphql/change-hub';
import { Context, createContext } from '../graphql/context';
import { createLoaders } from '../graphql/loaders';
import { complexityOf, limitError, limitRules } from '../graphql/limits';
import { validationRules } from '../graphql/validation';
import { formatError } from '../graphql/format-error';
import type { Authenticate } from './auth';
import type { RateVerdict } from './rate-limit';
import type { RouteModule } from './route-module';

/** WebSocket close code of a dropped slow consumer (retryable: graphql-ws's client reconnects). */
const SLOW_CONSUMER_CLOSE = 4008;
/** The path of the server-sent events transport. */
const STREAM_PATH = '/graphql/stream';

/** What the transports need of the server. */
interface SubscriptionOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  config: Config;
  db: Executor;
  log: Logger;
  authenticate: Authenticate;
  /** The rate limiter of HTTP requests (the same buckets). */
  allow: (key: string) => RateVerdict;
}

/** The mounted transports. */
export interface Subscriptions {
  /** The graphql-sse handler, for STREAM_PATH. */
  stream: express.RequestHandler;
  hub: ChangeHub;
  /** Closes every WebSocket and ends every stream; the poller stops. */
  stop(): Promise<void>;
}

/** The bucket key of a caller, as the HTTP rate limit counts it. */
function rateKey(caller: Caller | null, address: string | undefined): string {
  return caller && caller.role !== 'anonymous' ? `token:${caller.name}` : `address:${address ?? 'unknown'}`;
}

/** Starts the change hub and both transports. */
function mountSubscriptions(options: SubscriptionOptions): Subscriptions {
  const { config, schema, db, log, authenticate, allow } = options;
  const { limits } = config;
  const hub = new ChangeHub(db, log, { maxPollMs: limits.subscriptionPollMs, maxBufferedBytes: limits.subscriptionBufferBytes });
  const open = new Map<string, number>();
  const format = formatError(log, limits, { suggestions: config.introspection });
  const rules = [...specifiedRules, ...validationRules, ...limitRules(limits)];

  /** The caller's subscription slot; the returned function gives it back once. */
  const acquire = (key: string): (() => void) => {
    const n = open.get(key) ?? 0;
    if (n >= limits.maxSubscriptions) {
      throw gqlError(ErrorCode.RATE_LIMITED, `Too many subscriptions: at most ${limits.maxSubscriptions} open at once per caller (MAX_SUBSCRIPTIONS); end one first.`);
    }
    open.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    };
  };

  /** Parses, validates and costs an operation as queries are; only subscriptions are taken here. */
  const prepare = (query: unknown, variables: Record<string, unknown> | null | undefined, operationName: string | null | undefined): DocumentNode | GraphQLError[] => {
    if (typeof query !== 'string') return [gqlError(ErrorCode.BAD_REQUEST, 'The operation needs a query string.')];
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (err) {
      const e = err as GraphQLError;
      if (/tokens/.test(e.message)) return [limitError('tokens', limits.maxTokens, null, `The document has more than ${limits.maxTokens} tokens (MAX_TOKENS).`)];
      return [gqlError(ErrorCode.BAD_REQUEST, e.message)];
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) return errors.map((e) => (e.extensions?.code ? e : gqlError(ErrorCode.BAD_USER_INPUT, e.message)));
    const operation = getOperationAST(document, operationName);
    if (!operation) return [gqlError(ErrorCode.BAD_REQUEST, 'Name the operation to run (operationName): the document holds several, or none.')];
    if (operation.operation !== 'subscription') {
      return [gqlError(ErrorCode.BAD_REQUEST, `Only subscriptions are served here; send a ${operation.operation} to POST /graphql.`)];
    }
    let cost: number;
    try {
      cost = complexityOf(schema, document, variables ?? {}, { maxItems: Math.max(limits.maxPageSize, 2000) });
    } catch {
      cost = Number.POSITIVE_INFINITY;
    }
    if (cost > limits.maxComplexity) {
      return [limitError('complexity', limits.maxComplexity, Number.isFinite(cost) ? cost : null, `The complexity of this operation is over the limit of ${limits.maxComplexity}.`)];
    }
    return document;
  };

  /** The context of one subscription: no request deadline (each statement has QUERY_TIMEOUT_MS), fresh loaders per event. */
  const contextFor = (caller: Caller, key: string, stream: SubscriberStream): Context => {
    const base = createContext(db, config, caller);
    return {
      ...base,
      db,
      loaders: createLoaders(db),
      live: {
        subscribe: (o) => {
          const release = acquire(key);
          return hub.subscribe({ ...o, stream, onEnd: release });
        },
      },
    };
  };

  const formatResult = (result: ExecutionResult): ExecutionResult =>
    result.errors ? ({ ...result, errors: result.errors.map((e) => format(e.toJSON(), e)) } as unknown as ExecutionResult) : result;

  // graphql-ws, on the HTTP server's upgrades to /graphql. Without `server`: ws would re-emit the
  // HTTP server's own errors (a port in use) as its own, and graphql-ws print them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxBodyBytes });
  options.httpServer.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/graphql') return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const callers = new WeakMap<object, { caller: Caller; key: string }>();
  const wsServer = useServer(
    {
      schema,
      onConnect: (ctx) => {
        const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
        const header = typeof params.authorization === 'string' ? params.authorization : ctx.extra.request.headers.authorization;
        try {
          const caller = authenticate(header);
          callers.set(ctx.extra.socket, { caller, key: rateKey(caller, ctx.extra.request.socket.remoteAddress) });
          return true;
        } catch {
          // graphql-ws closes with 4403 Forbidden.
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const who = callers.get(ctx.extra.socket)!;
        const verdict = allow(who.key);
        if (!verdict.ok) {
          return [gqlError(ErrorCode.RATE_LIMITED, `Too many requests: at most ${limits.rateLimitPerMinute} a minute per caller (RATE_LIMIT_PER_MINUTE); retry after ${verdict.retryAfterSeconds} s.`, { retryAfter: verdict.retryAfterSeconds })];
        }
        const prepared = prepare(payload.query, payload.variables, payload.operationName);
        if (Array.isArray(prepared)) return prepared;
        const socket = ctx.extra.socket;
        const stream: SubscriberStream = {
          buffered: () => socket.bufferedAmount,
          drop: (reason) => socket.close(SLOW_CONSUMER_CLOSE, reason.slice(0, 120)),
        };
        return { schema, document: prepared as DocumentNode, variableValues: payload.variables, operationName: payload.operationName, contextValue: contextFor(who.caller, who.key, stream) };
      },
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result) as never,
    },
    wss,
  );

  // graphql-sse, for POST/GET (and its single-connection PUT) on /graphql/stream.
  const sse = createHandler<Context & Record<PropertyKey, unknown>>({
    schema,
    onSubscribe: (req, params) => {
      const refuse = (err: AppError | GraphQLError, code: ErrorCode) =>
        [JSON.stringify({ errors: [format((err instanceof GraphQLError ? err : gqlError(code, err.message)).toJSON(), err)] }), { status: HTTP_STATUS[code], statusText: code, headers: { 'content-type': 'application/json; charset=utf-8' } }] as const;
      let caller: Caller;
      try {
        caller = authenticate(req.raw.headers.authorization);
      } catch (err) {
        return refuse(err as AppError, (err as AppError).code ?? ErrorCode.UNAUTHENTICATED) as never;
      }
      const prepared = prepare(params.query, params.variables, params.operationName);
      if (Array.isArray(prepared)) return refuse(prepared[0]!, (prepared[0]!.extensions?.code as ErrorCode) ?? ErrorCode.BAD_REQUEST) as never;
      const res = req.context.res;
      const stream: SubscriberStream = { buffered: () => res.writableLength, drop: () => res.destroy() };
      const key = rateKey(caller, req.raw.socket.remoteAddress);
      return { schema, document: prepared as DocumentNode, variableValues: params.variables, operationName: params.operationName, contextValue: contextFor(caller, key, stream) as Context & Record<PropertyKey, unknown> };
    },
    onNext: (_ctx, _req, result) => formatResult(result as ExecutionResult),
  });
  const stream: express.RequestHandler = (req, res, next) => {
    sse(req, res).catch((err) => {
      log.error({ err }, 'subscriptions: the event stream failed');
      if (!res.headersSent) next(err);
      else res.end();
    });
  };

  return {
    stream,
    hub,
    stop: async () => {
      hub.stop();
      // Closes every socket (1001 Going away: graphql-ws's client reconnects, to another replica if any) and the server.
      await wsServer.dispose();
    },
  };
}

/**
 * The subscription transports as a route module, mounted before /graphql (whose middleware would
 * take the stream's path). graphql-sse's requests on STREAM_PATH take the policies like any
 * route; graphql-ws's upgrades on /graphql apply them in the transport itself: the token on
 * connect (4403 without a valid one), one from the caller's bucket per subscription.
 */
export const subscriptionRoutes: RouteModule = {
  name: 'subscriptions',
  routes: [
    { path: STREAM_PATH, methods: ['GET', 'POST'], policies: { rateLimit: 'caller', cors: 'api', auth: 'token-optional' } },
    { path: '/graphql', methods: ['GET'], transport: 'websocket', policies: { rateLimit: 'caller', cors: 'none', auth: 'token-optional' }, errors: 'graphql' },
  ],
  mount(app, { httpServer, schema, config, db, log, authenticate, allow }) {
    const subscriptions = mountSubscriptions({ httpServer, schema, config, db, log, authenticate, allow });
    app.use(STREAM_PATH, express.json({ limit: config.limits.maxBodyBytes }), subscriptions.stream);
    return { stop: () => subscriptions.stop() };
  },
};
