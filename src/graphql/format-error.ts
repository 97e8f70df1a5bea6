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
import { AppError, ErrorCode, publicError } from '../errors';
import { limitError } from './limits';

/** graphql-js's parser at MAX_TOKENS: a syntax error whose message says "more that" (sic) N tokens. */
export const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/** Nesting thousands deep overflows graphql-js's recursive parser before MAX_TOKENS stops it. */
export const STACK_OVERFLOW = /Maximum call stack size exceeded/;

const OWN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * The AppError behind an error: thrown by a resolver (Apollo wraps it with its path), or carried
 * as `originalError` by a GraphQLError of a validation rule, plugin or the context (gqlError),
 * which Apollo may wrap once more (a validation failure).
 */
function appErrorIn(error: unknown): AppError | null {
  let e: unknown = unwrapResolverError(error);
  for (let depth = 0; depth < 3 && e; depth++) {
    if (e instanceof AppError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
}

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
    const own = appErrorIn(error);
    if (own) {
      if (own.code === ErrorCode.INTERNAL_SERVER_ERROR) log.error({ err: own, ...own.internal, path: formatted.path }, 'internal error');
      const { code, message, details } = publicError(own);
      return { ...formatted, message, extensions: { ...details, code } };
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
    // Apollo's and graphql-js's own codes (parse, validation, persisted queries) are in the enum too;
    // a code that is not (a library's new one) leaves as an internal error, logged.
    const code = formatted.extensions?.code as string | undefined;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR && OWN_CODES.has(code)) return formatted;
    log.error({ err: original, path: formatted.path }, 'unexpected resolver error');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
