/**
 * What the GraphQL route refuses before it executes anything, and the HTTP status of what it
 * answers: a subscription (there is no subscription transport), variables nested deeper than any
 * input of the schema (graphql-js coerces them recursively, and thousands of levels overflowed
 * its stack), and the status and Retry-After of DATABASE_UNAVAILABLE and RATE_LIMITED answers.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, gqlError, HTTP_STATUS } from '../errors';

/**
 * Deepest nesting of objects and lists in a request's variables. The deepest input the schema
 * accepts is a filter: AND / OR / NOT at most 8 deep (src/store/filters.ts), two levels each.
 */
export const MAX_INPUT_DEPTH = 64;

/** Seconds a client should wait before retrying a DATABASE_UNAVAILABLE or RATE_LIMITED answer. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The path (`$name.key.0…`, shortened to its first levels) of a value nested deeper than `max`
 * levels in `variables`, or null. Iterative, so no depth can overflow it.
 */
function tooDeepInput(variables: Record<string, unknown> | undefined, max = MAX_INPUT_DEPTH): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = Object.entries(variables ?? {}).map(([k, v]) => ({ value: v, depth: 1, path: `$${k}` }));
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > max) return path;
    for (const [k, v] of Object.entries(value)) stack.push({ value: v, depth: depth + 1, path: depth < 4 ? `${path}.${k}` : path });
  }
  return null;
}

/** The plugin: refusals before execution, and statuses from the answer's error codes. */
export function requestGuards(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation?.operation === 'subscription') {
            throw gqlError(
              ErrorCode.BAD_REQUEST,
              'Subscriptions are not served over plain HTTP: use graphql-ws (WebSocket) on /graphql or server-sent events (graphql-sse) on /graphql/stream; docs/clients.md#subscriptions.',
              { http: { status: HTTP_STATUS[ErrorCode.BAD_REQUEST] } },
            );
          }
          const deep = tooDeepInput(request.variables);
          if (deep !== null) {
            throw gqlError(ErrorCode.BAD_USER_INPUT, `${deep}: nested more than ${MAX_INPUT_DEPTH} levels deep; no input of this schema goes that deep`, {
              argument: deep.split('.')[0],
              http: { status: HTTP_STATUS[ErrorCode.BAD_USER_INPUT] },
            });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || (response.http.status ?? 200) !== 200) return;
          const codes = new Set((response.body.singleResult.errors ?? []).map((e) => e.extensions?.code));
          // The database out of connections (or away) is a 503 to retry, never a 200 with an error
          // a proxy or a client would take for a final answer.
          const code = [ErrorCode.DATABASE_UNAVAILABLE, ErrorCode.RATE_LIMITED].find((c) => codes.has(c));
          if (!code) return;
          response.http.status = HTTP_STATUS[code];
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
