/**
 * The executable schema: SDL from schema/*.graphql, resolvers per domain area merged by
 * @graphql-tools/schema. Resolvers for fields the SDL lacks fail here, at start-up.
 */
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { PROJECT_ROOT } from '../config';
import { loadTypeDefs } from './schema-files';
import { DateScalar, JSONScalar } from './resolvers/scalars';
import { entityResolvers } from './resolvers/entities';
import { relationshipResolvers } from './resolvers/relationships';
import { claimResolvers } from './resolvers/claims';
import { graphResolvers } from './resolvers/graph';
import { curationResolvers } from './resolvers/curation';
import { auditResolvers } from './resolvers/audit';
import { subscriptionResolvers } from './resolvers/subscriptions';

/** Builds the schema from the SDL files in `schemaDir` (default: the project's schema/, see config's PROJECT_ROOT). */
export function buildSchema(schemaDir = path.join(PROJECT_ROOT, 'schema')): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(schemaDir),
    resolvers: [
      { Date: DateScalar, JSON: JSONScalar },
      entityResolvers,
      relationshipResolvers,
      claimResolvers,
      graphResolvers,
      curationResolvers,
      auditResolvers,
      subscriptionResolvers,
    ] as any,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error', requireResolversForResolveType: 'error' },
  });
}
