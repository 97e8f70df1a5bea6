// entity/complaints-per-country — complaints counted by their country (that of the authority
// they were filed with: __COUNTRIES__ is src/store/filters.ts countriesOf over `c`), most first.
// No parameters.
MATCH (c:Entity {kind: 'COMPLAINT'})
UNWIND __COUNTRIES__ AS country
RETURN country.id AS countryId, count(DISTINCT c) AS count
ORDER BY count DESC, countryId
