// audit/record — records one write (who, when, what changed) inside the writer's own transaction,
// so an entry exists exactly when its write committed.
// $id: entry id (a UUID)
// $actor: name of the API token that wrote, or "seed:<user>" for the seed command
// $operation: the mutation's name, or "seed"
// $entityIds: ids of the entities, claims and propositions the write touched (searchable)
// $changesJson: JSON text: a list of {area, id, before, after} (stored properties), or a summary of a bulk seed
CREATE (a:AuditEntry {id: $id, at: datetime(), actor: $actor, operation: $operation, entityIds: $entityIds, changesJson: $changesJson})
RETURN a.id AS id
