// admin/graph-digest — every node and relationship with all properties, in a stable order, so
// that callers can count and checksum the graph (seeding is all or nothing: tests compare the
// digest before and after a failed run).
// $withAudit: false leaves the audit entries out (the data alone: a restore compares that)
CALL () {
  MATCH (n) WHERE $withAudit OR NOT (n:AuditEntry OR n:AuditSequence)
  WITH n ORDER BY coalesce(n.id, ''), elementId(n)
  RETURN collect([labels(n), properties(n)]) AS nodes
}
CALL () {
  MATCH (a)-[r]->(b)
  WITH a, r, b ORDER BY coalesce(a.id, ''), type(r), coalesce(b.id, ''), coalesce(r.id, '')
  RETURN collect([coalesce(a.id, ''), type(r), coalesce(b.id, ''), properties(r)]) AS rels
}
RETURN nodes, rels
