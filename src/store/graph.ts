/**
 * The read side of the graph as a whole: full-text search, shortest paths and subgraphs. The one
 * module that knows the graph statements and their parameters.
 */
import type { Executor } from '../db/executor';
import { sourcesFromProps } from '../db/records';
import type * as M from '../domain/elements';
import { AppError, badInput, ErrorCode } from '../errors';
import { entityFromProps } from './rows';

/** One hit of the full-text index, as Lucene scores it. */
interface IndexHit {
  entity: M.Entity;
  score: number;
}

/**
 * The entities the full-text index finds for `query` (a Lucene query, src/graphql/search.ts),
 * of `kinds` (null or empty: all), at most `limit`. An index that finds the query too complex
 * refuses it as BAD_USER_INPUT, naming `argument` when given (the text's fault, not ours).
 */
export async function searchEntities(db: Executor, args: { query: string; kinds: readonly string[] | null; limit: number }, argument?: string): Promise<IndexHit[]> {
  const kinds = args.kinds?.length ? [...args.kinds] : null;
  const rows = await db.read('graph/search', { query: args.query, kinds, limit: args.limit }).catch((err) => {
    if (argument && err instanceof AppError && err.code === ErrorCode.BAD_USER_INPUT) throw badInput(argument, err.message);
    throw err;
  });
  return rows.map((r) => ({ entity: entityFromProps(r.entity), score: r.score as number }));
}

/** A shortest path: its entities in order, and its steps between them. */
interface FoundPath {
  nodes: M.Entity[];
  steps: M.PathStep[];
}

/** A shortest path from one entity to another over relationships valid on `asOf` (null: any day), at most `maxHops` long; null when none. */
export async function shortestPath(db: Executor, args: { from: string; to: string; maxHops: number; asOf: string | null }): Promise<FoundPath | null> {
  const [row] = await db.read('graph/path', { from: args.from, to: args.to, maxHops: args.maxHops, asOf: args.asOf });
  if (!row) return null;
  const nodes = (row.nodes as Record<string, unknown>[]).map(entityFromProps);
  const steps: M.PathStep[] = (row.rels as Record<string, any>[]).map((r, i) => {
    const from = nodes[i]!.id;
    return { from, to: nodes[i + 1]!.id, type: r.type, direction: r.startId === from ? 'OUT' : 'IN', sources: sourcesFromProps(r) };
  });
  return { nodes, steps };
}

/** A node of a subgraph (GraphNode): an entity, or a claim (kind CLAIM) with its proposition and stored status. */
interface SubgraphNode {
  id: string;
  kind: string;
  proposition?: string;
  status?: string;
  [field: string]: unknown;
}

/** An edge of a subgraph (GraphEdge). */
interface SubgraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  [field: string]: unknown;
}

/** What graph/subgraph answers. */
export interface Subgraph {
  nodes: SubgraphNode[];
  edges: SubgraphEdge[];
  truncated: boolean;
}

/** The neighbourhood of `center` (see cypher/graph/subgraph.cypher); null when there is no such entity. */
export async function subgraphAround(
  db: Executor,
  args: { center: string; depth: number; limit: number; includeClaims: boolean; asOf: string | null; kinds: readonly string[] | null },
): Promise<Subgraph | null> {
  const [row] = await db.read('graph/subgraph', {
    center: args.center,
    depth: args.depth,
    limit: args.limit,
    includeClaims: args.includeClaims,
    asOf: args.asOf,
    kinds: args.kinds?.length ? [...args.kinds] : null,
  });
  if (!row) return null;
  return { nodes: row.nodes as SubgraphNode[], edges: row.edges as SubgraphEdge[], truncated: row.truncated as boolean };
}
