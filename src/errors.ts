/**
 * Every error a client can see carries one of these codes in `extensions.code`. Clients branch
 * on the code, never on the message.
 */
import { GraphQLError } from 'graphql';

/** The closed set of error codes of the API. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The request body is over MAX_BODY_BYTES (HTTP 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** A batch (JSON array of operations) is longer than MAX_BATCH. */
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
  /** The caller sent more than RATE_LIMIT_PER_MINUTE requests (HTTP 429 with Retry-After). */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The HTTP request is not a GraphQL request: malformed JSON, wrong method or media type. */
  BAD_REQUEST = 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * THE table from error code to HTTP status: every route that answers an error with a status (the
 * GraphQL route's guards and limits, the graph view's routes) reads it here.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TIMEOUT]: 504,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.BATCH_TOO_LARGE]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * An error raised by our own code (database, validation) before it reaches GraphQL; resolvers
 * and the HTTP layer turn it into a GraphQLError or a status code with the same code.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * A reference in stored graph data that does not resolve (a source's document, a relationship's
 * end, a claim's claimant): the seeder and the mutations refuse writes that would leave one, so
 * this is a broken graph, logged in full and answered as INTERNAL_SERVER_ERROR.
 */
export function brokenGraph(message: string): AppError {
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, message);
}

/** Builds a GraphQLError with `extensions.code` and optional extra extensions. */
export function gqlError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** A BAD_USER_INPUT error that names the offending argument. */
export function badInput(argument: string, message: string): GraphQLError {
  return gqlError(ErrorCode.BAD_USER_INPUT, `${argument}: ${message}`, { argument });
}
