// seed/upsert-relationships — creates or replaces relationships, identified by (from, type, to).
// Both ends must exist (the seeder checks references before it writes). A MERGE on a dynamic
// type is planned from the statistics of the first run; on an empty database that plan scans
// every relationship for each row, so a bulk load (rows marked isNew: the seeder knows they are
// absent and nobody else writes) creates them directly instead.
// $rows: list of {from, type, to, props, isNew} — props holds every stored property, dates as
//        strings; isNew: create without looking for an existing one (bulk mode only)
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
CALL (a, b, row) {
  WITH a, b, row WHERE row.isNew
  CREATE (a)-[r:$(row.type)]->(b)
  RETURN r
  UNION
  WITH a, b, row WHERE NOT coalesce(row.isNew, false)
  MERGE (a)-[r:$(row.type)]->(b)
  RETURN r
}
SET r = row.props
SET r.validFrom = date(row.props.validFrom), r.validTo = date(row.props.validTo)
RETURN count(r) AS written
