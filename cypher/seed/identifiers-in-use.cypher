// seed/identifiers-in-use — which stored entities carry the identifier keys of a write (index
// entity_identifiers), so a value is used once per scheme across the graph.
// $keys: list of {key, query}: an identifier key (src/domain/ids.ts identifierKey) and the Lucene
//        query of that one term (identifierQuery)
UNWIND $keys AS k
CALL db.index.fulltext.queryNodes('entity_identifiers', k.query) YIELD node
WITH k, node
WHERE k.key IN node.identifierKeys
RETURN k.key AS key, node.id AS id
