// claim/contradictions — propositions with at least one line of evidence on each side (their
// claims are stored DISPUTED by the seeder's evidence rule), with every claim on them, oldest
// first; with $about, only propositions with a claim about that entity.
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
WHERE EXISTS { (:Claim {propositionId: p.id, status: 'DISPUTED'}) }
CALL (p) {
  MATCH (c:Claim {propositionId: p.id})
  WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
  RETURN collect(c {.*}) AS claims
}
RETURN p.id AS propositionId, claims
ORDER BY propositionId
