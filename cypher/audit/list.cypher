// audit/list — a page of audit entries, newest first, with the total count.
// $entityId: only entries that touched this entity, claim or proposition id; null for all
// $skip: integer offset
// $limit: integer page size
MATCH (a:AuditEntry)
WHERE $entityId IS NULL OR $entityId IN a.entityIds
WITH a ORDER BY a.at DESC, a.id DESC
WITH collect(a) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | x {.*, at: toString(x.at)}] AS page
