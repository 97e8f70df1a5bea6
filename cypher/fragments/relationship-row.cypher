// fragments/relationship-row — the entries every relationship row carries besides its stored
// properties, inside a map projection of `r` (a relationship of the entity `e`, to the entity `o`):
// its type, its direction seen from `e`, and the ids of its ends (src/db/records.ts reads them).
type: type(r), direction: CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END, otherId: o.id, fromId: startNode(r).id, toId: endNode(r).id
