// audit/since — a page of audit entries written at or after a moment, oldest first (the change
// feed), with the total count.
// $since: ISO 8601 date-time (the resolver checks it)
// $skip: integer offset
// $limit: integer page size
MATCH (a:AuditEntry)
WHERE a.at >= datetime($since)
WITH a ORDER BY a.at, a.id
WITH collect(a) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | x {.*, at: toString(x.at)}] AS page
