// export/claims-page — one page of every claim in id order, for the streamed whole-graph export
// (keyset paging on the unique id).
// $after: the last id of the previous page, or '' for the first page
// $limit: integer page size
MATCH (c:Claim)
WHERE c.id > $after
WITH c ORDER BY c.id LIMIT $limit
RETURN c {.*} AS claim
