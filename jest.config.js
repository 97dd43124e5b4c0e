const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'es6' },
  },
]

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@payload-config$': '<rootDir>/payload.config.ts',
    '^@payload-types$': '<rootDir>/payload-types.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@collections/(.*)$': '<rootDir>/collections/$1',
    '^@access/(.*)$': '<rootDir>/access/$1',
    '^@fields/(.*)$': '<rootDir>/fields/$1',
    '^@migrations/(.*)$': '<rootDir>/migrations/$1',
  },
  setupFiles: ['<rootDir>/tests/helpers/quietLogs.ts'],
}

/** @type {import('jest').Config} */
export default {
  // Two cores run several test files at once; a Payload start plus logins can take seconds.
  testTimeout: 30_000,
  globalSetup: '<rootDir>/tests/helpers/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/helpers/globalTeardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/tests/int/**/*.test.ts'] },
    { ...common, displayName: 'http', testMatch: ['<rootDir>/tests/http/**/*.test.ts'] },
    { ...common, displayName: 'security', testMatch: ['<rootDir>/tests/security/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
}
