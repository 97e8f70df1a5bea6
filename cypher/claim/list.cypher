// claim/list — a filtered, sorted page of claims with the total count. The condition (WHERE) and
// the leading sort keys (ORDER) are compiled from the request by src/db/filters.ts; by default
// oldest first (undated last), and ties always end by date, then id, so that offset cursors
// stay stable. status is the one the seeder stores on each claim (src/domain/evidence.ts).
// $f: map of the filter's values (p0, p1, ...), named by the compiled condition
// $skip: integer offset
// $limit: integer page size
MATCH (c:Claim)
WHERE __WHERE__
WITH c
ORDER BY __ORDER__c.madeOn IS NULL, c.madeOn, c.id
WITH collect(c) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | x {.*}] AS page
