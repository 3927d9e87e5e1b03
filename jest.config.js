// One jest run for unit tests (shared/) and API integration tests (cloud/ against the real
// embedded database). Decorator metadata matters to Midway, so swc emits it.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2021',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@gongzhi/shared$': '<rootDir>/shared/src/index.ts' },
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 60_000,
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  globalTeardown: '<rootDir>/tests/support/global-teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'api',
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/support/api-env.js'],
    },
    { ...common, displayName: 'process', testMatch: ['<rootDir>/tests/process/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
    {
      ...common,
      displayName: 'fuzz',
      testMatch: ['<rootDir>/tests/fuzz/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/support/api-env.js'],
    },
  ],
};
