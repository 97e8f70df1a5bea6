// entity/countries — the countries of entities, by the paths of the entities filter's `country`
// (src/store/filters.ts: LOCATED_IN or JURISDICTION_OVER a country; filed with, or issued by, a
// body with jurisdiction over it): /reconcile's `country` property. Unknown ids give no row.
// $ids: list of entity ids
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  OPTIONAL MATCH (e)-[:LOCATED_IN|JURISDICTION_OVER]->(k:Entity {kind: 'COUNTRY'})
  RETURN k
  UNION
  OPTIONAL MATCH (e)-[:FILED_WITH]->(:Entity)-[:JURISDICTION_OVER]->(k:Entity {kind: 'COUNTRY'})
  RETURN k
  UNION
  OPTIONAL MATCH (e)<-[:ISSUED]-(:Entity)-[:JURISDICTION_OVER]->(k:Entity {kind: 'COUNTRY'})
  RETURN k
}
WITH id, k WHERE k IS NOT NULL
WITH id, k ORDER BY k.name
RETURN id, collect(DISTINCT {id: k.id, name: k.name}) AS countries
