// schema/entity-identifiers — full-text index over identifier keys for Query.entityByIdentifier.
// identifierText holds the keys (src/domain/ids.ts identifierKey: scheme, ':', the folded value
// without white space) joined by spaces; the whitespace analyzer keeps each key one term, so a
// lookup is one term seek, then an exact test on identifierKeys.
// No parameters. Idempotent.
CREATE FULLTEXT INDEX entity_identifiers IF NOT EXISTS FOR (e:Entity) ON EACH [e.identifierText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace' } }
