// audit/number-entries — gives a seq to the audit entries written before entries were numbered
// (oldest first, by [at, id]), after the counter's value, and moves the counter past them; run at
// start-up after the schema. Idempotent: with every entry numbered it only ensures the counter.
// No parameters.
MERGE (s:AuditSequence {name: 'audit'})
// The counter's write lock first: a write numbering an entry meanwhile waits (see audit/record).
SET s.lock = true
WITH s
CALL (s) {
  MATCH (a:AuditEntry) WHERE a.seq IS NULL
  WITH a ORDER BY a.at, a.id
  WITH collect(a) AS unnumbered
  UNWIND range(0, size(unnumbered) - 1) AS i
  WITH unnumbered[i] AS a, coalesce(s.value, 0) + i + 1 AS seq
  SET a.seq = seq
  RETURN count(a) AS numbered
}
SET s.value = coalesce(s.value, 0) + numbered
RETURN numbered, s.value AS seq
