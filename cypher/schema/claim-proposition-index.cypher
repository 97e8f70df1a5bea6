// schema/claim-proposition-index — claims by proposition (status, contradictions).
// No parameters. Idempotent.
CREATE INDEX claim_proposition IF NOT EXISTS FOR (c:Claim) ON (c.propositionId)
