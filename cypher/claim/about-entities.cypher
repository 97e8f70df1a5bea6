// claim/about-entities — one page of the claims about each of several entities.
// Read by keyset (as claim/list): oldest first (undated last), then by id.
// $ids: list of entity ids
// $page: map {after, before, first, last}: the ordering keys (lists ending with an id) the page
//        lies after and before, or null; how many from the window's start, from its end, or null
UNWIND $ids AS id
CALL (id) {
  MATCH (c:Claim)-[:ABOUT]->(:Entity {id: id})
  // Dates as their ISO text, which sorts as they do: a cursor sends its key back as JSON.
  WITH collect({k: [c.madeOn IS NULL, toString(c.madeOn), c.id], e: c, o: 1}) AS found
  WITH found, $page AS pg
  CALL (found, pg) {
    UNWIND found + {{keyset-bounds}} AS row
    WITH row
    ORDER BY row.k[0], row.k[1], row.k[2], row.o
    RETURN collect(row) AS sorted
  }
  {{keyset-window}}
  // References first, maps for the page only.
  RETURN total, [r IN sorted[lo..hi] | r.e] AS slice, [r IN sorted[lo..hi] | r.k] AS keys, hasPrevious, hasNext
}
RETURN id, total, [c IN slice | c {.*}] AS page, keys, hasPrevious, hasNext
