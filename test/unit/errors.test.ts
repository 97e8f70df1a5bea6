/**
 * One error type: an AppError leaves with its code, message and public details through the
 * GraphQL formatter and the JSON error helper alike, its internals through neither; every code a
 * client can see, Apollo's own included, is in the one enum.
 */
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import type express from 'express';
import { AppError, ErrorCode, gqlError, HTTP_STATUS } from '../../src/errors';
import { formatError } from '../../src/graphql/format-error';
import { sendError } from '../../src/http/json-error';

const log = pino({ level: 'silent' });
const limits = { maxDepth: 15 } as Parameters<typeof formatError>[1];
const format = formatError(log, limits);

/** What graphql-js makes of an error a resolver threw at `path`. */
function fromResolver(err: Error): { formatted: GraphQLFormattedError; error: GraphQLError } {
  const error = new GraphQLError(err.message, { path: ['deleteEntity'], originalError: err });
  return { formatted: error.toJSON(), error };
}

/** A response that records what the route sent. */
function response(): { res: express.Response; sent: () => { status: number; body: any } } {
  let status = 0;
  let body: unknown;
  const res = {
    status(s: number) {
      status = s;
      return res;
    },
    json(b: unknown) {
      body = b;
      return res;
    },
  } as unknown as express.Response;
  return { res, sent: () => ({ status, body }) };
}

const conflict = new AppError(ErrorCode.CONFLICT, 'entity "x" is still referred to by 1 element', { references: [{ area: 'claims', id: 'c', field: 'claimant' }], referenceCount: 1 }, { statement: 'entity/references' });

describe('AppError through the GraphQL formatter', () => {
  it('carries code, message and public details, not the internals', () => {
    const { formatted, error } = fromResolver(conflict);
    expect(format(formatted, error)).toEqual({
      message: conflict.message,
      path: ['deleteEntity'],
      extensions: { references: conflict.details.references, referenceCount: 1, code: 'CONFLICT' },
    });
  });

  it('answers an internal one without its message or details', () => {
    const internal = new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Cypher statement x failed: secret', { leak: true }, { statement: 'x' });
    const { formatted, error } = fromResolver(internal);
    expect(format(formatted, error)).toEqual({ message: 'Internal server error', path: ['deleteEntity'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('reads the AppError a validation rule or plugin carried in a GraphQLError (gqlError), without Apollo\'s http extension', () => {
    const error = gqlError(ErrorCode.QUERY_TOO_COMPLEX, 'too costly', { limit: 'complexity', max: 10, http: { status: 400 } });
    // Apollo wraps a validation rule's error once more (its ValidationError keeps ours as originalError).
    const wrapped = new GraphQLError(error.message, { originalError: error.originalError!, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    for (const e of [error, wrapped]) expect(format(e.toJSON(), e).extensions).toEqual({ limit: 'complexity', max: 10, code: 'QUERY_TOO_COMPLEX' });
  });

  it('turns a code outside the enum into an internal error', () => {
    const stray = new GraphQLError('a library said something', { extensions: { code: 'SOME_LIBRARY_CODE' } });
    expect(format(stray.toJSON(), stray)).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('AppError through the JSON error helper', () => {
  it('carries code, message and public details with the status of the table', () => {
    const { res, sent } = response();
    sendError(res, conflict, log, 'delete');
    expect(sent()).toEqual({ status: 409, body: { error: { code: 'CONFLICT', message: conflict.message, references: conflict.details.references, referenceCount: 1 } } });
  });

  it('answers anything else as a bare 500', () => {
    for (const err of [new Error('boom: /etc/secret'), new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'secret', { leak: true })]) {
      const { res, sent } = response();
      sendError(res, err, log, 'export');
      expect(sent()).toEqual({ status: 500, body: { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } } });
    }
  });
});

describe('the one enum', () => {
  it("holds every code Apollo Server can answer with, and each has a status", () => {
    for (const code of Object.values(ApolloServerErrorCode)) expect(Object.values(ErrorCode)).toContain(code);
    for (const code of Object.values(ErrorCode)) expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(200);
  });
});
