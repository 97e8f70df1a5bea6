/**
 * The data of a graph view as Cytoscape.js elements. It runs the `subgraph` GraphQL field
 * in-process, through the same schema, resolvers and Cypher as POST /graphql, so that a view
 * holds exactly what `subgraph` returns for the same arguments.
 */
import { execute, GraphQLError, GraphQLSchema, parse, validate } from 'graphql';
import type { Caller } from '../domain/caller';
import type { Context } from '../graphql/context';
import { AppError, ErrorCode } from '../errors';
import type { ViewParams } from './params';
import { complexityOf } from '../graphql/limits';

/** A node of `subgraph` (GraphNode). */
interface ViewNode {
  id: string;
  label: string;
  kind: string;
  distance: number;
  status: string | null;
  /** For claims: the proposition it affirms or denies (claims about one proposition are grouped). */
  proposition: string | null;
  /** For claims: AFFIRMS or DENIES its proposition. */
  polarity: string | null;
  /** For claims: ASSERTION, QUESTION or REPORT (a question is drawn as no side of a dispute). */
  claimKind: string | null;
}

/** An edge of `subgraph` (GraphEdge). */
interface ViewEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  /** Validity of a relationship (YYYY-MM-DD), for the view's time slider; null for claim edges and open ends. */
  validFrom: string | null;
  validTo: string | null;
  /** For an effect of a decision: the spans in which the decision is in force (first days, last days). */
  inForceFrom: string[] | null;
  inForceTo: string[] | null;
}

/** Cytoscape.js elements JSON: pass `elements` as is to `cytoscape({ elements })` or `cy.add()`. */
export interface GraphView {
  /** The view, defaults filled in. */
  view: ViewParams;
  /** True when `limit` cut a subgraph of the view short. */
  truncated: boolean;
  elements: { nodes: { data: ViewNode }[]; edges: { data: ViewEdge }[] };
}

const SUBGRAPH = parse(`
  query EmbedSubgraph($center: ID!, $depth: Int, $limit: Int, $includeClaims: Boolean, $asOf: Date, $kinds: [EntityKind!]) {
    subgraph(center: $center, depth: $depth, limit: $limit, includeClaims: $includeClaims, asOf: $asOf, kinds: $kinds) {
      nodes { id label kind distance status claimKind proposition polarity }
      edges { id source target type validFrom validTo inForceFrom inForceTo }
      truncated
    }
  }
`);

/** URL parameter names of the subgraph arguments that differ from them. */
const PARAMETER_OF_ARGUMENT: Record<string, string> = { includeClaims: 'claims' };

/** The codes a view answers with their own HTTP status (errors.ts's table); any other is a 500. */
const VIEW_CODES: ReadonlySet<ErrorCode> = new Set([ErrorCode.BAD_USER_INPUT, ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND, ErrorCode.DATABASE_UNAVAILABLE, ErrorCode.QUERY_TIMEOUT]);

/**
 * The AppError a view answers with, for what the client can act on (a resolver's argument renamed
 * to the URL's parameter); anything else stays as it is, to be logged and answered 500.
 */
function viewError(err: GraphQLError): Error {
  const own = err.originalError instanceof AppError ? err.originalError : null;
  const code = own?.code ?? (err.extensions?.code as ErrorCode | undefined) ?? ErrorCode.INTERNAL_SERVER_ERROR;
  if (!VIEW_CODES.has(code)) return err;
  const argument = (own?.details.argument ?? err.extensions?.argument) as string | undefined;
  if (code === ErrorCode.BAD_USER_INPUT && argument) {
    const parameter = PARAMETER_OF_ARGUMENT[argument] ?? argument;
    // The resolver's message starts with the argument's name; the URL's name replaces it.
    return new AppError(code, err.message.replace(new RegExp(`^${argument}:`), `${parameter}:`), { parameter });
  }
  return new AppError(code, err.message);
}

/**
 * Loads views over one schema.
 * @param context builds a fresh request context (own loaders) for each view, for its caller.
 */
export function viewLoader(schema: GraphQLSchema, context: (caller: Caller) => Context): (view: ViewParams, caller: Caller) => Promise<GraphView> {
  // Checked once, at start-up: a schema change that breaks the view's query fails there.
  const problems = validate(schema, SUBGRAPH);
  if (problems.length > 0) throw new Error(`the embed view's subgraph query no longer fits the schema: ${problems.map((p) => p.message).join('; ')}`);

  const variables = (view: ViewParams, center: string, depth: number) => ({ center, depth, limit: view.limit, includeClaims: view.claims, asOf: view.asOf, kinds: view.kinds });

  /**
   * Charges the view's subgraph calls (the centre's and one per expanded id) to the budget of
   * /graphql, MAX_COMPLEXITY for the whole view, before any of them runs.
   */
  function charge(view: ViewParams, contextValue: Context): void {
    const each = complexityOf(schema, SUBGRAPH, variables(view, view.center, view.depth), { maxItems: 2000 });
    const cost = each * (1 + view.expand.length);
    const max = contextValue.config.limits.maxComplexity;
    contextValue.cost.spent += cost;
    if (contextValue.cost.spent > max) {
      throw new AppError(ErrorCode.QUERY_TOO_COMPLEX, `This view costs ${cost} (${each} for each of ${1 + view.expand.length} subgraph(s): the centre and each expanded id), over the limit of ${max} (MAX_COMPLEXITY); lower limit or expand fewer ids.`);
    }
  }

  async function subgraph(view: ViewParams, center: string, depth: number, contextValue: Context) {
    const result = await execute({
      schema,
      document: SUBGRAPH,
      contextValue,
      variableValues: variables(view, center, depth),
    });
    if (result.errors?.length) throw viewError(result.errors[0]!);
    return (result.data as { subgraph: { nodes: ViewNode[]; edges: ViewEdge[]; truncated: boolean } }).subgraph;
  }

  return async (view, caller) => {
    const contextValue = context(caller);
    charge(view, contextValue);
    const main = await subgraph(view, view.center, view.depth, contextValue);
    if (main.nodes.length === 0) throw new AppError(ErrorCode.NOT_FOUND, `center: no entity has id "${view.center}"`, { parameter: 'center' });
    // An expanded id that no longer exists adds nothing: a shared link keeps working after an edit.
    const expansions = await Promise.all(view.expand.map((id) => subgraph(view, id, 1, contextValue)));
    const nodes = new Map<string, ViewNode>();
    const edges = new Map<string, ViewEdge>();
    for (const g of [main, ...expansions]) {
      // First seen wins, so distances stay those from the view's centre where it reaches a node.
      for (const n of g.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
      for (const e of g.edges) if (!edges.has(e.id)) edges.set(e.id, e);
    }
    return {
      view,
      truncated: [main, ...expansions].some((g) => g.truncated),
      elements: {
        nodes: [...nodes.values()].map((data) => ({ data })),
        edges: [...edges.values()].map((data) => ({ data })),
      },
    };
  };
}
