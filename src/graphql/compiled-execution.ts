/**
 * Compiled execution of queries (COMPILED_EXECUTION; graphql-jit): each parsed and validated
 * document (Apollo's document cache keeps the DocumentNode, so a WeakMap on it lives as long) is
 * compiled once per operation name into a function that resolves its selection without
 * graphql-js's per-field interpretation. It answers from `responseForOperation`, after parsing,
 * validation, the limits and the cost (didResolveOperation), so every refusal is as before.
 *
 * Only an answer without errors is given this way: one with errors, a mutation, a subscription
 * or a document graphql-jit cannot compile is left to graphql-js (the query runs again: a read,
 * so no effect is repeated), whose errors go through formatError, didEncounterErrors and the
 * HTTP status as ever. With traces on (OTEL_EXPORTER_OTLP_ENDPOINT) it is not registered: the
 * GraphQL instrumentation's spans come from graphql-js's execute.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Context } from './context';

/** Apollo plugin: compiled execution of queries (see the module's comment). */
export function compiledExecution(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const compiledFor = (document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const name = operationName ?? '';
    let c = byName.get(name);
    if (c === undefined) {
      let made: ReturnType<typeof compileQuery> | null = null;
      try {
        made = compileQuery(schema, document, operationName ?? undefined);
      } catch {
        made = null;
      }
      c = made && isCompiledQuery(made as Parameters<typeof isCompiledQuery>[0]) ? (made as CompiledQuery) : null;
      byName.set(name, c);
    }
    return c;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc) {
          if (rc.operation?.operation !== 'query' || !rc.document) return null;
          const c = compiledFor(rc.document, rc.operationName);
          if (!c) return null;
          const result = await c.query(undefined, rc.contextValue, rc.request.variables ?? {});
          if (result.errors?.length || !result.data) return null;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: result.data as Record<string, unknown> } } };
        },
      };
    },
  };
}
