/**
 * The GraphQL operation metrics: each operation counted by name, type and outcome, and timed.
 * An operation is `refused` when it ends with a client's fault (a limit, a bad input, no or the
 * wrong token, a validation error: the codes whose HTTP status is 4xx), `error` when with the
 * server's or the database's, `ok` otherwise. Requests refused before GraphQL reads them (rate
 * limit, body, batch: src/http/guards.ts) and those whose token is refused are counted with
 * name and type `unknown`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { getOperationAST, GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode, HTTP_STATUS } from '../errors';
import { metrics } from '../metrics';
import type { Context } from './context';

/** Apollo's codes for a request it could not run: all of them the client's doing. */
const APOLLO_REFUSALS = new Set<string>(Object.values(ApolloServerErrorCode).filter((c) => c !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR));

/**
 * The `outcome`, `code` and `limit` labels of the first error as the client got it (after
 * formatError): a closed set, ours, Apollo's, else OTHER.
 */
function outcomeOf(error: GraphQLFormattedError | undefined): { outcome: 'ok' | 'refused' | 'error'; code: string; limit: string } {
  if (error === undefined) return { outcome: 'ok', code: '', limit: '' };
  const code = String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  const limit = code === ErrorCode.QUERY_TOO_COMPLEX && /^[a-z]{1,20}$/.test(String(error.extensions?.limit)) ? String(error.extensions?.limit) : '';
  if (code in HTTP_STATUS) return { outcome: HTTP_STATUS[code as ErrorCode] < 500 ? 'refused' : 'error', code, limit };
  if (APOLLO_REFUSALS.has(code)) return { outcome: 'refused', code, limit: '' };
  return { outcome: 'error', code: 'OTHER', limit: '' };
}

/** Counts a GraphQL request answered with `code` before GraphQL read its operations. */
export function countUnreadRequest(code: ErrorCode): void {
  const outcome = HTTP_STATUS[code] < 500 ? 'refused' : 'error';
  metrics.graphqlOperations.inc({ operation_name: 'unknown', operation_type: 'unknown', outcome, code, limit: '' });
}

/** The Apollo plugin that counts and times operations. */
export function operationMetrics(): ApolloServerPlugin<Context> {
  return {
    async contextCreationDidFail({ error }) {
      const code = (error as GraphQLError).extensions?.code;
      const known = typeof code === 'string' && code in HTTP_STATUS ? (code as ErrorCode) : ErrorCode.INTERNAL_SERVER_ERROR;
      countUnreadRequest(known);
    },
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, document, request, response }) {
          // Apollo resolves the operation after validation; a refused one is read from the document.
          const op = operation ?? (document ? getOperationAST(document, request.operationName) : null);
          const labels = {
            operation_name: op ? metrics.operationLabel(op.name?.value) : 'unknown',
            operation_type: op?.operation ?? 'unknown',
          };
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          metrics.graphqlOperations.inc({ ...labels, ...outcomeOf(errors?.[0]) });
          metrics.graphqlDuration.observe(labels, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
