// plan/entity — one entity and the levels selected below it, in one statement: the planner
// (src/graphql/plan.ts) reads the selection set; src/db/compose.ts writes the levels (below the
// MATCH) from the fragments plan-relationships and plan-claims, each level a CALL subquery
// returning one map, `level`, with only the properties selected, and the entity's projection.
// $id: the entity id
// $levels: list of maps {types, direction, asOf, page}, the arguments of each connection the
//          plan reads, numbered by the composer
MATCH (e:Entity {id: $id})
__PLAN__
RETURN e {__ENTITY__} AS entity, level
