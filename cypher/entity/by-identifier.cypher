// entity/by-identifier — the entity that carries one identifier (index entity_identifiers).
// $key: the identifier's key (src/domain/ids.ts identifierKey)
// $query: the Lucene query of that one term (src/domain/ids.ts identifierQuery)
CALL db.index.fulltext.queryNodes('entity_identifiers', $query) YIELD node
WHERE $key IN node.identifierKeys
RETURN node {.*} AS entity
ORDER BY node.id
LIMIT 1
