/** Jest runs the TypeScript sources directly through ts-jest (no build needed). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 120000,
  // Jest's default is one worker less than the cores: one worker on this 2-core machine, every
  // file in turn. Two workers run the suite in about half the time.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
};
