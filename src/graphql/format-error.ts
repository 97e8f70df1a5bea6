/**
 * THE GraphQL error formatter: every error of /graphql leaves with a code from ErrorCode, and
 * unexpected ones without their internals. Where a graphql-js failure has no code of its own, it
 * is recognised by its message: those patterns are exported and pinned against the installed
 * graphql by test/unit/graphql-messages.test.ts.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { AppError, ErrorCode } from '../errors';
import { limitError } from './limits';

/** graphql-js's parser at MAX_TOKENS: a syntax error whose message says "more that" (sic) N tokens. */
export const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/** Nesting thousands deep overflows graphql-js's recursive parser before MAX_TOKENS stops it. */
export const STACK_OVERFLOW = /Maximum call stack size exceeded/;

const OWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * graphql-js ends some messages with "Did you mean …?", naming fields, arguments and types of the
 * schema; a schema-recovery tool rebuilds the schema from them. With introspection off they go.
 */
export const SUGGESTION = /\s*Did you mean [^]*\?$/;

/**
 * Gives every error a code from ErrorCode, and hides internals of unexpected ones.
 * @param options.suggestions keep graphql-js's "Did you mean" hints (false with INTROSPECTION=false).
 */
export function formatError(log: Logger, limits: Config['limits'], options: { suggestions?: boolean } = {}) {
  const format = formatOne(log, limits);
  if (options.suggestions !== false) return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const out = format(formatted, error);
    return SUGGESTION.test(out.message) ? { ...out, message: out.message.replace(SUGGESTION, '') } : out;
  };
}

function formatOne(log: Logger, limits: Config['limits']) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      if (original.code === ErrorCode.INTERNAL_SERVER_ERROR) log.error({ err: original, path: formatted.path }, 'internal error');
      const message = original.code === ErrorCode.INTERNAL_SERVER_ERROR ? 'Internal server error' : original.message;
      return { ...formatted, message, extensions: { code: original.code } };
    }
    // Our validation rules raise BAD_USER_INPUT and QUERY_TOO_COMPLEX; Apollo files every
    // validation error under GRAPHQL_VALIDATION_FAILED, so the code is taken back from the error it wraps.
    const inner = (error as GraphQLError)?.originalError;
    if (inner instanceof GraphQLError && OWN_CODES.has(inner.extensions?.code as string)) {
      const { http: _h, ...extensions } = inner.extensions as Record<string, unknown>;
      return { ...formatted, extensions };
    }
    // graphql-js's parser stops at MAX_TOKENS with a syntax error (its message says "more that"); it is a limit like the others.
    const tokens = TOO_MANY_TOKENS.exec(formatted.message);
    if (tokens) {
      const { http: _h, ...extensions } = limitError('tokens', Number(tokens[1]), null, `The operation has more than ${tokens[1]} tokens, the limit.`).extensions;
      return { message: `The operation has more than ${tokens[1]} tokens, the limit.`, extensions };
    }
    // Nesting thousands deep overflows graphql-js's recursive parser before MAX_TOKENS stops it.
    if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && STACK_OVERFLOW.test(formatted.message)) {
      const message = `The operation is nested far deeper than the depth limit of ${limits.maxDepth}.`;
      const { http: _h, ...extensions } = limitError('depth', limits.maxDepth, null, message).extensions;
      return { message, extensions };
    }
    // Apollo's automatic persisted queries: a hash that is not the query's is the client's mistake.
    if (formatted.message === 'provided sha does not match query') {
      return { message: 'The persisted query hash (extensions.persistedQuery.sha256Hash) is not the sha256 of the query sent.', extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    log.error({ err: original, path: formatted.path }, 'unexpected resolver error');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
