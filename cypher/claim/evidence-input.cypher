// claim/evidence-input — what the evidence rule needs for some propositions: every claim on them
// and every claim those rest on (transitively, whatever its proposition), each with its kind,
// polarity, claimant, bases, day, the first days of its corrections and replacements, and the
// documents it cites, and its stored status (null before its first scoring); onProposition tells
// the claims to score.
// $propositionIds: list of proposition ids
MATCH (c:Claim) WHERE c.propositionId IN $propositionIds
MATCH (c)-[:BASED_ON]->*(b:Claim)
WITH DISTINCT b
CALL (b) {
  OPTIONAL MATCH (k:Claim)-[:CORRECTS]->(b)
  RETURN min(k.madeOn) AS correctedOn
}
CALL (b) {
  OPTIONAL MATCH (s:Claim)-[:SUPERSEDES]->(b)
  RETURN min(s.madeOn) AS supersededOn
}
RETURN b.id AS id, b.propositionId AS propositionId, b.polarity AS polarity, coalesce(b.kind, 'ASSERTION') AS kind,
       b.claimantId AS claimantId, coalesce(b.basedOnIds, []) AS basedOn, coalesce(b.basedOnDocumentIds, []) AS basedOnDocuments,
       b.madeOn AS madeOn, correctedOn, supersededOn, coalesce(b.sourceDocs, []) AS sourceDocuments,
       b.status AS status, b.propositionId IN $propositionIds AS onProposition
