// schema/claim-claimant-index — claims made by an entity.
// No parameters. Idempotent.
CREATE INDEX claim_claimant IF NOT EXISTS FOR (c:Claim) ON (c.claimantId)
