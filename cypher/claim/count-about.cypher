// claim/count-about — how many claims a filter keeps when it names an entity they are ABOUT: the
// count starts from that entity (a unique index seek) and reads its claims only, where
// claim/count's MATCH would test the condition on every claim. The condition (WHERE, the whole
// filter, the about condition included) is compiled by src/store/filters.ts.
// $about: id of the entity the claims are about
// $f: map of the filter's values (p0, p1, ...), named by the compiled condition
MATCH (:Entity {id: $about})<-[:ABOUT]-(c:Claim)
WHERE __WHERE__
RETURN count(DISTINCT c) AS total
