/**
 * Every error a client can see carries one of these codes in `extensions.code` (GraphQL) or
 * `error.code` (the other routes). Clients branch on the code, never on the message. Our own code
 * raises {@link AppError}, whose public details travel with it through the GraphQL formatter
 * (src/graphql/format-error.ts) and the JSON error helper (src/http/json-error.ts) alike.
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
  /** graphql-js could not parse the operation (Apollo's code, kept as it is). */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /** The operation does not fit the schema (Apollo's code, kept as it is). */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** An automatic persisted query's hash the server does not hold: the client sends the query with it (HTTP 200, Apollo's protocol). */
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  /** Persisted queries are turned off (Apollo's code; HTTP 200, its protocol). */
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** The document holds several operations and `operationName` names none of them (Apollo's code). */
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
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
  [ErrorCode.GRAPHQL_PARSE_FAILED]: 400,
  [ErrorCode.GRAPHQL_VALIDATION_FAILED]: 400,
  [ErrorCode.PERSISTED_QUERY_NOT_FOUND]: 200,
  [ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED]: 200,
  [ErrorCode.OPERATION_RESOLUTION_FAILURE]: 400,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * THE error of our own code, from every layer and for every route. `details` are public: the
 * GraphQL formatter sends them as `extensions` beside the code, the JSON error helper as members
 * of `error` (the argument or parameter at fault, the references that block a delete). `internal`
 * is for the log only (the statement that failed, Neo4j's code, a seed report). An
 * INTERNAL_SERVER_ERROR leaves with neither its message nor its details.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly internal: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** What a client may see of an error: its code, message and public details; internals hidden. */
export function publicError(err: AppError): { code: ErrorCode; message: string; details: Record<string, unknown> } {
  if (err.code === ErrorCode.INTERNAL_SERVER_ERROR) return { code: err.code, message: 'Internal server error', details: {} };
  return { code: err.code, message: err.message, details: err.details };
}

/**
 * A reference in stored graph data that does not resolve (a source's document, a relationship's
 * end, a claim's claimant): the seeder and the mutations refuse writes that would leave one, so
 * this is a broken graph, logged in full and answered as INTERNAL_SERVER_ERROR.
 */
export function brokenGraph(message: string): AppError {
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, message);
}

/**
 * An AppError as the GraphQLError that graphql-js and Apollo demand where no resolver runs
 * (validation rules, request plugins, the context function): the AppError rides along as
 * `originalError`, so the formatter answers it like one thrown by a resolver. `http` sets the
 * response's status there (Apollo's extension, removed before the client sees it).
 */
export function gqlError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const { http, ...details } = extensions;
  return new GraphQLError(message, { originalError: new AppError(code, message, details), extensions: { ...details, ...(http ? { http } : {}), code } });
}

/** A BAD_USER_INPUT error that names the offending argument (or GraphQL path) first. */
export function badInput(argument: string, message: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `${argument}: ${message}`, { argument });
}
