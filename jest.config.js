/**
 * Two tiers, one run: unit tests (test/unit/*.test.ts: no database, including the Cypher-file
 * and layer checks) and integration tests (test/integration/*.int.test.ts) against the real Neo4j
 * that test/support/global-setup.ts starts once for the whole run. Shared helpers live in
 * test/support/. Suites run serially (--runInBand): Community edition has one user database, so
 * integration suites isolate by cleaning up.
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/integration/**/*.int.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
