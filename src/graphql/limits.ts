/**
 * Query limits, all enforced before any resolver runs (so before any Cypher): depth, aliases and
 * directives as validation rules (graphql-armor's), tokens in the parser (graphql-js's maxTokens),
 * and complexity once the operation and its variables are known (graphql-query-complexity), with
 * list fields weighted by how many items they may return. Every violation is QUERY_TOO_COMPLEX,
 * with `extensions.limit` naming the limit, and the limit and the value found.
 */
import { DocumentNode, GraphQLError, GraphQLSchema, Kind, ValidationContext, ValidationRule, getNullableType, isListType, separateOperations, visit } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { getComplexity, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import type { Config } from '../config';
import { ErrorCode, gqlError } from '../errors';

/** The name of a limit, as `extensions.limit` gives it. */
export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'complexity';

/** A QUERY_TOO_COMPLEX error that names the limit. */
export function limitError(limit: LimitName, max: number, found: number | null, message: string): GraphQLError {
  return gqlError(ErrorCode.QUERY_TOO_COMPLEX, message, { limit, max, ...(found === null ? {} : { found }), http: { status: 400 } });
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

/** Validation rules for depth, aliases and directives. */
export function limitRules(limits: Config['limits']) {
  return [
    armored('depth', limits.maxDepth, maxDepthRule as any),
    armored('aliases', limits.maxAliases, maxAliasesRule as any),
    armored('directives', limits.maxDirectives, maxDirectivesRule as any),
  ];
}

/**
 * How many items a field may return: its `first` or `limit` argument; a connection's `edges`
 * count once (their number is the connection's `first`); other lists count as `listWeight`.
 */
function multiplier({ field, args, type }: ComplexityEstimatorArgs, listWeight: number, maxItems: number): number {
  // Beyond maxItems the resolver refuses the argument itself, naming it (BAD_USER_INPUT), which
  // tells the client more than a complexity error would.
  for (const name of ['first', 'limit']) if (typeof args[name] === 'number') return Math.min(maxItems, Math.max(1, args[name]));
  if (!isListType(getNullableType(field.type))) return 1;
  return field.name === 'edges' && type.name.endsWith('Connection') ? 1 : listWeight;
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
    estimators: [(a) => 1 + multiplier(a, listWeight, maxItems) * a.childComplexity],
  });
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
 * other ids pays for the computation once.
 */
export function complexityPlugin(schema: GraphQLSchema, limits: Config['limits']): ApolloServerPlugin {
  const { maxComplexity, maxPageSize } = limits;
  const cache = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();
  const costOf = (document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number => {
    let entry = cache.get(document);
    if (!entry) cache.set(document, (entry = { variables: costVariables(document), costs: new Map() }));
    const key = JSON.stringify([operationName ?? null, ...entry.variables.map((v) => variables[v] ?? null)]);
    let cost = entry.costs.get(key);
    if (cost === undefined) {
      const single = operationName ? (separateOperations(document)[operationName] ?? document) : document;
      // subgraph's limit goes up to 2000, over the page size.
      cost = complexityOf(schema, single, variables, { maxItems: Math.max(maxPageSize, 2000) });
      if (entry.costs.size >= 256) entry.costs.clear();
      entry.costs.set(key, cost);
    }
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          let cost: number;
          try {
            cost = costOf(document, operationName, request.variables ?? {});
          } catch {
            // Invalid variables: execution reports them with their own code.
            return;
          }
          if (cost > maxComplexity) {
            throw limitError('complexity', maxComplexity, cost, `The complexity of this operation is ${cost}, over the limit of ${maxComplexity}; ask for fewer items (first/limit) or fewer levels.`);
          }
        },
      };
    },
  };
}
