// seed/lock — takes write locks on the stored entities, claims and propositions a curation write
// is about, before the write reads them: two curators editing the same element are serialised, so
// the second compares with (and audits as "before") what the first wrote; no edit is lost unseen.
// Setting and removing a property in one transaction takes the node's lock and leaves it as it was.
// $ids: ids of entities, claims and propositions
UNWIND $ids AS id
CALL (id) {
  OPTIONAL MATCH (e:Entity {id: id})
  OPTIONAL MATCH (c:Claim {id: id})
  OPTIONAL MATCH (p:Proposition {id: id})
  UNWIND [x IN [e, c, p] WHERE x IS NOT NULL] AS n
  SET n._lock = true
  REMOVE n._lock
  RETURN count(n) AS found
}
RETURN sum(found) AS locked
