/**
 * One statement per request for the nested selections it knows: from the lookahead of
 * `Query.entity` (the selection set below it), it picks the store's read that answers the
 * entity and the levels below it at once, runs it, and primes the request's DataLoaders with
 * what it returned under the keys the field resolvers below will ask for. Those resolvers run
 * unchanged and find their data in the loaders' caches, so the answer is the one the level-by-
 * level path gives (same statements' semantics, same resolvers); a shape the planner does not
 * know simply gets no plan, and DataLoader answers it one statement per level as before.
 *
 * Known shapes (each one statement, read through src/store/):
 * - entity → relationships(…) → edges.node.node / edges.other → relationships(…) (any number of
 *   argument sets at the second level): `entityWithTwoLevels` (src/store/relationships.ts);
 * - entity → claimsAbout(…) → edges.node.claimant / sources.document: `entityWithClaimsAbout`
 *   (src/store/claims.ts).
 *
 * `planEntity` is pure (selection set in, the store's read and its arguments out) and pinned by
 * test/unit/plan.test.ts; `runPlan` runs it through the store (src/store/) and primes.
 */
import {
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLSchema,
  Kind,
  SelectionSetNode,
} from 'graphql';
import type * as M from '../domain/elements';
import type { Context } from './context';
import { claimsKey, relationshipsKey, RelationshipsKey } from './loaders';
import { KeysetPageParam, pageRequest } from './paging';
import { entityWithTwoLevels } from '../store/relationships';
import { entityWithClaimsAbout } from '../store/claims';

/** The loader keys a plan's read answers. */
interface Primes {
  relationships?: RelationshipsKey;
  nested?: Omit<RelationshipsKey, 'id'>[];
  claimsAbout?: { page: KeysetPageParam };
}

/** What one request's entity field will run: a read of the store, its arguments, and what to prime. */
type Plan =
  | { read: 'entityWithTwoLevels'; params: Parameters<typeof entityWithTwoLevels>[1]; primes: Primes }
  | { read: 'entityWithClaimsAbout'; params: Parameters<typeof entityWithClaimsAbout>[1]; primes: Primes };

/** The parts of GraphQLResolveInfo the planner reads. */
interface Lookahead {
  schema: GraphQLSchema;
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
}

/** Fields selected under `sets` by response-independent name, through inline and named fragments. */
function fieldsNamed(sets: (SelectionSetNode | undefined)[], name: string, fragments: Lookahead['fragments']): FieldNode[] {
  const found: FieldNode[] = [];
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === name) found.push(s);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else walk(fragments[s.name.value]?.selectionSet);
    }
  };
  for (const set of sets) walk(set);
  return found;
}

/** The selection sets reached from `sets` along a path of field names. */
function along(sets: (SelectionSetNode | undefined)[], pathNames: string[], fragments: Lookahead['fragments']): SelectionSetNode[] {
  let current = sets;
  for (const name of pathNames) current = fieldsNamed(current, name, fragments).map((f) => f.selectionSet);
  return current.filter((s): s is SelectionSetNode => s !== undefined);
}

/** The distinct argument sets of fields named `name` (on Entity) under `sets`, as the resolver would read them (after `pageRequest`). */
function argumentSets(la: Lookahead, sets: SelectionSetNode[], name: string): { args: Record<string, unknown>; node: FieldNode }[] {
  const def = (la.schema.getType('Entity') as GraphQLInterfaceType | GraphQLObjectType).getFields()[name]!;
  const seen = new Map<string, { args: Record<string, unknown>; node: FieldNode }>();
  for (const node of fieldsNamed(sets, name, la.fragments)) {
    const args = pageRequest(getArgumentValues(def, node, la.variableValues), { fieldNodes: [node], variableValues: la.variableValues });
    seen.set(JSON.stringify(args), { args, node });
  }
  return [...seen.values()];
}

/**
 * The plan for `entity(id)` given what is selected below it, or null when the planner knows no
 * single statement for the shape (or an argument is invalid: the field resolver then reports it
 * at its own path, as without a plan).
 */
export function planEntity(id: string, la: Lookahead, maxPageSize: number): Plan | null {
  const top = la.fieldNodes.map((f) => f.selectionSet);
  const rels = argumentSets(la, top.filter((s): s is SelectionSetNode => !!s), 'relationships');
  const claims = argumentSets(la, top.filter((s): s is SelectionSetNode => !!s), 'claimsAbout');
  try {
    if (rels.length === 1 && claims.length === 0) {
      const first = relationshipsKey(id, rels[0]!.args, maxPageSize);
      const below = [
        ...along([rels[0]!.node.selectionSet], ['edges', 'node', 'node'], la.fragments),
        ...along([rels[0]!.node.selectionSet], ['edges', 'other'], la.fragments),
      ];
      const nested = argumentSets(la, below, 'relationships').map(({ args }) => {
        const { id: _id, ...rest } = relationshipsKey('', args, maxPageSize);
        return rest;
      });
      const { id: _id, ...level } = first;
      return { read: 'entityWithTwoLevels', params: { id, ...level, nested }, primes: { relationships: first, nested } };
    }
    if (claims.length === 1 && rels.length === 0) {
      const { page } = claimsKey('', claims[0]!.args, maxPageSize, 'Entity.claimsAbout');
      const nodes = along([claims[0]!.node.selectionSet], ['edges', 'node'], la.fragments);
      const withEnds = fieldsNamed(nodes, 'claimant', la.fragments).length > 0 || along(nodes, ['sources', 'document'], la.fragments).length > 0;
      return { read: 'entityWithClaimsAbout', params: { id, page, withEnds }, primes: { claimsAbout: { page } } };
    }
  } catch {
    return null;
  }
  return null;
}

/** Runs a plan and primes the request's loaders with what it read; afterwards `loaders.entity.load(id)` answers from the cache. */
async function runPlan(id: string, plan: Plan, ctx: Context): Promise<void> {
  const { loaders } = ctx;
  const entities = (list: M.Entity[]) => {
    for (const e of list) loaders.entity.prime(e.id, e);
  };
  // No entity of that id (null): the entity loader answers, which knows former ids (a merged entity's).
  if (plan.read === 'entityWithTwoLevels') {
    const found = await entityWithTwoLevels(ctx.db, plan.params);
    if (!found) return;
    loaders.entity.prime(id, found.entity);
    loaders.relationships.prime(plan.primes.relationships!, found.first.page);
    entities(found.first.others);
    for (const n of found.nested) {
      loaders.relationships.prime({ id: n.id, ...plan.primes.nested![n.set]! }, n.page);
      entities(n.others);
    }
  } else {
    const found = await entityWithClaimsAbout(ctx.db, plan.params);
    if (!found) return;
    loaders.entity.prime(id, found.entity);
    loaders.claimsAbout.prime({ id, ...plan.primes.claimsAbout! }, found.page);
    entities(found.ends);
  }
}

/**
 * `Query.entity`: with a plan, one statement answers the entity and the levels below it;
 * without one, the entity loader (and DataLoader per level below).
 */
export async function loadEntityPlanned(id: string, ctx: Context, la: Lookahead) {
  const plan = planEntity(id, la, ctx.config.limits.maxPageSize);
  if (plan) await runPlan(id, plan, ctx);
  return ctx.loaders.entity.load(id);
}
