// claim/list — a filtered page of claims with the total count, oldest first (undated last).
// The status rule here is the one Claim.status states: DISPUTED when a claim on the same
// proposition has the other polarity; CORROBORATED when another claimant's claim has the same.
// $about: entity id or null — claims with that subject
// $claimant: entity id or null — claims that entity made
// $status: 'UNCONTESTED' | 'CORROBORATED' | 'DISPUTED' or null
// $polarity: 'AFFIRMS' | 'DENIES' or null
// $from: 'YYYY-MM-DD' or null — madeOn on or after
// $to: 'YYYY-MM-DD' or null — madeOn on or before
// $skip: integer offset
// $limit: integer page size
MATCH (c:Claim)
WHERE ($about IS NULL OR EXISTS { (c)-[:ABOUT]->(:Entity {id: $about}) })
  AND ($claimant IS NULL OR c.claimantId = $claimant)
  AND ($polarity IS NULL OR c.polarity = $polarity)
  AND ($from IS NULL OR c.madeOn >= date($from))
  AND ($to IS NULL OR c.madeOn <= date($to))
WITH c, CASE
  WHEN EXISTS { MATCH (o:Claim {propositionId: c.propositionId}) WHERE o.polarity <> c.polarity } THEN 'DISPUTED'
  WHEN EXISTS { MATCH (o:Claim {propositionId: c.propositionId}) WHERE o.polarity = c.polarity AND o.claimantId <> c.claimantId } THEN 'CORROBORATED'
  ELSE 'UNCONTESTED' END AS status
WHERE $status IS NULL OR status = $status
WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
WITH collect(c) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | x {.*}] AS page
