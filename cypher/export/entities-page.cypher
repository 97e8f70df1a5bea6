// export/entities-page — one page of every entity (documents included) in id order, for the
// streamed whole-graph export; keyset paging on the unique id, so a page costs the same at the
// end of the graph as at its start. With $withRelationships, each entity's outgoing
// relationships to other entities come along (the edges of the export), in type, target order.
// $after: the last id of the previous page, or '' for the first page
// $limit: integer page size
// $withRelationships: boolean — add each entity's outgoing relationships
MATCH (e:Entity)
WHERE e.id > $after
WITH e ORDER BY e.id LIMIT $limit
RETURN e {.*} AS entity,
  CASE WHEN $withRelationships
    THEN COLLECT { MATCH (e)-[r]->(b:Entity) WITH r, b ORDER BY type(r), b.id RETURN r {.*, type: type(r), fromId: e.id, toId: b.id} }
    ELSE [] END AS relationships
