// audit/last-seq — the seq of the last committed audit entry (0 before any): where a server's
// subscriptions start when no cursor says otherwise.
// No parameters.
OPTIONAL MATCH (s:AuditSequence {name: 'audit'})
RETURN coalesce(s.value, 0) AS seq
