/**
 * Cache-Control of GraphQL answers, computed from the fields asked (issue 30 item 6). An answer
 * any cache may keep is `public, max-age=N`: only an anonymous GET query that succeeded, where N is
 * the smallest max-age of the fields it asks (`CACHE_MAX_AGE` for every root and object field,
 * `CACHE_MAX_AGE_FIELDS` per field, longer or shorter; both read by src/config.ts). Everything else is `private, no-store`: POST (and batches),
 * answers with a bearer token (what a token unlocks is the caller's), answers with errors, and
 * any asking for a field that is never public: the audit log and the change feed. Our own
 * plugin, not Apollo's cache-control plugin: that one hooks every field resolved and writes
 * `max-age=N, public` for any method, while the rule here needs only the document.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, getNamedType, GraphQLSchema, isCompositeType, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { Config } from '../config';
import type { Context } from './context';

/** Fields whose answers are never public, whatever the configuration: who may read them depends on the token, and they change with every write. */
export const NEVER_PUBLIC: ReadonlySet<string> = new Set(['Query.auditLog', 'Query.changes']);

/** The header of an answer no cache may keep. */
const NO_STORE = 'private, no-store';

/** A field a document asks for: `Type.field` (on an interface, the interface's name), and whether it is a leaf below the root. */
interface AskedField {
  coordinate: string;
  leaf: boolean;
}

/** The fields a document asks for, through fragments, introspection left out. */
export function fieldsAsked(schema: GraphQLSchema, document: DocumentNode): AskedField[] {
  const typeInfo = new TypeInfo(schema);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  const asked = new Map<string, AskedField>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (!parent || !def || def.name.startsWith('__')) return;
        const coordinate = `${parent.name}.${def.name}`;
        asked.set(coordinate, { coordinate, leaf: !roots.has(parent as never) && !isCompositeType(getNamedType(def.type)) });
      },
    }),
  );
  return [...asked.values()];
}

/**
 * The max-age of an answer to a document asking `fields`, or 0 when it must not be public: the
 * smallest max-age of the fields that have one. As in Apollo's cache-control model, root fields
 * and fields of object type have one (`fieldMaxAge[coordinate]`, else `maxAge`) and a leaf only
 * when `fieldMaxAge` names it; an answer of nothing but leaves gets `maxAge`. 0 as soon as a
 * field is never public or the operation writes.
 */
export function maxAgeOf(fields: Iterable<AskedField>, cache: Config['cache']): number {
  let age = Infinity;
  for (const { coordinate, leaf } of fields) {
    if (NEVER_PUBLIC.has(coordinate) || coordinate.startsWith('Mutation.') || coordinate.startsWith('Subscription.')) return 0;
    const own = cache.fieldMaxAge[coordinate] ?? (leaf ? undefined : cache.maxAge);
    if (own !== undefined) age = Math.min(age, own);
  }
  return Number.isFinite(age) ? age : cache.maxAge;
}

/**
 * Apollo plugin: sets each GraphQL answer's Cache-Control. A public answer is the same for every
 * caller (only the never-public fields differ by token), so it needs no Vary: Authorization.
 */
export function cacheHints(schema: GraphQLSchema, cache: Config['cache']): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, document, operation, contextValue }) {
          const headers = response.http.headers;
          const ok = response.body.kind === 'single' && !response.body.singleResult.errors;
          const anonymous = contextValue?.caller?.role === 'anonymous';
          const age = request.http?.method === 'GET' && anonymous && ok && document && operation?.operation === 'query' ? maxAgeOf(fieldsAsked(schema, document), cache) : 0;
          headers.set('cache-control', age > 0 ? `public, max-age=${age}` : NO_STORE);
        },
      };
    },
  };
}
