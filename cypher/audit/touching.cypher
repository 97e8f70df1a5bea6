// audit/touching — every audit entry that touched an id (entity, claim or proposition), with its
// recorded changes, oldest first.
// $id: the id searched in each entry's entityIds
MATCH (a:AuditEntry)
WHERE $id IN a.entityIds
RETURN a.id AS id, a.changesJson AS changesJson
ORDER BY a.at, a.id
