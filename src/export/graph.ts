/**
 * The two things an export is made of: the whole graph, read page by page so that it streams
 * (memory and open transactions do not grow with the graph; src/store/export.ts), or one view, the same selection as
 * /api/graph and /embed (embed/graph.ts's loader), filled in with what the formats show.
 */
import type { Executor } from '../db/executor';
import { claimPages, disputePages, entityPages, EXPORT_PAGE_SIZE } from '../store/export';
import { storedClaims } from '../store/claims';
import { storedEntities } from '../store/entities';
import { storedRelationships } from '../store/relationships';
import type { Caller } from '../domain/caller';
import type { GraphView } from '../embed/graph';
import type { ViewParams } from '../embed/params';
import { isClaimEdgeType } from '../domain/relationships';
import { claimEdge, claimNode, entityNode, ExportEdge, ExportGraph, ExportNode, ownClaimEdges, relationshipEdge } from './model';

/** The whole graph: every entity and claim, every relationship between entities, every claim edge. */
export function wholeGraph(db: Executor, pageSize = EXPORT_PAGE_SIZE): ExportGraph {
  return {
    async *nodes() {
      for await (const rows of entityPages(db, { withRelationships: false }, pageSize)) {
        for (const row of rows) yield entityNode(row.entity);
      }
      for await (const claims of claimPages(db, pageSize)) {
        for (const claim of claims) yield claimNode(claim);
      }
    },
    async *edges() {
      for await (const rows of entityPages(db, { withRelationships: true }, pageSize)) {
        for (const row of rows) for (const r of row.relationships) yield relationshipEdge(r);
      }
      for await (const claims of claimPages(db, pageSize)) {
        for (const claim of claims) yield* ownClaimEdges(claim);
      }
      for await (const disputes of disputePages(db, pageSize)) {
        for (const d of disputes) for (const a of d.affirming) for (const x of d.denying) yield claimEdge(a, 'CONTRADICTS', x);
      }
    },
  };
}

/** A view, loaded, with every node and edge in full: what a view export writes. */
export interface LoadedView {
  view: GraphView;
  nodes: ExportNode[];
  edges: ExportEdge[];
}

/** The same list as an async iterable, for the serializers. */
async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** A loaded view as an ExportGraph. */
export function viewGraph(loaded: LoadedView): ExportGraph {
  return { nodes: () => each(loaded.nodes), edges: () => each(loaded.edges) };
}

/**
 * Loads a view through `loadView` (the subgraph resolver, with its checks and errors), then
 * reads the stored properties of what it shows: the view's nodes and edges exactly, in its order,
 * with the citations, validity and typed fields that subgraph does not return.
 */
export async function loadViewForExport(
  db: Executor,
  loadView: (params: ViewParams, caller: Caller) => Promise<GraphView>,
  params: ViewParams,
  caller: Caller,
): Promise<LoadedView> {
  const view = await loadView(params, caller);
  const shown = view.elements.nodes.map((n) => n.data);
  const claimIds = shown.filter((n) => n.kind === 'CLAIM').map((n) => n.id);
  const entityIds = shown.filter((n) => n.kind !== 'CLAIM').map((n) => n.id);
  const isEntity = new Set(entityIds);
  const relationshipKeys = view.elements.edges.map((e) => e.data).filter((e) => isEntity.has(e.source) && isEntity.has(e.target));
  const [entities, claims, relationships] = await Promise.all([
    storedEntities(db, entityIds),
    storedClaims(db, claimIds),
    storedRelationships(db, relationshipKeys.map((e) => ({ from: e.source, type: e.type, to: e.target }))),
  ]);
  const entityProps = new Map(entities.map((p) => [p.id as string, p]));
  const claimProps = new Map(claims.map((p) => [p.id as string, p]));
  const relationshipById = new Map(relationships.map(relationshipEdge).map((e) => [e.id, e]));
  const nodes: ExportNode[] = [];
  for (const n of shown) {
    // A node deleted between the view and this read is left out, with its edges below.
    const stored = n.kind === 'CLAIM' ? claimProps.get(n.id) : entityProps.get(n.id);
    if (stored) nodes.push(n.kind === 'CLAIM' ? claimNode(stored, n.distance) : entityNode(stored, n.distance));
  }
  const kept = new Set(nodes.map((n) => n.id));
  const edges: ExportEdge[] = [];
  for (const { data: e } of view.elements.edges) {
    if (!kept.has(e.source) || !kept.has(e.target)) continue;
    if (isEntity.has(e.source) && isEntity.has(e.target)) {
      const full = relationshipById.get(e.id);
      if (full) edges.push(full);
    } else if (isClaimEdgeType(e.type)) edges.push(claimEdge(e.source, e.type, e.target));
  }
  return { view, nodes, edges };
}
