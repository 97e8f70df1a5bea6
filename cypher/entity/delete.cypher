// entity/delete — removes an entity with its relationships, the claims it made, and the claims
// whose only subject it is. Claims about it and others lose only their ABOUT edge to it.
// $id: entity id
MATCH (e:Entity {id: $id})
CALL (e) {
  OPTIONAL MATCH (c:Claim)
  WHERE c.claimantId = e.id OR (EXISTS { (c)-[:ABOUT]->(e) } AND NOT EXISTS { (c)-[:ABOUT]->(o) WHERE o <> e })
  DETACH DELETE c
}
CALL (e) {
  MATCH (c:Claim)-[:ABOUT]->(e)
  SET c.subjectIds = [s IN c.subjectIds WHERE s <> e.id]
}
DETACH DELETE e
RETURN 1 AS deleted
