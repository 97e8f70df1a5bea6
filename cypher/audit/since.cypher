// audit/since — a page of audit entries written at or after a moment, in commit order (the change
// feed: oldest first by seq, see audit/record), with the total count; the page starts after the
// cursor's seq.
// $since: ISO 8601 date-time (the resolver checks it)
// $after: integer seq of the entry the page starts after, or null
// $limit: integer page size
CALL () {
  MATCH (a:AuditEntry) WHERE a.at >= datetime($since)
  RETURN count(a) AS total
}
CALL () {
  MATCH (a:AuditEntry) WHERE a.at >= datetime($since) AND ($after IS NULL OR a.seq > $after)
  WITH a ORDER BY a.seq
  LIMIT $limit + 1
  RETURN collect(a {.*, at: toString(a.at)}) AS rows
}
RETURN total, rows[0..$limit] AS page, [r IN rows[0..$limit] | [r.seq]] AS keys, size(rows) > $limit AS more
