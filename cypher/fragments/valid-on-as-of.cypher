// fragments/valid-on-as-of — the one "valid on $asOf" predicate over a relationship bound to `r`:
// true when $asOf is null, else when $asOf is within r's validFrom..validTo (either end may be
// open) and, for an effect of a decision (r.isEffect), within one of the spans in which that
// decision was in force (its inForceFrom/inForceTo, compared as 'YYYY-MM-DD' text). Statements
// include it as {{valid-on-as-of}} (src/db/cypher.ts); Community Neo4j has no user functions.
($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo >= date($asOf)) AND (r.isEffect IS NULL OR startNode(r).inForceFrom IS NULL OR any(i IN range(0, size(startNode(r).inForceFrom) - 1) WHERE startNode(r).inForceFrom[i] <= $asOf AND $asOf <= startNode(r).inForceTo[i]))))
