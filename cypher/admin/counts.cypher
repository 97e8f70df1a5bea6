// admin/counts — how many entities, relationships between entities, claims and propositions.
// No parameters.
RETURN COUNT { (:Entity) } AS entities,
       COUNT { (:Entity)-[]->(:Entity) } AS relationships,
       COUNT { (:Claim) } AS claims,
       COUNT { (:Proposition) } AS propositions
