// claim/about-entities — one page of the claims about each of several entities.
// Read by keyset (as claim/list): oldest first (undated last), then by id.
// $ids: list of entity ids
// $page: map {after, before, first, last}: the ordering keys (lists ending with an id) the page
//        lies after and before, or null; how many from the window's start, from its end, or null
UNWIND $ids AS id
CALL (id) {
  MATCH (e:Entity {id: id})
  {{claims-about-found}}
  {{keyset-page}}
  // References first, maps for the page only.
  RETURN total, [r IN sorted[lo..hi] | r.e] AS slice, [r IN sorted[lo..hi] | r.k] AS keys, hasPrevious, hasNext
}
RETURN id, total, [c IN slice | c {.*}] AS page, keys, hasPrevious, hasNext
