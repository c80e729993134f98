// Three tiers, run together by `npm test` or alone with `--selectProjects`:
// unit (mocks only), integration (DynamoDB Local + local SES, started once in globalSetup), stack (CDK).
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': '@swc/jest' },
  // middy and jose ship ESM only; swc turns them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      // Real DynamoDB Local, SES and Chromium on a 2-core machine: generous, so only a hang fails on time.
      testTimeout: 30_000,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    { ...common, displayName: 'stack', testMatch: ['<rootDir>/test/stack/**/*.test.ts'] },
  ],
};
