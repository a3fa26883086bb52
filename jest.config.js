/** One config for every tier: unit specs beside the code (src/), e2e specs in test/. */
const transform = { '^.+\\.ts$': ['@swc/jest'] };

module.exports = {
  testEnvironment: 'node',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
