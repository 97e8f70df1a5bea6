// seed/link-claims — replaces the evidence edges of claims: claim -BASED_ON-> claim,
// claim -BASED_ON_DOCUMENT-> document, claim -QUALIFIES|CORRECTS|SUPERSEDES-> claim, and each
// co-claimant -MADE {joint: true}-> claim. Run after every claim of the write exists, so that a
// claim may rest on one written in the same batch. The ids stay on the claim node too
// (basedOnIds, ...): the edges are for traversal (bases, qualifiers, corrections, references).
// $rows: list of {id, basedOn, basedOnDocuments, qualifies, corrects, supersedes, coClaimants} — lists of ids
UNWIND $rows AS row
MATCH (c:Claim {id: row.id})
CALL (c) {
  MATCH (c)-[old:BASED_ON|BASED_ON_DOCUMENT|QUALIFIES|CORRECTS|SUPERSEDES]->() DELETE old
}
CALL (c) {
  MATCH ()-[old:MADE {joint: true}]->(c) DELETE old
}
CALL (c, row) {
  UNWIND row.basedOn AS id
  MATCH (b:Claim {id: id})
  CREATE (c)-[:BASED_ON]->(b)
}
CALL (c, row) {
  UNWIND row.basedOnDocuments AS id
  MATCH (d:Entity {id: id})
  CREATE (c)-[:BASED_ON_DOCUMENT]->(d)
}
CALL (c, row) {
  UNWIND row.qualifies AS id
  MATCH (q:Claim {id: id})
  CREATE (c)-[:QUALIFIES]->(q)
}
CALL (c, row) {
  UNWIND row.corrects AS id
  MATCH (q:Claim {id: id})
  CREATE (c)-[:CORRECTS]->(q)
}
CALL (c, row) {
  UNWIND row.supersedes AS id
  MATCH (q:Claim {id: id})
  CREATE (c)-[:SUPERSEDES]->(q)
}
CALL (c, row) {
  UNWIND row.coClaimants AS id
  MATCH (who:Entity {id: id})
  CREATE (who)-[:MADE {joint: true}]->(c)
}
RETURN count(c) AS linked
