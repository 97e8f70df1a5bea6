// schema/entity-fulltext — full-text index over names, aliases, names in other languages and
// identifier values for Query.search (and reconciliation). aliasText and labelText hold the
// names joined by " | ", identifierValues the identifiers' values: full-text indexes take string
// properties. Named entity_search since issue 27 added labels and identifiers: the index of a store
// made before (entity_names, names and aliases only) is left unused (drop it by hand).
// No parameters. Idempotent.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasText, e.labelText, e.identifierValues]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }
