// entity/list — a filtered, sorted page of entities with the total count.
// $kind: EntityKind or null
// $namePrefix: lower-case prefix of the name or an alias, or null
// $from: 'YYYY-MM-DD' or null — date on or after
// $to: 'YYYY-MM-DD' or null — date on or before
// $country: id of a COUNTRY entity, or null
// $sort: 'NAME' | 'DATE' | 'DATE_DESC'
// $skip: integer offset
// $limit: integer page size
MATCH (e:Entity)
WHERE ($kind IS NULL OR e.kind = $kind)
  AND ($namePrefix IS NULL OR toLower(e.name) STARTS WITH $namePrefix
       OR any(a IN e.aliases WHERE toLower(a) STARTS WITH $namePrefix))
  AND ($from IS NULL OR e.date >= date($from))
  AND ($to IS NULL OR e.date <= date($to))
  AND ($country IS NULL
       OR EXISTS { (e)-[:LOCATED_IN|JURISDICTION_OVER]->(:Entity {id: $country}) }
       OR EXISTS { (e)-[:FILED_WITH]->(:Entity)-[:JURISDICTION_OVER]->(:Entity {id: $country}) }
       OR EXISTS { (e)<-[:ISSUED]-(:Entity)-[:JURISDICTION_OVER]->(:Entity {id: $country}) })
WITH e
ORDER BY
  CASE WHEN $sort = 'NAME' THEN 0 WHEN e.date IS NULL THEN 1 ELSE 0 END,
  CASE WHEN $sort = 'DATE' THEN e.date END ASC,
  CASE WHEN $sort = 'DATE_DESC' THEN e.date END DESC,
  toLower(e.name), e.id
WITH collect(e) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | x {.*}] AS page
