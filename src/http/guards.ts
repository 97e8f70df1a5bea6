/**
 * The guards in front of the GraphQL route: the rate limit per caller, the batch length, and the
 * body parser's failures (too large, not JSON), each answered in GraphQL's error shape with the
 * status of errors.ts's table.
 */
import express from 'express';
import type { Config } from '../config';
import { ErrorCode, HTTP_STATUS } from '../errors';
import type { Authenticate } from './auth';
import { rateLimiter, RateVerdict } from './rate-limit';
import { jsonError } from './json-error';
import { countUnreadRequest } from '../graphql/metrics-plugin';

/** A GraphQL-shaped error body for failures before GraphQL runs (body too large, malformed JSON, batch). */
export function httpError(req: express.Request, res: express.Response, code: ErrorCode, message: string, status = HTTP_STATUS[code]): void {
  countUnreadRequest(code);
  const type = req.accepts(['application/graphql-response+json', 'application/json']) || 'application/json';
  res.status(status).type(type).send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * The rate limit of {@link rateLimiter} per caller: the token's name, or for anonymous callers
 * (and tokens that are not valid, which are refused later anyway) the client's address. Over
 * it: 429 with Retry-After and code RATE_LIMITED, in the route's error `shape`.
 */
export function rateLimit(
  perMinute: number,
  authenticate: Authenticate,
  allow: (key: string) => RateVerdict = rateLimiter(perMinute),
  shape: 'graphql' | 'json' = 'json',
): express.RequestHandler {
  return (req, res, next) => {
    let key = `address:${req.socket.remoteAddress ?? 'unknown'}`;
    try {
      const caller = authenticate(req.headers.authorization);
      if (caller.role !== 'anonymous') key = `token:${caller.name}`;
    } catch {
      // Not a valid token: counted by address.
    }
    const verdict = allow(key);
    if (verdict.ok) return next();
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    const message = `Too many requests: at most ${perMinute} a minute per caller (RATE_LIMIT_PER_MINUTE); retry after ${verdict.retryAfterSeconds} s.`;
    // The route's own error shape (its declaration): GraphQL's for /graphql, the one JSON error shape for the others.
    if (shape === 'graphql') return httpError(req, res, ErrorCode.RATE_LIMITED, message);
    jsonError(res, ErrorCode.RATE_LIMITED, message);
  };
}

/** Refuses an empty batch and one longer than MAX_BATCH; single operations pass. */
export function batchGuard(limits: Config['limits']): express.RequestHandler {
  return (req, res, next) => {
    if (!Array.isArray(req.body)) return next();
    if (req.body.length === 0) return httpError(req, res, ErrorCode.BAD_REQUEST, 'An empty batch has no operation to run.');
    if (req.body.length > limits.maxBatch) {
      return httpError(req, res, ErrorCode.BATCH_TOO_LARGE, `A batch may hold at most ${limits.maxBatch} operations (MAX_BATCH); this one has ${req.body.length}.`);
    }
    next();
  };
}

/** Errors of the body parser: too large, or not JSON; anything else goes on. */
export function bodyErrors(limits: Config['limits']): express.ErrorRequestHandler {
  return (err: any, req, res, next) => {
    if (err?.type === 'entity.too.large') {
      return httpError(req, res, ErrorCode.PAYLOAD_TOO_LARGE, `The request body is over ${limits.maxBodyBytes} bytes (MAX_BODY_BYTES).`);
    }
    if (err?.type === 'entity.parse.failed') return httpError(req, res, ErrorCode.BAD_REQUEST, `The request body is not valid JSON: ${err.message}`);
    if (typeof err?.status === 'number' && err.status < 500) return httpError(req, res, ErrorCode.BAD_REQUEST, String(err.message), err.status);
    next(err);
  };
}
