/** Relationships and their sources. */
import type { Resolvers } from '../generated';
import type { Context } from '../context';
import type * as M from '../../domain/elements';
import { brokenGraph } from '../../errors';

/** Loads the document of every source (one batched call per level). */
async function document(s: M.SourceRef, ctx: Context): Promise<M.Entity> {
  const doc = await ctx.loaders.entity.load(s.documentId);
  // The seeder refuses a source whose document does not exist; a gap here is a broken graph.
  if (!doc) throw brokenGraph(`source document ${s.documentId} is missing from the graph`);
  return doc;
}

/** One end of a relationship (one batched call per level). */
async function end(r: M.Relationship, id: string, ctx: Context): Promise<M.Entity> {
  const e = await ctx.loaders.entity.load(id);
  if (!e) throw brokenGraph(`relationship ${r.id} points at missing entity ${id}`);
  return e;
}

/** Resolvers of schema/relationships.graphql. */
export const relationshipResolvers: Resolvers = {
  Relationship: {
    node: (r, _a, ctx) => end(r, r.otherId, ctx),
    from: (r, _a, ctx) => end(r, r.fromId, ctx),
    to: (r, _a, ctx) => end(r, r.toId, ctx),
  },
  RelationshipEdge: {
    direction: (edge) => edge.node.direction,
    other: (edge, _a, ctx) => end(edge.node, edge.node.otherId, ctx),
  },
  SourceRef: {
    document: (s, _a, ctx) => document(s, ctx),
    // The seeder refuses a quote that is not verbatim in the held text: held and quoted is verified.
    verified: async (s, _a, ctx) => s.quote !== null && (await document(s, ctx)).heldText,
  },
};
