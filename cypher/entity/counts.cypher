// entity/counts — number of entities per kind, most first.
// No parameters.
MATCH (e:Entity)
RETURN e.kind AS kind, count(*) AS count
ORDER BY count DESC, kind
