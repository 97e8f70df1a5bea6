// claim/evidence-scope — the propositions whose lines of evidence a write may change: those of
// the given claims, of every claim that rests on one of them (transitively), of the claims they
// correct or supersede (and those resting on these), the given propositions (where changed
// claims were before), and any with a claim not yet scored.
// $claimIds: list of claim ids
// $propositionIds: list of proposition ids
CALL () {
  MATCH (c:Claim) WHERE c.id IN $claimIds
  MATCH (r:Claim)-[:BASED_ON]->*(c)
  RETURN r.propositionId AS id
  UNION
  MATCH (c:Claim)-[:CORRECTS|SUPERSEDES]->(t:Claim) WHERE c.id IN $claimIds
  MATCH (r:Claim)-[:BASED_ON]->*(t)
  RETURN r.propositionId AS id
  UNION
  UNWIND $propositionIds AS id
  RETURN id
  UNION
  MATCH (c:Claim) WHERE c.status IS NULL
  RETURN c.propositionId AS id
}
RETURN collect(DISTINCT id) AS propositionIds
