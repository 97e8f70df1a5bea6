// audit/after — audit entries committed after a seq, in commit order: what a subscription
// delivers (the server's poller reads every new entry; a resuming subscriber its backlog).
// $after: integer seq the entries follow
// $entityIds: only entries that touched one of these ids; null for all
// $limit: integer, at most this many
MATCH (a:AuditEntry) WHERE a.seq > $after AND ($entityIds IS NULL OR any(id IN a.entityIds WHERE id IN $entityIds))
WITH a ORDER BY a.seq
LIMIT $limit
RETURN a {.*, at: toString(a.at)} AS entry
