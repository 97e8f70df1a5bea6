// claim/contradictions — propositions that some claims affirm and others deny, with those
// claims (oldest first); with $about, only propositions with a claim about that entity.
// $about: entity id or null
MATCH (p:Proposition)
WHERE EXISTS { (:Claim {propositionId: p.id, polarity: 'AFFIRMS'}) }
  AND EXISTS { (:Claim {propositionId: p.id, polarity: 'DENIES'}) }
  AND ($about IS NULL OR EXISTS { (c:Claim {propositionId: p.id})-[:ABOUT]->(:Entity {id: $about}) })
CALL (p) {
  MATCH (c:Claim {propositionId: p.id})
  WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
  RETURN collect(c {.*}) AS claims
}
RETURN p.id AS propositionId,
       [c IN claims WHERE c.polarity = 'AFFIRMS'] AS affirming,
       [c IN claims WHERE c.polarity = 'DENIES'] AS denying
ORDER BY propositionId
