// entity/complaints-per-country — complaints counted by the country of the regulator they were
// filed with, most first.
// No parameters.
MATCH (c:Entity {kind: 'COMPLAINT'})-[:FILED_WITH]->(:Entity)-[:JURISDICTION_OVER]->(country:Entity {kind: 'COUNTRY'})
RETURN country.id AS countryId, count(DISTINCT c) AS count
ORDER BY count DESC, countryId
