// seed/upsert-claims — creates or replaces claims by id, with their edges: claimant -MADE->
// claim, claim -ABOUT-> each subject, claim -CONCERNS-> proposition. The ids are also kept on
// the claim node so that every claim read is one projection, without extra matches.
// $rows: list of {id, props} — props: text, claimantId, subjectIds, propositionId, polarity,
//        madeOn (string or null), sourceDocs, sourceQuotes
UNWIND $rows AS row
MERGE (c:Claim {id: row.id})
SET c = row.props
SET c.madeOn = date(row.props.madeOn)
WITH c, row
CALL (c) {
  MATCH (c)-[old:ABOUT|CONCERNS]->() DELETE old
}
CALL (c) {
  MATCH ()-[old:MADE]->(c) DELETE old
}
WITH c, row
MATCH (who:Entity {id: row.props.claimantId})
MATCH (p:Proposition {id: row.props.propositionId})
CREATE (who)-[:MADE]->(c)
CREATE (c)-[:CONCERNS]->(p)
WITH c, row
UNWIND row.props.subjectIds AS subjectId
MATCH (s:Entity {id: subjectId})
CREATE (c)-[:ABOUT]->(s)
RETURN count(DISTINCT c) AS written
