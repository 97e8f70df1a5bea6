// audit/record — records one write (who, when, what changed) inside the writer's own transaction,
// so an entry exists exactly when its write committed. Its seq comes from the one counter node,
// whose write lock the transaction holds until it commits: a concurrent writer waits here until
// then and takes the next number, so seq order is commit order and numbers have no gaps (a
// rolled-back write takes its number back). Run last in a write, so the lock is held briefly.
// $id: entry id (a UUID)
// $actor: name of the API token that wrote, or "seed:<user>" for the seed command
// $operation: the mutation's name, or "seed"
// $entityIds: ids of the entities, claims and propositions the write touched (searchable)
// $changesJson: JSON text: a list of {area, id, before, after} (stored properties), or a summary of a bulk seed
// $standingChangesJson: JSON text: a list of {claim, before, after}: the claims whose status the write changed
MERGE (s:AuditSequence {name: 'audit'})
// Taken before the counter is read: the read below then sees the last committed value.
SET s.lock = true
WITH s
SET s.value = coalesce(s.value, 0) + 1
CREATE (a:AuditEntry {id: $id, seq: s.value, at: datetime(), actor: $actor, operation: $operation, entityIds: $entityIds, changesJson: $changesJson,
                      standingChangesJson: $standingChangesJson})
RETURN a.id AS id, a.seq AS seq
