// entity/delete — removes an entity with its relationships, the claims it made, and the claims
// whose only subject it is. Claims about it and others lose only their ABOUT edge to it.
// Returns everything it removed, as stored, for the audit log.
// $id: entity id
MATCH (e:Entity {id: $id})
WITH e, e {.*} AS entity,
     [(e)-[r]-(o:Entity) | r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}] AS relationships
CALL (e) {
  OPTIONAL MATCH (c:Claim)
  WHERE c.claimantId = e.id OR (EXISTS { (c)-[:ABOUT]->(e) } AND NOT EXISTS { (c)-[:ABOUT]->(o) WHERE o <> e })
  WITH c, c {.*} AS claim
  DETACH DELETE c
  RETURN collect(claim) AS claims
}
CALL (e) {
  MATCH (c:Claim)-[:ABOUT]->(e)
  SET c.subjectIds = [s IN c.subjectIds WHERE s <> e.id]
}
DETACH DELETE e
RETURN 1 AS deleted, entity, relationships, claims
