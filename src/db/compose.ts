/**
 * The composer of the planner's statement (`plan/entity`): from a plan — which connections a
 * request reads below one entity, with which arguments, and which stored properties each level
 * needs — it writes the statement's `__PLAN__` and `__ENTITY__` parts by joining fragments of
 * cypher/fragments (plan-relationships, plan-claims, and through them the fragments the level-by-
 * level statements use: relationships-found, claims-about-found, keyset-page, valid-on-as-of) with
 * the variable and parameter names of each level (`{{…}}` renames, src/db/cypher.ts) and the
 * property names of map projections. Nothing else is written here: no clause, no condition; the
 * values are all parameters ($id, and $levels[i] for the arguments of level i).
 *
 * Pure (plan and fragments in, text out): test/unit/compose.test.ts pins its output.
 */
import { renameIn } from './cypher';
import { composeStatement } from './executor';

/** The stored properties a level returns: all of them (`*`), or these. */
export type Projection = '*' | readonly string[];

/** A page of Entity.relationships, and the pages of relationships of each row's other end below it. */
export interface RelationshipsLevel {
  kind: 'relationships';
  /** Its arguments' index in `$levels`. */
  arg: number;
  /** The relationship's stored properties (type, direction and the ends' ids always come). */
  relationship: Projection;
  /** The other end's stored properties. */
  other: Projection;
  /** One level per argument set read below each row's other end, in order. */
  below: RelationshipsLevel[];
}

/** A page of Entity.claimsAbout, with the entities its claims point at when `ends` is given. */
export interface ClaimsLevel {
  kind: 'claims';
  arg: number;
  claim: Projection;
  /** The claimants' and source documents' stored properties, or null: not selected. */
  ends: Projection | null;
}

/** What the planner reads below one entity. */
export interface EntityPlan {
  entity: Projection;
  level: RelationshipsLevel | ClaimsLevel;
}

const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A map projection's entries: `.*`, or `.a, .b` (sorted, each once). Refuses a name that is no property name. */
export function projectionOf(p: Projection): string {
  if (p === '*') return '.*';
  for (const name of p) if (!PROPERTY.test(name)) throw new Error(`compose: ${JSON.stringify(name)} is not a property name`);
  return [...new Set(p)].sort().map((n) => `.${n}`).join(', ');
}

/** The fragment `name`, renamed and with its `__SLOT__`s filled. */
function fragment(fragments: ReadonlyMap<string, string>, name: string, renames: Record<string, string>, slots: Record<string, string>): string {
  const body = fragments.get(name);
  if (body === undefined) throw new Error(`compose: there is no fragments/${name}.cypher`);
  return composeStatement(`fragments/${name}`, renameIn(body, renames, `compose: {{${name}}}`), slots);
}

/** The arguments of level `arg`, as parameters. */
function argumentsOf(arg: number, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [`$${n}`, `$levels[${arg}].${n}`]));
}

/** A relationships level over the entity bound to `parent`, returning its map as `as`, its rows' variables suffixed by `depth`. */
function relationshipsLevel(fragments: ReadonlyMap<string, string>, level: RelationshipsLevel, parent: string, as: string, depth: number): string {
  const o = `o${depth}`;
  const below = level.below.map((b, i) => relationshipsLevel(fragments, b, o, `${as}_${i}`, depth + 1));
  const props = level.relationship === '*' || level.relationship.length > 0 ? `${projectionOf(level.relationship)}, ` : '';
  return fragment(
    fragments,
    'plan-relationships',
    { e: parent, r: `r${depth}`, o, x: `x${depth}`, k: `k${depth}`, level: as, ...argumentsOf(level.arg, ['types', 'direction', 'asOf', 'page']) },
    {
      BELOW: below.join('\n'),
      PROPS: props,
      OTHER: projectionOf(level.other),
      LEVELS: level.below.map((_b, i) => `${as}_${i}`).join(', '),
    },
  );
}

/** A claims level over the entity bound to `e`. */
function claimsLevel(fragments: ReadonlyMap<string, string>, level: ClaimsLevel): string {
  return fragment(fragments, 'plan-claims', argumentsOf(level.arg, ['page']), {
    ENDS: level.ends === null ? 'false' : 'true',
    END: projectionOf(level.ends ?? ['id']),
    PROPS: projectionOf(level.claim),
  });
}

/** The parts of `plan/entity` for a plan: pass them to `Executor.readComposed('plan/entity', …)`. */
export function composeEntityPlan(plan: EntityPlan, fragments: ReadonlyMap<string, string>): { PLAN: string; ENTITY: string } {
  const PLAN = plan.level.kind === 'relationships' ? relationshipsLevel(fragments, plan.level, 'e', 'level', 1) : claimsLevel(fragments, plan.level);
  return { PLAN, ENTITY: projectionOf(plan.entity) };
}
