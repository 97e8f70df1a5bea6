/**
 * `npm run test:reliability`: bad input (seeds and GraphQL over HTTP), faults against real Neo4j
 * processes (killed, restarted, SIGTERM under load) and a bounded load run. Files are named
 * *.reliability.ts so that `npm test` (which matches *.test.ts) does not run them. One Neo4j for
 * the run comes from the same global setup as `npm test`; fault scenarios start their own.
 * Figures go to test/artifacts/reliability.json; the summary reporter prints them at the end.
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: ['<rootDir>/test/reliability/**/*.reliability.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/reliability/summary-reporter.js'],
  testTimeout: 180000,
};
