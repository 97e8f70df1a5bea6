// schema/audit-seq-unique — every audit entry has its own place in commit order (its seq), and
// the change feed and the subscriptions' pollers read entries after a seq through this index.
// No parameters. Idempotent.
CREATE CONSTRAINT audit_seq_unique IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.seq IS UNIQUE
