/**
 * One log line per GraphQL operation: writes at info (who wrote what is worth keeping), reads at
 * debug. A line holds the caller's token name, the operation's type and name, its duration and
 * the error codes it ended with — never the token, the query text or the variables.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from './context';

/**
 * The codes an operation ended with, in order. Resolver errors get their code in formatError;
 * before it, it is still on the AppError inside.
 */
export function errorCodes(errors: readonly GraphQLError[] | undefined): string[] {
  return errors?.map((e) => (e.extensions?.code as string | undefined) ?? (e.originalError as { code?: string } | undefined)?.code ?? 'INTERNAL_SERVER_ERROR') ?? [];
}

/** Longest operation name logged as is; longer ones are cut here and marked with an ellipsis. */
const MAX_NAME = 100;

/** The Apollo plugin that writes the access log. */
export function accessLog(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operation, operationName, errors, response }) {
          const type = operation?.operation ?? 'unknown';
          const level = type === 'mutation' ? 'info' : 'debug';
          if (!log.isLevelEnabled(level)) return;
          log[level](
            {
              caller: contextValue?.caller?.name ?? 'anonymous',
              operation: type,
              // A client chooses the name, of any length: a line stays a line.
              operationName: operationName && operationName.length > MAX_NAME ? `${operationName.slice(0, MAX_NAME)}…` : (operationName ?? null),
              ms: Math.round(performance.now() - started),
              status: response.http.status ?? 200,
              errors: errorCodes(errors),
            },
            'graphql',
          );
        },
      };
    },
  };
}
