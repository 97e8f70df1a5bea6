// graph/path — a shortest path between two entities over Entity-to-Entity relationships
// (claims are not stepping stones). The hop bound in the pattern is the API's maximum (10);
// $maxHops cuts below it, since a variable-length bound cannot be a parameter.
// $from: entity id
// $to: entity id
// $maxHops: integer 1..10
// $asOf: 'YYYY-MM-DD' or null — only relationships valid on that date (an effect of a decision
//        only while the decision is in force: see relationship/of-entities)
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..10]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity)
  AND all(r IN relationships(p) WHERE {{valid-on-as-of}})
WITH p WHERE length(p) <= $maxHops
RETURN [n IN nodes(p) | n {.*}] AS nodes,
       [r IN relationships(p) | r {.*, type: type(r), startId: startNode(r).id, endId: endNode(r).id}] AS rels
