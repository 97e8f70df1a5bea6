// entity/decisions — decisions, newest first (undated last); optionally only one issuer's.
// $regulator: id of the issuing regulator or court, or null for all
MATCH (d:Entity {kind: 'DECISION'})
WHERE $regulator IS NULL OR EXISTS { (:Entity {id: $regulator})-[:ISSUED]->(d) }
RETURN d {.*} AS entity
ORDER BY d.date IS NULL, d.date DESC, d.id
