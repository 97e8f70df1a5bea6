// claim/contradictions — propositions that some claims affirm and others deny, with those
// claims (oldest first); with $about, only propositions with a claim about that entity.
// $about: entity id or null
// With $about, the candidates are the propositions of the claims about that entity, found from
// the entity: the cost follows its claims, not the number of propositions in the graph.
CALL () {
  WITH $about AS about WHERE about IS NOT NULL
  MATCH (:Entity {id: about})<-[:ABOUT]-(c:Claim)
  RETURN DISTINCT c.propositionId AS candidate
  UNION
  WITH $about AS about WHERE about IS NULL
  MATCH (each:Proposition)
  RETURN each.id AS candidate
}
MATCH (p:Proposition {id: candidate})
WHERE EXISTS { (:Claim {propositionId: p.id, polarity: 'AFFIRMS'}) }
  AND EXISTS { (:Claim {propositionId: p.id, polarity: 'DENIES'}) }
CALL (p) {
  MATCH (c:Claim {propositionId: p.id})
  WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
  RETURN collect(c {.*}) AS claims
}
RETURN p.id AS propositionId,
       [c IN claims WHERE c.polarity = 'AFFIRMS'] AS affirming,
       [c IN claims WHERE c.polarity = 'DENIES'] AS denying
ORDER BY propositionId
