import type { Config } from 'jest';

// ESM throughout (listr2 11 and parts of oclif are ESM-only): run with NODE_OPTIONS=--experimental-vm-modules.
// ts-jest only transpiles (isolatedModules); `tsc -b` in the test command does the type checking.
const config: Config = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/packages', '<rootDir>/plugins'],
  testMatch: ['**/test/**/*.test.ts', '**/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: {
    '^@geusemaker/kit/version$': '<rootDir>/packages/kit/src/version.ts',
    '^@geusemaker/kit/(.*)$': '<rootDir>/packages/kit/src/$1/index.ts',
    '^@geusemaker/testkit$': '<rootDir>/packages/testkit/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  globalSetup: '<rootDir>/packages/testkit/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/packages/testkit/src/jest/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
