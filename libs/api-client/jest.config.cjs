module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': require('../../jest.swc.cjs') },
  transformIgnorePatterns: ['^(?!.*/node_modules/openapi-fetch/).*/node_modules/'],
  testTimeout: 120000,
};
