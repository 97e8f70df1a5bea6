// schema/merged-into-index — former ids by the entity they now answer for: a merge re-points the
// former ids of the entity it retires, and a merged entity lists its own.
// No parameters. Idempotent.
CREATE INDEX merged_into IF NOT EXISTS FOR (m:Merged) ON (m.into)
