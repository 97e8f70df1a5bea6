// entity/resolve — entities (documents included) by id or by former id: a merged entity's old id
// answers with the entity it was merged into (entity(id:), node(id:), /entities/<id>). Unknown
// ids give no row.
// $ids: list of ids
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
OPTIONAL MATCH (m:Merged {id: id})
OPTIONAL MATCH (merged:Entity {id: m.into})
WITH id, coalesce(e, merged) AS found
WHERE found IS NOT NULL
RETURN id, found {.*} AS entity
