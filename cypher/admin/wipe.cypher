// admin/wipe — deletes every node and relationship (tests and `npm run seed -- --reset`), but the
// audit entries' counter: numbers keep growing across a wipe, so a subscriber's cursor from before
// never points past entries written after it.
// No parameters.
MATCH (n) WHERE NOT n:AuditSequence DETACH DELETE n
