/**
 * Query limits, all enforced before any resolver runs (so before any Cypher): depth, aliases and
 * directives as validation rules (graphql-armor's), tokens in the parser (graphql-js's maxTokens),
 * and complexity once the operation and its variables are known (graphql-query-complexity), counted
 * in the rows Neo4j may return for the operation (see fieldCost). Every violation is QUERY_TOO_COMPLEX,
 * with `extensions.limit` naming the limit, and the limit and the value found.
 */
import {
  DocumentNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  ValidationContext,
  ValidationRule,
  getNamedType,
  getNullableType,
  getOperationAST,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  separateOperations,
  visit,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import type { ApolloServerPlugin } from '@apollo/server';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { getComplexity, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import type { Config } from '../config';
import { ErrorCode, gqlError, HTTP_STATUS } from '../errors';

/** The name of a limit, as `extensions.limit` gives it. */
type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'complexity';

/** A QUERY_TOO_COMPLEX error that names the limit. */
export function limitError(limit: LimitName, max: number, found: number | null, message: string): GraphQLError {
  return gqlError(ErrorCode.QUERY_TOO_COMPLEX, message, { limit, max, ...(found === null ? {} : { found }), http: { status: HTTP_STATUS[ErrorCode.QUERY_TOO_COMPLEX] } });
}

/**
 * Runs an armor rule in report mode: its own error (thrown, which would abort validation as a
 * server error) is replaced by a reported QUERY_TOO_COMPLEX error naming the limit.
 */
function armored(
  limit: LimitName,
  max: number,
  rule: (options: { n: number; propagateOnRejection: boolean; onReject: ((ctx: ValidationContext | null, err: GraphQLError) => void)[] }) => ValidationRule,
): ValidationRule {
  return (context: ValidationContext) =>
    rule({
      n: max,
      propagateOnRejection: false,
      onReject: [
        (_ctx, err) => {
          const found = /found (\d+)/.exec(err.message);
          context.reportError(limitError(limit, max, found ? Number(found[1]) : null, `The ${limit} of this operation exceeds the limit of ${max}${found ? ` (found ${found[1]})` : ''}.`));
        },
      ],
    })(context);
}

/** True when the document asks for `__schema` or `__type`. */
function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/** The depth limit that counts introspection fields (`__schema`, `__type`) too: MAX_QUERY_DEPTH + 10. */
function introspectionDepth(maxDepth: number): number {
  return maxDepth + 10;
}

/** Validation rules for depth, aliases and directives. */
export function limitRules(limits: Config['limits']) {
  // The armor rule skips everything under __schema: a second one counts it, with room for the
  // standard introspection query (depth 21, which GraphiQL sends) above MAX_QUERY_DEPTH.
  // Only for documents that introspect, so a deep data query is not reported twice.
  const counted = (options: object) => (context: ValidationContext) =>
    introspects(context.getDocument()) ? maxDepthRule({ ...options, ignoreIntrospection: false } as any)(context) : {};
  return [
    armored('depth', limits.maxDepth, maxDepthRule as any),
    armored('depth', introspectionDepth(limits.maxDepth), counted as any),
    armored('aliases', limits.maxAliases, maxAliasesRule as any),
    armored('directives', limits.maxDirectives, maxDirectivesRule as any),
  ];
}

/**
 * The arguments that bound how many items a field gives: what the resolver takes when one is
 * left out or null and the schema declares no default (src/graphql/paging.ts,
 * resolvers/graph.ts), and how many items a value allows (a path of n steps has n + 1 nodes).
 */
const BOUNDS: ReadonlyMap<string, { fallback: number; items: (n: number) => number }> = new Map([
  ['first', { fallback: 50, items: (n: number) => n }],
  ['limit', { fallback: 200, items: (n: number) => n }],
  ['maxHops', { fallback: 6, items: (n: number) => n + 1 }],
]);

/**
 * Leaves whose resolver reads through a DataLoader instead of from their parent's row: they cost
 * one row per parent, like an object field would. (`verified` reads the document that
 * `SourceRef.document` reads, in the same batch when both are selected.)
 */
const LOADING_LEAVES: ReadonlySet<string> = new Set(['SourceRef.verified']);

/** Most fields one operation may expand to (each fragment spread counted where it is spread) before it is refused. */
const MAX_QUERY_NODES = 10_000;

/** What the estimator needs to know of a schema, computed once per schema. */
interface CostModel {
  /** Types returned by a bounded non-list field (connections, Graph, Path): their lists hold the rows of that field's statement. */
  wrappers: Set<string>;
  /** `Type.field` of the fields computed by a resolver (of the type, or of any implementation of an interface). */
  resolved: Set<string>;
}

const models = new WeakMap<GraphQLSchema, CostModel>();

/** The wrappers and resolved fields of a schema, read from the schema itself so that fields added later are priced by the same rules. */
function costModel(schema: GraphQLSchema): CostModel {
  let model = models.get(schema);
  if (model) return model;
  model = { wrappers: new Set(), resolved: new Set() };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const implementations = isInterfaceType(type) ? schema.getPossibleTypes(type) : [type];
    for (const field of Object.values(type.getFields())) {
      if (implementations.some((t) => t.getFields()[field.name]?.resolve)) model.resolved.add(`${type.name}.${field.name}`);
      const bounded = field.args.some((a) => BOUNDS.has(a.name));
      if (bounded && !isListType(getNullableType(field.type))) model.wrappers.add(getNamedType(field.type).name);
    }
  }
  models.set(schema, model);
  return model;
}

/**
 * How many items a field's bound argument allows: the value given, and when it is left out or
 * null, the page size the resolver then uses (the schema's default, else the resolver's own);
 * null when the field declares no bound.
 */
function boundOf({ field, args }: ComplexityEstimatorArgs, maxItems: number): number | null {
  // A page holds at most `last` items: alone, `first`'s schema default does not apply (src/graphql/paging.ts); with first, the page is the smaller.
  if (typeof args.last === 'number' && field.args.some((a) => a.name === 'last')) return Math.min(maxItems, Math.max(1, args.last));
  for (const declared of field.args) {
    const bound = BOUNDS.get(declared.name);
    if (!bound) continue;
    const given = args[declared.name];
    // Beyond maxItems the resolver refuses the argument itself, naming it (BAD_USER_INPUT), which
    // tells the client more than a complexity error would.
    const n = typeof given === 'number' ? given : typeof declared.defaultValue === 'number' ? declared.defaultValue : bound.fallback;
    return Math.min(maxItems, Math.max(1, bound.items(n)));
  }
  return null;
}

/**
 * The cost of one field, for one parent, given its children's cost for one item. The unit is a
 * row that Neo4j returns, so that the cost follows what the operation costs in Neo4j:
 * - a leaf costs nothing: it comes in the row of its parent (LOADING_LEAVES excepted);
 * - a field bounded by `first`, `limit` or `maxHops` runs one statement (or joins one DataLoader
 *   batch) per parent. A list (`search`) costs its bound times (1 + an item's children); a
 *   wrapper (a connection, `Graph`, `Path`) costs 1 plus its bound times its children, and the
 *   lists inside it (`edges`; `nodes`, `edges`; `nodes`, `steps`) cost 1 per item, each item a
 *   row of that same statement: they are not multiplied by each other;
 * - a field computed by a resolver (a DataLoader load, per parent) costs 1 per item it gives;
 * - a field the default resolver reads from its parent's row costs nothing itself;
 * - a list that no argument bounds counts as `listWeight` items.
 * Children are multiplied by the items of every list above them: a list inside a list costs
 * what the inner statements return for every outer row.
 */
function fieldCost(a: ComplexityEstimatorArgs, model: CostModel, listWeight: number, maxItems: number): number {
  const { field, type, childComplexity } = a;
  const coordinate = `${type.name}.${field.name}`;
  const list = isListType(getNullableType(field.type));
  if (isLeafType(getNamedType(field.type))) return LOADING_LEAVES.has(coordinate) ? (list ? listWeight : 1) : 0;
  const bound = boundOf(a, maxItems);
  if (bound !== null) return list ? bound * (1 + childComplexity) : 1 + bound * childComplexity;
  if (list && model.wrappers.has(type.name)) return 1 + childComplexity;
  const own = model.resolved.has(coordinate) ? 1 : 0;
  return (list ? listWeight : 1) * (own + childComplexity);
}

/**
 * The cost of an operation: the rows Neo4j may return for it (see fieldCost).
 * `subgraph(limit: 2000) { nodes { id } edges { type } }` costs 1 + 2000 × 2 = 4,001: one
 * statement, 2,000 nodes and (counted as many, though no argument bounds them: the curated data
 * has about two per node in a view) edges; `entities(first: 50) { edges { node {
 * relationships(first: 20) { edges { node { type } } } } } }` costs 1 + 50 × (1 + 1 + 20) = 1,101:
 * 50 entities, and 20 relationships for each of them.
 */
export function complexityOf(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown>,
  { listWeight = 5, maxItems = 2000 }: { listWeight?: number; maxItems?: number } = {},
): number {
  const model = costModel(schema);
  return getComplexity({
    schema,
    query: document,
    variables,
    maxQueryNodes: MAX_QUERY_NODES,
    estimators: [(a) => fieldCost(a, model, listWeight, maxItems)],
  });
}

/** True when the variables of the operation are valid: otherwise execution refuses them, naming them (BAD_USER_INPUT). */
function variablesValid(schema: GraphQLSchema, operation: OperationDefinitionNode | null | undefined, variables: Record<string, unknown>): boolean {
  if (!operation) return false;
  try {
    return getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors === undefined;
  } catch {
    return false;
  }
}

/** The cost already spent by the earlier operations of one HTTP request (a batch shares one budget). */
export interface CostBudget {
  spent: number;
}

/** The variables an operation's cost depends on: those given to a bound (`first`, `last`, `limit`, `maxHops`) and to `if`. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if ((BOUNDS.has(node.name.value) || node.name.value === 'last' || node.name.value === 'if') && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

/**
 * Apollo plugin: refuses an operation whose complexity exceeds the limit, before execution.
 * Costs are cached per parsed document (Apollo reuses the document of a query it has seen) and
 * per value of the variables the cost depends on, so a dashboard sending the same query with
 * other ids pays for the computation once. The operations of one batch share one budget (the
 * request's context carries what they spent). Whatever stops the cost from being known (more
 * than MAX_QUERY_NODES fields once fragments are spread, or any error of the estimator) refuses
 * the operation: a check that cannot finish never lets it run unchecked.
 */
export function complexityPlugin<C extends { cost?: CostBudget }>(schema: GraphQLSchema, limits: Config['limits']): ApolloServerPlugin<C> {
  const { maxComplexity, maxPageSize } = limits;
  const cache = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();
  const costOf = (document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number => {
    let entry = cache.get(document);
    if (!entry) cache.set(document, (entry = { variables: costVariables(document), costs: new Map() }));
    const key = JSON.stringify([operationName ?? null, ...entry.variables.map((v) => variables[v] ?? null)]);
    let cost = entry.costs.get(key);
    if (cost === undefined) {
      const single = operationName ? (separateOperations(document)[operationName] ?? document) : document;
      try {
        // subgraph's limit goes up to 2000, over the page size.
        cost = complexityOf(schema, single, variables, { maxItems: Math.max(maxPageSize, 2000) });
      } catch {
        cost = Number.POSITIVE_INFINITY;
      }
      if (entry.costs.size >= 256) entry.costs.clear();
      entry.costs.set(key, cost);
    }
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName, contextValue }) {
          const variables = request.variables ?? {};
          // Invalid variables: execution reports them with their own code (BAD_USER_INPUT, naming them).
          if (!variablesValid(schema, getOperationAST(document, operationName), variables)) return;
          const cost = costOf(document, operationName, variables);
          if (!Number.isFinite(cost)) {
            throw limitError('complexity', maxComplexity, null, `The cost of this operation cannot be bounded: it expands to more than ${MAX_QUERY_NODES} fields once its fragments are spread (limit ${maxComplexity}).`);
          }
          if (cost > maxComplexity) {
            throw limitError('complexity', maxComplexity, cost, `The complexity of this operation is ${cost}, over the limit of ${maxComplexity}; ask for fewer items (first/limit) or fewer levels.`);
          }
          const budget = contextValue?.cost;
          if (!budget) return;
          budget.spent += cost;
          if (budget.spent > maxComplexity) {
            throw limitError('complexity', maxComplexity, budget.spent, `The operations of this batch cost ${budget.spent} together, over the limit of ${maxComplexity} that they share; send fewer or smaller operations.`);
          }
        },
      };
    },
  };
}
