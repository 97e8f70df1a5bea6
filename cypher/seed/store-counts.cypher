// seed/store-counts — how many entities, claims and propositions the store holds, from Neo4j's
// count store (no scan). The seeder's comparison skips reading an area the store holds none of:
// an empty store's first load then compares with nothing, as it would after reading.
// No parameters.
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
CALL () { MATCH (p:Proposition) RETURN count(p) AS propositions }
RETURN entities, claims, propositions
