/**
 * Three tiers, one run: unit tests (*.test.ts, no database), Cypher-file checks
 * (test/cypher/*.test.ts) and integration tests (*.int.test.ts) against the real Neo4j that
 * test/global-setup.ts starts once for the whole run. Suites run serially (--runInBand):
 * Community edition has one user database, so integration suites isolate by cleaning up.
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
};
