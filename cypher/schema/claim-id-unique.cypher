// schema/claim-id-unique — every claim has a unique id.
// No parameters. Idempotent.
CREATE CONSTRAINT claim_id_unique IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE
