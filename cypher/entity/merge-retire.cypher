// entity/merge-retire — the last step of a merge (src/seed/merge.ts), once everything that named
// $from names $into: the former ids that answered for $from answer for $into, $from becomes a
// former id itself (:Merged {id, into, reason}), $into lists them all in formerIds, and the node
// of $from goes with whatever edges it still has (its relationships, rewritten on $into before).
// $from: id of the entity merged away
// $into: id of the entity that stays
// $reason: why (the curator's words)
MATCH (f:Entity {id: $from}), (t:Entity {id: $into})
CALL (f, t) {
  OPTIONAL MATCH (m:Merged {into: f.id})
  SET m.into = t.id
  RETURN collect(m.id) AS chained
}
CREATE (:Merged {id: f.id, into: t.id, reason: $reason})
WITH f, t, [x IN coalesce(t.formerIds, []) + chained + [f.id] WHERE x IS NOT NULL] AS all
SET t.formerIds = reduce(acc = [], x IN all | CASE WHEN x IN acc THEN acc ELSE acc + x END)
DETACH DELETE f
RETURN t.formerIds AS formerIds
