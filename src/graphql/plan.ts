/**
 * One statement per request for the nested selections it knows: from the lookahead of
 * `Query.entity` (the selection set below it), it plans which connections the request reads
 * below the entity, with which arguments, and which stored properties each level needs; the
 * composer (src/db/compose.ts) writes that as one statement (the store's readEntityPlan: CALL subqueries and
 * map projections, from the fragments the level-by-level statements use); it runs, and the
 * request's DataLoaders are primed with what it returned under the keys the field resolvers below
 * will ask for. Those resolvers run unchanged and find their data in the loaders' caches, so the
 * answer is the one the level-by-level path gives (`PLAN_NESTED=false`;
 * test/integration/cypher-calls.int.test.ts compares both for the bench shapes); a shape the planner does not know
 * gets no plan, and DataLoader answers it one statement per level.
 *
 * Known shapes:
 * - entity → relationships(…) → edges.node.node / edges.other → relationships(…) → … (any depth,
 *   any number of argument sets below the first level);
 * - entity → claimsAbout(…) → edges.node.claimant / sources.document.
 *
 * Projection: an entity, relationship or claim primed into a loader may serve any field of the
 * request that meets it, so each level returns the properties that every field selected on its
 * type anywhere in the operation reads (`NEEDS`), and all of them (`.*`) when one of those fields
 * is not in the table.
 *
 * `planEntity` is pure (selection set in, plan and parameters out) and pinned by
 * test/unit/plan.test.ts; `loadEntityPlanned` is the one entry point that runs a plan.
 */
import {
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLSchema,
  isAbstractType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { ClaimsLevel, EntityPlan, Projection, RelationshipsLevel } from '../db/compose';
import type { Row } from '../db/executor';
import { claimFromProps, entityFromProps, relationshipFromProps } from '../store/rows';
import { readEntityPlan } from '../store/plan';
import type { Context } from './context';
import { claimsKey, relationshipsKey, RelationshipsKey } from './loaders';
import { KeysetPageParam, keysetPageOf, pageRequest } from './paging';

/** The arguments of one relationships level, as the loader key (without the entity id) and `$levels[i]`. */
type LevelArgs = Omit<RelationshipsKey, 'id'>;

/** What one request's entity field will run: the composed plan, its parameters, and what to prime. */
export interface Plan {
  plan: EntityPlan;
  params: { id: string; levels: (LevelArgs | { page: KeysetPageParam })[] };
}

/** The parts of GraphQLResolveInfo the planner reads. */
interface Lookahead {
  schema: GraphQLSchema;
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
  operation: OperationDefinitionNode;
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

/** The distinct argument sets of fields named `name` (on Entity) under `sets`, as the resolver would read them (after `pageRequest`), each with every field that has it. */
function argumentSets(la: Lookahead, sets: SelectionSetNode[], name: string): { args: Record<string, unknown>; nodes: FieldNode[] }[] {
  const def = (la.schema.getType('Entity') as GraphQLInterfaceType | GraphQLObjectType).getFields()[name]!;
  const seen = new Map<string, { args: Record<string, unknown>; nodes: FieldNode[] }>();
  for (const node of fieldsNamed(sets, name, la.fragments)) {
    const args = pageRequest(getArgumentValues(def, node, la.variableValues), { fieldNodes: [node], variableValues: la.variableValues });
    const sig = JSON.stringify(args);
    const group = seen.get(sig) ?? { args, nodes: [] };
    group.nodes.push(node);
    seen.set(sig, group);
  }
  return [...seen.values()];
}

/** Which level of the plan a GraphQL type's fields read their properties from. */
type Category = 'entity' | 'relationship' | 'claim';

/**
 * The stored properties each field reads, per category; a field not listed needs all of them.
 * Fields answered by a loader of their own (connections, ends) need only the id, always returned.
 */
const NEEDS: Record<Category, Record<string, readonly string[]>> = {
  entity: {
    __typename: [], id: [], kind: [], name: ['name'], description: ['description'], aliases: ['aliases'], date: ['date'], url: ['url'],
    language: ['language'], retrievedOn: ['retrievedOn'], reliability: ['reliability'], reliabilityNote: ['reliabilityNote'],
    primary: ['primary'], publishedOn: ['publishedOn'], publisher: ['publisherId'], heldText: ['textFile'], formerIds: ['formerIds'],
    relationships: [], claimsAbout: [], claimsMade: [],
  },
  relationship: {
    __typename: [], id: [], type: [], direction: [], node: [], from: [], to: [], validFrom: ['validFrom'], validTo: ['validTo'],
    sources: ['sourceDocs', 'sourceQuotes', 'sourceTranslations'],
  },
  claim: {
    __typename: [], id: [], text: ['text'], polarity: ['polarity'], madeOn: ['madeOn'], kind: ['kind'], status: ['status'],
    support: ['support'], opposition: ['opposition'], claimant: ['claimantId'], subjects: ['subjectIds'], proposition: ['propositionId'],
    sources: ['sourceDocs', 'sourceQuotes', 'sourceTranslations'],
  },
};
/** What every row of a category carries, whatever is selected. */
const ALWAYS: Record<Category, readonly string[]> = { entity: ['id', 'kind'], relationship: ['id'], claim: ['id'] };
/** Fields of other types that read an entity's properties (SourceRef.verified: its document's heldText). */
const ELSEWHERE: Record<string, readonly string[]> = { 'SourceRef.verified': ['textFile'] };

/**
 * The properties each category needs for every field the operation selects on its types (its
 * fragments included): a primed element may serve any of them.
 */
export function projections(la: Pick<Lookahead, 'schema' | 'operation' | 'fragments'>): Record<Category, Projection> {
  const entity = la.schema.getType('Entity') as GraphQLInterfaceType;
  const needed: Record<Category, Set<string> | '*'> = { entity: new Set(ALWAYS.entity), relationship: new Set(ALWAYS.relationship), claim: new Set(ALWAYS.claim) };
  const add = (c: Category, props: readonly string[] | undefined) => {
    const set = needed[c];
    if (set === '*') return;
    if (props === undefined) needed[c] = '*';
    else for (const p of props) set.add(p);
  };
  const typeInfo = new TypeInfo(la.schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!parent) return;
      const field = node.name.value;
      const category: Category | null =
        parent === entity || (parent instanceof GraphQLObjectType && la.schema.isSubType(entity, parent)) ? 'entity'
        : parent.name === 'Relationship' ? 'relationship'
        : parent.name === 'Claim' ? 'claim'
        : null;
      if (category) add(category, NEEDS[category][field]);
      else if (isAbstractType(parent) && la.schema.getPossibleTypes(parent).some((t) => la.schema.isSubType(entity, t))) add('entity', NEEDS.entity[field]);
      const elsewhere = ELSEWHERE[`${parent.name}.${field}`];
      if (elsewhere) add('entity', elsewhere);
    },
  });
  visit(la.operation, visitor);
  for (const f of Object.values(la.fragments)) visit(f, visitor);
  const out = (c: Category): Projection => (needed[c] === '*' ? '*' : [...(needed[c] as Set<string>)].sort());
  return { entity: out('entity'), relationship: out('relationship'), claim: out('claim') };
}

/** The relationships level of one argument set, and below it those selected under its rows' other ends; `levels` collects the arguments. */
function relationshipsLevelOf(
  la: Lookahead,
  set: { args: Record<string, unknown>; nodes: FieldNode[] },
  levels: Plan['params']['levels'],
  needs: Record<Category, Projection>,
  maxPageSize: number,
): RelationshipsLevel {
  const { id: _id, ...args } = relationshipsKey('', set.args, maxPageSize);
  const arg = levels.push(args) - 1;
  const sets = set.nodes.map((n) => n.selectionSet);
  const below = [...along(sets, ['edges', 'node', 'node'], la.fragments), ...along(sets, ['edges', 'other'], la.fragments)];
  return {
    kind: 'relationships',
    arg,
    relationship: needs.relationship,
    other: needs.entity,
    below: argumentSets(la, below, 'relationships').map((b) => relationshipsLevelOf(la, b, levels, needs, maxPageSize)),
  };
}

/**
 * The plan for `entity(id)` given what is selected below it, or null when the planner knows no
 * single statement for the shape (or an argument is invalid: the field resolver then reports it
 * at its own path, as without a plan).
 */
export function planEntity(id: string, la: Lookahead, maxPageSize: number): Plan | null {
  const top = la.fieldNodes.map((f) => f.selectionSet).filter((s): s is SelectionSetNode => !!s);
  const rels = argumentSets(la, top, 'relationships');
  const claims = argumentSets(la, top, 'claimsAbout');
  try {
    if (rels.length === 1 && claims.length === 0) {
      const needs = projections(la);
      const levels: Plan['params']['levels'] = [];
      const level = relationshipsLevelOf(la, rels[0]!, levels, needs, maxPageSize);
      return { plan: { entity: needs.entity, level }, params: { id, levels } };
    }
    if (claims.length === 1 && rels.length === 0) {
      const needs = projections(la);
      const { page } = claimsKey('', claims[0]!.args, maxPageSize, 'Entity.claimsAbout');
      const nodes = along(claims[0]!.nodes.map((n) => n.selectionSet), ['edges', 'node'], la.fragments);
      const withEnds = fieldsNamed(nodes, 'claimant', la.fragments).length > 0 || along(nodes, ['sources', 'document'], la.fragments).length > 0;
      const level: ClaimsLevel = { kind: 'claims', arg: 0, claim: needs.claim, ends: withEnds ? needs.entity : null };
      return { plan: { entity: needs.entity, level }, params: { id, levels: [{ page }] } };
    }
  } catch {
    return null;
  }
  return null;
}

/** Primes the relationships loader (and the entity loader with each other end) from one level's map, and the levels below it. */
function primeRelationships(ctx: Context, parentId: string, level: RelationshipsLevel, map: Row, levels: Plan['params']['levels']): void {
  const rows = map.page as Row[];
  const key: RelationshipsKey = { id: parentId, ...(levels[level.arg] as LevelArgs) };
  ctx.loaders.relationships.prime(key, keysetPageOf({ ...map, page: rows.map(({ levels: _below, ...r }) => r) }, relationshipFromProps));
  for (const r of rows) {
    ctx.loaders.entity.prime(r.other.id as string, entityFromProps(r.other));
    level.below.forEach((b, i) => primeRelationships(ctx, r.otherId as string, b, (r.levels as Row[])[i]!, levels));
  }
}

/** Runs a plan and primes the request's loaders with its rows; afterwards `loaders.entity.load(id)` answers from the cache. */
async function runPlan(id: string, plan: Plan, ctx: Context): Promise<void> {
  const row = await readEntityPlan(ctx.db, plan.plan, plan.params, ctx.config.rootDir);
  // No entity of that id: the entity loader answers, which knows former ids (a merged entity's).
  if (!row) return;
  ctx.loaders.entity.prime(id, entityFromProps(row.entity));
  const level = plan.plan.level;
  if (level.kind === 'relationships') primeRelationships(ctx, id, level, row.level, plan.params.levels);
  else {
    ctx.loaders.claimsAbout.prime({ id, page: (plan.params.levels[0] as { page: KeysetPageParam }).page }, keysetPageOf(row.level, claimFromProps));
    for (const e of row.level.ends as Row[]) ctx.loaders.entity.prime(e.id as string, entityFromProps(e));
  }
}

/**
 * `Query.entity`: with a plan, one statement answers the entity and the levels below it;
 * without one (or with PLAN_NESTED=false), the entity loader (and DataLoader per level below).
 */
export async function loadEntityPlanned(id: string, ctx: Context, la: Lookahead) {
  const plan = ctx.config.planNested ? planEntity(id, la, ctx.config.limits.maxPageSize) : null;
  if (plan) await runPlan(id, plan, ctx);
  return ctx.loaders.entity.load(id);
}
