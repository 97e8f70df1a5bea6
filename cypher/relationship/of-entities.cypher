// relationship/of-entities — one page of relationships for each of several entities (the
// DataLoader batch behind Entity.relationships and the typed fields). Claim edges are not
// relationships of entities: only Entity-to-Entity links count. The other end comes along whole
// so that Relationship.node costs no further call.
// $ids: list of entity ids
// $types: list of relationship types, or null for all
// $direction: 'OUT' | 'IN' | 'BOTH', seen from the entity
// $asOf: 'YYYY-MM-DD' or null — only relationships valid on that date: within validFrom..validTo
//        and, for an effect of a decision (isEffect, e.g. PROHIBITS), within one of the spans in
//        which that decision is in force (inForceFrom/inForceTo, stored from its status history)
// $skip: integer offset
// $limit: integer page size
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (e)-[r]-(o:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($direction = 'BOTH' OR ($direction = 'OUT') = (startNode(r) = e))
    AND {{valid-on-as-of}}
  WITH r, o
  ORDER BY type(r), toLower(o.name), o.id
  // References first, maps for the page only: a hub has thousands of relationships.
  WITH collect([r, o]) AS found
  CALL (e, found) {
    UNWIND found[$skip..($skip + $limit)] AS pair
    WITH pair[0] AS r, pair[1] AS o
    RETURN collect(r {.*, type: type(r), direction: CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END, otherId: o.id, fromId: startNode(r).id, toId: endNode(r).id, other: o {.*}}) AS page
  }
  RETURN size(found) AS total, page
}
RETURN id, total, page
