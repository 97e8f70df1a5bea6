// schema/audit-sequence-unique — the one counter node that numbers audit entries: unique, so
// that replicas starting at once cannot MERGE two of them.
// No parameters. Idempotent.
CREATE CONSTRAINT audit_sequence_unique IF NOT EXISTS FOR (s:AuditSequence) REQUIRE s.name IS UNIQUE
