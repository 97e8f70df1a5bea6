/**
 * What a normalising client cache (Apollo Client's InMemoryCache, and the like) needs to know to
 * give back the same data the server sent: the possible types of every interface and union (so
 * fragments on Entity or Node match), and the types whose `id` does not identify one object
 * across answers (they must be stored inside their parent, never merged by id). Served at
 * GET /graphql/client-config.json; see docs/clients.md.
 */
import { GraphQLSchema, isAbstractType } from 'graphql';

/**
 * Object types with an `id` field that is not the object's identity across answers, and why.
 * Add a type here when its fields depend on the query that reached it (test/integration/apollo-cache.int.test.ts
 * checks every type in this list against the real InMemoryCache).
 */
export const VIEW_SCOPED_TYPES: Readonly<Record<string, string>> = {
  GraphNode: 'distance depends on the centre of the view: the same entity is 0 hops from one centre and 2 from another',
  AuditChange: 'id is the changed element, not the change: one element changes in many audit entries',
};

/** The Apollo Client cache configuration, derived from the schema itself. */
interface ClientConfig {
  possibleTypes: Record<string, string[]>;
  typePolicies: Record<string, { keyFields: false }>;
}

/** possibleTypes of every abstract type, and keyFields: false for every view-scoped type. */
export function clientConfig(schema: GraphQLSchema): ClientConfig {
  const possibleTypes: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isAbstractType(type)) continue;
    possibleTypes[type.name] = schema.getPossibleTypes(type).map((t) => t.name).sort();
  }
  const typePolicies = Object.fromEntries(Object.keys(VIEW_SCOPED_TYPES).map((name) => [name, { keyFields: false as const }]));
  return { possibleTypes, typePolicies };
}
