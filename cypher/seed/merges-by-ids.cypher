// seed/merges-by-ids — former ids by id (what the seeder compares a seed file's merges with);
// unknown ids give no row.
// $ids: list of former ids
UNWIND $ids AS id
MATCH (m:Merged {id: id})
RETURN m {.*} AS former
