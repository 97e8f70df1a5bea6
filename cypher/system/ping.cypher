// system/ping — cheapest round trip that proves the database answers (readiness).
// No parameters.
RETURN 1 AS ok
