// claim/list — a filtered page of claims with the total count, oldest first (undated last).
// status is the one the seeder stores on each claim from the evidence rule (src/evidence.ts).
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
  AND ($status IS NULL OR coalesce(c.status, 'UNCONTESTED') = $status)
WITH c ORDER BY c.madeOn IS NULL, c.madeOn, c.id
WITH collect(c) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | x {.*}] AS page
