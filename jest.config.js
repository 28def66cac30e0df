/** Jest runs the TypeScript sources as native ES modules through SWC (see README, "Tests"). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'es6' },
  },
];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@app/event-store/testing$': '<rootDir>/libs/event-store/src/testing/index.ts',
    '^@app/event-store/testing/pure$': '<rootDir>/libs/event-store/src/testing/pure.ts',
    '^@app/([a-z-]+)/pure$': '<rootDir>/libs/$1/src/pure.ts',
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  setupFiles: ['<rootDir>/test/jest.setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  testTimeout: 30000,
  // Two workers, each replaced once it holds more than 1.5 GB: ESM test modules are never freed, so
  // one process running every suite grows past 4 GB and slows to a crawl.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1500MB',
};
