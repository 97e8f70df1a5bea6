/**
 * The planner's one statement (src/graphql/plan.ts): `plan/entity`, its parts composed from the
 * fragments of cypher/ by src/db/compose.ts for the plan's shape, run with the plan's parameters.
 */
import path from 'node:path';
import { loadFragments } from '../db/cypher';
import { composeEntityPlan, EntityPlan } from '../db/compose';
import type { Executor, Row } from '../db/executor';

/** The fragments of cypher/, read once per folder. */
const fragmentsByDir = new Map<string, Map<string, string>>();
/** Composed parts by plan: a request's plan has one of few shapes, each composed once. */
const composed = new Map<string, { PLAN: string; ENTITY: string }>();
const MAX_COMPOSED = 500;

function partsOf(plan: EntityPlan, rootDir: string): { PLAN: string; ENTITY: string } {
  const key = `${rootDir}\n${JSON.stringify(plan)}`;
  let parts = composed.get(key);
  if (!parts) {
    const dir = path.join(rootDir, 'cypher');
    let fragments = fragmentsByDir.get(dir);
    if (!fragments) fragmentsByDir.set(dir, (fragments = loadFragments(dir)));
    parts = composeEntityPlan(plan, fragments);
    if (composed.size >= MAX_COMPOSED) composed.clear();
    composed.set(key, parts);
  }
  return parts;
}

/** The row of an entity's plan: the entity and its levels as maps, or undefined when no entity has that id. */
export async function readEntityPlan(db: Executor, plan: EntityPlan, params: Record<string, unknown>, rootDir: string): Promise<Row | undefined> {
  const [row] = await db.readComposed('plan/entity', partsOf(plan, rootDir), params);
  return row;
}
