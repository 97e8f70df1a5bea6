// fragments/relationships-found — the relationships of the entity `e` that a page of
// Entity.relationships reads from: `r` to another entity `o`, of the types $types (null: all),
// in the direction $direction seen from `e` ('OUT' | 'IN' | 'BOTH'), valid on $asOf
// ({{valid-on-as-of}}), collected as `found`, rows {k: ordering key, e: [r, o], o: 1} for
// {{keyset-page}}. The ordering key is [type, lower-cased name of the other end, its id,
// the id of the relationship's start], the last two naming the relationship (from:TYPE:to).
// Included as {{relationships-found}} (relationship/of-entities) or with its names renamed,
// `{{relationships-found e=o1 r=r2 o=o2 $types=$levels[1].types …}}` (src/graphql/compose.ts).
MATCH (e)-[r]-(o:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($direction = 'BOTH' OR ($direction = 'OUT') = (startNode(r) = e))
  AND {{valid-on-as-of}}
WITH collect({k: [type(r), toLower(o.name), o.id, startNode(r).id], e: [r, o], o: 1}) AS found
