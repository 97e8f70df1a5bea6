// seed/upsert-merges — creates or replaces former ids: (:Merged {id, into, reason}) says that id
// `id` was merged into entity `into`, which lists it in its formerIds (kept by
// seed/upsert-entities, whose SET would otherwise clear it). Run after the entities are written;
// the merged entity itself is gone (mergeEntities moved what it had, see src/seed/merge.ts).
// $rows: list of {id, props} — props: id (the former id), into, reason
UNWIND $rows AS row
MERGE (m:Merged {id: row.id})
WITH m, row, m.into AS before
SET m = row.props
WITH m, row, before
// A former id re-pointed to another entity leaves the list of the one it answered for before.
CALL (row, before) {
  MATCH (old:Entity {id: before}) WHERE before <> row.props.into
  SET old.formerIds = [x IN coalesce(old.formerIds, []) WHERE x <> row.id]
}
MATCH (e:Entity {id: row.props.into})
SET e.formerIds = CASE WHEN row.id IN coalesce(e.formerIds, []) THEN e.formerIds ELSE coalesce(e.formerIds, []) + row.id END
RETURN count(m) AS written
