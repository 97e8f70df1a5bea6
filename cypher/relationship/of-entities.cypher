// relationship/of-entities — one page of relationships for each of several entities (the
// DataLoader batch behind Entity.relationships and the typed fields). Claim edges are not
// relationships of entities: only Entity-to-Entity links count. The other end comes along whole
// so that Relationship.node costs no further call. Read by keyset (as entity/list): the ordering
// key is [type, lower-cased name of the other end, its id, the id of the relationship's start],
// the last two naming the relationship (from:TYPE:to).
// $ids: list of entity ids
// $types: list of relationship types, or null for all
// $direction: 'OUT' | 'IN' | 'BOTH', seen from the entity
// $asOf: 'YYYY-MM-DD' or null — only relationships valid on that date: within validFrom..validTo
//        and, for an effect of a decision (isEffect, e.g. PROHIBITS), within one of the spans in
//        which that decision is in force (inForceFrom/inForceTo, stored from its status history)
// $page: map {after, before, first, last}: the ordering keys (lists ending with an id) the page
//        lies after and before, or null; how many from the window's start, from its end, or null
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  {{relationships-found}}
  // References first, maps for the page only: a hub has thousands of relationships.
  {{keyset-page}}
  CALL (e, sorted, lo, hi) {
    UNWIND sorted[lo..hi] AS x
    WITH x.e[0] AS r, x.e[1] AS o, x.k AS k
    RETURN collect(r {.*, {{relationship-row}}, other: o {.*}}) AS page, collect(k) AS keys
  }
  RETURN total, page, keys, hasPrevious, hasNext
}
RETURN id, total, page, keys, hasPrevious, hasNext
