// relationship/by-keys — relationships by (from, type, to); unknown keys give no row.
// $keys: list of {from, type, to}
UNWIND $keys AS k
MATCH (a:Entity {id: k.from})-[r]->(o:Entity {id: k.to})
WHERE type(r) = k.type
RETURN r {.*, type: type(r), direction: 'OUT', otherId: o.id, fromId: a.id, toId: o.id} AS rel
