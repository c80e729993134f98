// Six tiers, run together by `npm test` or alone with `--selectProjects`:
// unit (mocks only), integration (DynamoDB Local + local SES, started once in globalSetup), harness (the
// local stand-ins themselves, not the product), e2e (headless Chromium), faults (the proof suites: injected
// DynamoDB and SES faults, mail sent twice, concurrent requests, on the same local services) and stack (CDK).
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': '@swc/jest' },
  // middy and jose ship ESM only; swc turns them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

// One DynamoDB Local and one local SES for every project that names them: jest runs a global setup file
// once per run, however many projects share it.
const localServices = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  // A global option (jest ignores it inside a project): real DynamoDB Local, SES and Chromium on a 2-core
  // machine need generous time, so that only a hang fails on time.
  testTimeout: 30_000,
  // One file at a time: the cleanup's suites run the scheduled job over the whole table, whose global queues
  // hold every file's due items, so a second file running beside them sees its own items changed under it.
  maxWorkers: 1,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], setupFiles: ['<rootDir>/test/support/unit-env.ts'] },
    { ...common, ...localServices, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, ...localServices, displayName: 'harness', testMatch: ['<rootDir>/test/harness/**/*.test.ts'] },
    { ...common, ...localServices, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...common, ...localServices, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.test.ts'] },
    { ...common, displayName: 'stack', testMatch: ['<rootDir>/test/stack/**/*.test.ts'] },
  ],
};
