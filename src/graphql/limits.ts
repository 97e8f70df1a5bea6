/**
 * Query limits, all enforced before any resolver runs (so before any Cypher): depth, aliases and
 * directives as validation rules (graphql-armor's), tokens in the parser (graphql-js's maxTokens),
 * and complexity once the operation and its variables are known (graphql-query-complexity), with
 * list fields weighted by how many items they may return. Every violation is QUERY_TOO_COMPLEX,
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
  getNullableType,
  getOperationAST,
  isListType,
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

/** What a resolver takes for a missing or null `first` / `limit` (src/graphql/paging.ts, resolvers/graph.ts). */
const RESOLVER_DEFAULTS: Record<string, number> = { first: 50, limit: 200 };

/** Most fields one operation may expand to (each fragment spread counted where it is spread) before it is refused. */
const MAX_QUERY_NODES = 10_000;

/**
 * How many items a field may return: its `first` or `limit` argument, and when that is left out
 * or null, the page size the resolver then uses (its schema default, else the resolver's own);
 * a connection's `edges` and a graph's `nodes` and `edges` count once (their number is the
 * parent's `first` or `limit`); other lists count as `listWeight`.
 */
function multiplier({ field, args, type }: ComplexityEstimatorArgs, listWeight: number, maxItems: number): number {
  for (const name of ['first', 'limit']) {
    const declared = field.args.find((a) => a.name === name);
    if (!declared) continue;
    const given = args[name];
    // Beyond maxItems the resolver refuses the argument itself, naming it (BAD_USER_INPUT), which
    // tells the client more than a complexity error would.
    const n = typeof given === 'number' ? given : typeof declared.defaultValue === 'number' ? declared.defaultValue : RESOLVER_DEFAULTS[name]!;
    return Math.min(maxItems, Math.max(1, n));
  }
  if (!isListType(getNullableType(field.type))) return 1;
  if (field.name === 'edges' && type.name.endsWith('Connection')) return 1;
  return type.name === 'Graph' ? 1 : listWeight;
}

/**
 * The cost of an operation: each field costs 1 plus its children's cost times the number of
 * items it may return. `entities(first: 50) { edges { node { relationships(first: 20) { ... } } } }`
 * costs about 50 × 20 × (cost of one relationship).
 */
export function complexityOf(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown>,
  { listWeight = 5, maxItems = 2000 }: { listWeight?: number; maxItems?: number } = {},
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    maxQueryNodes: MAX_QUERY_NODES,
    estimators: [(a) => 1 + multiplier(a, listWeight, maxItems) * a.childComplexity],
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

/** The variables an operation's cost depends on: those given to `first`, `limit` and `if`. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (['first', 'limit', 'if'].includes(node.name.value) && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
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
