// fragments/claims-about-found — the claims about the entity `e` that a page of Entity.claimsAbout
// reads from, collected as `found`: rows {k: ordering key, e: claim, o: 1} for {{keyset-page}},
// oldest first (undated last), then by id. Dates as their ISO text, which sorts as they do: a
// cursor sends its key back as JSON.
MATCH (c:Claim)-[:ABOUT]->(e)
WITH collect({k: [c.madeOn IS NULL, toString(c.madeOn), c.id], e: c, o: 1}) AS found
