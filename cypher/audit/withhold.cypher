// audit/withhold — replaces the recorded changes of audit entries by the same changes with the
// erased content withheld: the entries (who, when, which operation, which ids) stay.
// $entries: list of {id, changesJson}
UNWIND $entries AS e
MATCH (a:AuditEntry {id: e.id})
SET a.changesJson = e.changesJson
RETURN count(a) AS entries
