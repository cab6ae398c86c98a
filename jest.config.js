// One Jest run for every kind of test: unit (*.spec.ts), integration against real PostgreSQL and Redis
// (*.int-spec.ts) and end-to-end over HTTP (test/**/*.e2e-spec.ts). Files run in parallel; each gets
// its own database cloned from a migrated template and its own queue prefix (libs/testing).
const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    // swc rewrites the @app/* aliases itself, so globalSetup (which Jest runs outside its module
    // mapper) resolves them too.
    baseUrl: __dirname,
    paths: { '@app/*': ['libs/*/src/index.ts'] },
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,seeds,bench,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  // The API app that startTestApi runs (libs/testing imports no app).
  setupFiles: ['<rootDir>/test/setup-api.ts'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
};
