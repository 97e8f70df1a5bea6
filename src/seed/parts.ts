/**
 * The one label or relationship type a seeding write goes to, as the `__LABEL__` and `__TYPE__`
 * parts of its statement (see Executor's `run(name, params, parts)`).
 */
import { AppError, ErrorCode } from '../errors';
import { ENTITY_LABELS } from '../domain/kinds';
import { RELATIONSHIP_TYPES } from '../domain/relationships';

/**
 * The seeder's writes go one label or relationship type per statement (a dynamic label per row
 * costs Neo4j a token lookup and a plan that cannot use the type): the statement files hold a
 * `__LABEL__` or `__TYPE__` placeholder, filled here from the closed lists of src/domain only,
 * never from input text. Anything else is a programming error and refuses to compose.
 */
function namePart(value: string, allowed: ReadonlySet<string>, what: string): string {
  // `what` reads after "not": "not an entity label", "not a relationship type".
  if (!allowed.has(value) || !/^[A-Za-z][A-Za-z_]*$/.test(value)) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `not ${what}: ${JSON.stringify(value)}`);
  return value;
}

const LABELS: ReadonlySet<string> = new Set(ENTITY_LABELS);

/** The `__LABEL__` part of an entity kind's label (Company, Document, …). */
export function labelPart(label: string): { LABEL: string } {
  return { LABEL: namePart(label, LABELS, 'an entity label') };
}

/** The `__TYPE__` part of a relationship type (FILED_BY, …). */
export function typePart(type: string): { TYPE: string } {
  return { TYPE: namePart(type, RELATIONSHIP_TYPES, 'a relationship type') };
}
