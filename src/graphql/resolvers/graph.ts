/** Search, paths, subgraphs and Query.node. */
import type { Resolvers } from '../generated';
import type * as M from '../../domain/elements';
import { otherNamesOf } from '../../store/rows';
import { searchEntities, shortestPath, subgraphAround } from '../../store/graph';
import { bestMatch, luceneQuery, searchTextProblem } from '../search';
import { intInRange } from './args';
import { badInput } from '../../errors';
import { typeNameOfKind } from '../../domain/kinds';
import type { ClaimEdgeType } from '../../domain/relationships';
import { EvidenceClaim, standingOn } from '../../domain/evidence';

/** Resolvers of schema/graph.graphql and Query.node. */
export const graphResolvers: Resolvers = {
  Node: {
    __resolveType: (n: any) => {
      // Claims have a kind too (ASSERTION, ...): polarity tells them apart first.
      if ('polarity' in n) return 'Claim';
      return 'kind' in n ? (typeNameOfKind(n.kind) as any) : 'Proposition';
    },
  },
  SearchHit: {
    entity: async (h, _a, ctx) => (await ctx.loaders.entity.load(h.entityId))!,
  },
  Path: {
    length: (p) => p.steps.length,
    nodes: async (p, _a, ctx) => (await ctx.loaders.entity.loadMany(p.nodeIds)) as M.Entity[],
  },
  GraphNode: {
    // Stored on the claim by the seeder's evidence rule; null for entities.
    status: (n: any) => (n.kind === 'CLAIM' ? (n.status ?? 'UNCONTESTED') : null),
    claimKind: (n: any) => (n.kind === 'CLAIM' ? (n.claimKind ?? 'ASSERTION') : null),
  },
  Query: {
    node: async (_p, { id }, ctx) => {
      const [entity, claim, proposition] = await Promise.all([
        ctx.loaders.entity.load(id),
        ctx.loaders.claim.load(id),
        ctx.loaders.proposition.load(id),
      ]);
      return (entity ?? claim ?? proposition) as any;
    },
    search: async (_p, args, ctx) => {
      const limit = intInRange('first', args.first, 10, 1, 100);
      const problem = searchTextProblem(args.text);
      if (problem) throw badInput('text', problem);
      const query = luceneQuery(args.text);
      if (!query) return [];
      const found = await searchEntities(ctx.db, { query, kinds: args.kinds ?? null, limit }, 'text');
      const hits: M.SearchHit[] = found.map((r) => {
        const e = r.entity;
        ctx.loaders.entity.prime(e.id, e);
        const m = bestMatch(args.text, [e.name, ...e.aliases, ...otherNamesOf(e)]);
        // Lucene ranks by term statistics; an exact name, alias, label or identifier must still come first.
        return { score: r.score + (m.exact ? 10 : 0), entityId: e.id, matched: m.name };
      });
      return hits.sort((a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId));
    },
    path: async (_p, args, ctx) => {
      const maxHops = intInRange('maxHops', args.maxHops, 6, 1, 10);
      if (args.from === args.to) {
        const e = await ctx.loaders.entity.load(args.from);
        return e ? { nodeIds: [e.id], steps: [] } : null;
      }
      const found = await shortestPath(ctx.db, { from: args.from, to: args.to, maxHops, asOf: args.asOf ?? null });
      if (!found) return null;
      for (const e of found.nodes) ctx.loaders.entity.prime(e.id, e);
      return { nodeIds: found.nodes.map((n) => n.id), steps: found.steps };
    },
    subgraph: async (_p, args, ctx) => {
      const depth = intInRange('depth', args.depth, 1, 0, 4);
      const limit = intInRange('limit', args.limit, 200, 1, 2000);
      const row = await subgraphAround(ctx.db, {
        center: args.center,
        depth,
        limit,
        includeClaims: args.includeClaims ?? true,
        asOf: args.asOf ?? null,
        kinds: args.kinds ?? null,
      });
      if (!row) return { nodes: [], edges: [], truncated: false };
      const nodes = row.nodes;
      // As known on asOf: each claim's status from the one rule over its proposition that day.
      if (args.asOf) {
        // The loader answers every proposition of the view with one list of rows: index it once.
        const indexed = new WeakMap<object, Map<string, EvidenceClaim>>();
        await Promise.all(
          nodes
            .filter((n) => n.kind === 'CLAIM')
            .map(async (n) => {
              const rows = await ctx.loaders.evidence.load(n.proposition!);
              if (!indexed.has(rows)) indexed.set(rows, new Map(rows.map((r) => [r.id, r])));
              n.status = standingOn(n.id, args.asOf!, indexed.get(rows)!)?.status ?? n.status;
            }),
        );
      }
      // A corrected or superseded claim counts no more: it contradicts nothing.
      const outOfCount = new Set(nodes.filter((n) => n.status === 'CORRECTED' || n.status === 'SUPERSEDED').map((n) => n.id));
      const edges = row.edges.filter((e) => e.type !== ('CONTRADICTS' satisfies ClaimEdgeType) || !(outOfCount.has(e.source) || outOfCount.has(e.target)));
      return { nodes: nodes as any[], edges: edges.sort((a, b) => a.id.localeCompare(b.id)) as any[], truncated: row.truncated };
    },
  },
};
