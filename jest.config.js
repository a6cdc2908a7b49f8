// Three projects: `unit` fakes Fabric and runs anywhere; `integration` runs against the real
// local network, which its global setup starts (or reuses) and its teardown stops; `containers` starts
// a hermetic network of containers per test file (test/support/container-network.ts) and needs a Docker engine.
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // @noble/* (used by fabric-gateway's signers) ships ESM only; Jest's CommonJS runtime needs it compiled.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@noble/)'],
  // Tests run against the wire contract's source, so they never see a stale build of it.
  moduleNameMapper: { '^@scf/wire$': '<rootDir>/wire/src/index.ts' },
  // The networks' homes (.scf, .scf-test) are data, not code: once an orderer's Raft log takes a snapshot
  // (etcdraft/snapshot/*.snap, e.g. after the soak's traffic), Jest would count it as an obsolete test snapshot
  // and fail the run.
  modulePathIgnorePatterns: ['<rootDir>/\\.scf'],
};

module.exports = {
  // Integration submits wait for Raft ordering and commit, and restarts wait for nodes to recover
  // (per-project testTimeout is not honoured by Jest, so it is set here for both).
  testTimeout: 180_000,
  // A fixed order of files (see the file): the benchmark's load first, the orderer drills last.
  testSequencer: '<rootDir>/test/support/sequencer.mjs',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/chaincode/test/**/*.test.ts', '<rootDir>/gateway/test/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'containers',
      testMatch: ['<rootDir>/test/containers/**/*.test.ts'],
    },
  ],
};
