// entity/by-ids — entities (documents included) by id; unknown ids give no row.
// $ids: list of entity ids
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e {.*} AS entity
