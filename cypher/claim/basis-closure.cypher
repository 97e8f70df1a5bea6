// claim/basis-closure — stored claims and every claim they rest on (over BASED_ON, transitively),
// each with the ids it rests on: what the seeder needs to refuse a cycle through stored claims.
// $ids: list of claim ids
MATCH (c:Claim) WHERE c.id IN $ids
MATCH (c)-[:BASED_ON]->*(b:Claim)
RETURN DISTINCT b.id AS id, coalesce(b.basedOnIds, []) AS basedOn
