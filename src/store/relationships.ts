/**
 * The read side of relationships between entities: pages of each entity's relationships (with the
 * entity at the other end), the two-level read of the planner, and relationships by their keys.
 * The one module that knows the relationship statements and their parameters.
 */
import type { Executor, Row } from '../db/executor';
import type { Props } from '../db/records';
import type * as M from '../domain/elements';
import type { Direction } from './generated';
import { KeysetPage, KeysetPageParam, keysetPageOf } from './page';
import { entityFromProps, relationshipFromProps } from './rows';

/** Which relationships of an entity a page holds: of these types (null: all), this way, valid on asOf (null: any day). */
interface RelationshipSelection {
  types: string[] | null;
  direction: Direction;
  asOf: string | null;
}

/** One page of an entity's relationships, with the entities at their other ends. */
interface RelationshipsPage {
  /** The entity id asked. */
  id: string;
  page: KeysetPage<M.Relationship>;
  /** The entities at the other ends of the page's relationships. */
  others: M.Entity[];
}

/** A page row of relationship/of-entities or relationship/two-levels, mapped. */
function relationshipsPage(id: string, row: Row): RelationshipsPage {
  return { id, page: keysetPageOf(row, relationshipFromProps), others: (row.page as Row[]).flatMap((r) => (r.other ? [entityFromProps(r.other)] : [])) };
}

/** One page (the same selection and `page` for each) of the relationships of each entity of `ids`. */
export async function relationshipsOfEntities(db: Executor, args: RelationshipSelection & { ids: readonly string[]; page: KeysetPageParam }): Promise<RelationshipsPage[]> {
  const rows = await db.read('relationship/of-entities', { types: args.types, direction: args.direction, asOf: args.asOf, page: args.page, ids: [...args.ids] });
  return rows.map((r) => relationshipsPage(r.id as string, r));
}


/** A relationship's key: its ends and type. */
interface RelationshipKey {
  from: string;
  type: string;
  to: string;
}

/** The stored properties (with type, fromId, toId) of the relationships of `keys` that are stored, for the exports. */
export async function storedRelationships(db: Executor, keys: readonly RelationshipKey[]): Promise<Props[]> {
  if (keys.length === 0) return [];
  return (await db.read('relationship/by-keys', { keys: keys.map((k) => ({ from: k.from, type: k.type, to: k.to })) })).map((r) => r.rel as Props);
}

/** The relationship of `key`, or null when it is not stored. */
export async function relationshipByKey(db: Executor, key: RelationshipKey): Promise<M.Relationship | null> {
  const [stored] = await storedRelationships(db, [key]);
  return stored ? relationshipFromProps(stored) : null;
}
