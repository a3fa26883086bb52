/** One config for every tier: unit specs beside the code (src/), e2e specs in test/. */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  // A few of Fastify's helpers ship as ESM only; Jest's CommonJS runtime needs them compiled.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  setupFiles: ['<rootDir>/test/support/fast-check-seed.ts'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
