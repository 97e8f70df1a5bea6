// graph/search — full-text search over names, aliases, names in other languages and identifier
// values (index entity_search).
// $query: a Lucene query built by src/graphql/search.ts from the user's text, special
//         characters escaped (it is a value, never spliced into Cypher)
// $kinds: list of EntityKind, or null for all
// $limit: integer number of hits
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $limit * 5}) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN node {.*} AS entity, score
ORDER BY score DESC, node.id
LIMIT $limit
