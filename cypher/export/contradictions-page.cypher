// export/contradictions-page — one page of propositions in id order with the ids of the claims
// that affirm and deny each (questions, corrected and superseded claims left out, as subgraph's
// CONTRADICTS edges leave them out), so the whole-graph export draws the same CONTRADICTS edges as a view.
// $after: the last proposition id of the previous page, or '' for the first page
// $limit: integer page size
MATCH (p:Proposition)
WHERE p.id > $after
WITH p ORDER BY p.id LIMIT $limit
RETURN p.id AS id,
  COLLECT { MATCH (c:Claim)-[:CONCERNS]->(p) WHERE c.polarity = 'AFFIRMS' AND coalesce(c.kind, '') <> 'QUESTION' AND NOT coalesce(c.status, '') IN ['CORRECTED', 'SUPERSEDED'] RETURN c.id ORDER BY c.id } AS affirming,
  COLLECT { MATCH (c:Claim)-[:CONCERNS]->(p) WHERE c.polarity = 'DENIES' AND coalesce(c.kind, '') <> 'QUESTION' AND NOT coalesce(c.status, '') IN ['CORRECTED', 'SUPERSEDED'] RETURN c.id ORDER BY c.id } AS denying
