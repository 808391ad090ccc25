/** Jest runs the TypeScript sources directly through ts-jest (no build needed). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
};
