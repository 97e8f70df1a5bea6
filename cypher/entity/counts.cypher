// entity/counts — number of entities per kind, most first; kinds with none left out. COUNTS
// (src/store/filters.ts countsPart) reads each asked kind's label from Neo4j's count store, one db
// hit per kind whatever the size of the graph, into rows `row` = {kind, count}; entityCounts asks
// every kind, a totalCount whose filter is only kinds asks those and adds them up.
// No parameters.
__COUNTS__
WITH row WHERE row.count > 0
RETURN row.kind AS kind, row.count AS count
ORDER BY count DESC, kind
