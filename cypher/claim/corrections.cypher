// claim/corrections — for each of several claims, the claims that correct it (CORRECTS, incoming)
// and those that supersede it (SUPERSEDES, incoming), oldest first: the batch behind
// Claim.correctedBy, supersededBy and supersededOn.
// $ids: list of claim ids
UNWIND $ids AS id
CALL (id) {
  OPTIONAL MATCH (k:Claim)-[:CORRECTS]->(:Claim {id: id})
  WITH k ORDER BY k.madeOn IS NULL, k.madeOn, k.id
  RETURN collect(k {.*}) AS correctedBy
}
CALL (id) {
  OPTIONAL MATCH (s:Claim)-[:SUPERSEDES]->(:Claim {id: id})
  WITH s ORDER BY s.madeOn IS NULL, s.madeOn, s.id
  RETURN collect(s {.*}) AS supersededBy
}
RETURN id, correctedBy, supersededBy
