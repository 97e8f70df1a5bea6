// admin/wipe — deletes every node and relationship (tests and `npm run seed -- --reset`).
// No parameters.
MATCH (n) DETACH DELETE n
