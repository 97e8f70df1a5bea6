// schema/await-indexes — blocks until new indexes are online, so the first search finds them.
// No parameters.
CALL db.awaitIndexes(300)
