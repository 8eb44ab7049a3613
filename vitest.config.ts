import { defineConfig } from 'vitest/config';

/** The unit tests: pure logic, no lab. The mutation run (vitest.mutation.config.ts) runs these alone. */
export const unitProject = {
  test: {
    name: 'unit',
    include: ['test/unit/**/*.test.ts'],
    // The property tests run hundreds of inventories; beside the lab and the integration
    // project on two cores they can take several seconds. Tests assert behaviour, not time.
    testTimeout: 30_000,
  },
};

// Two projects: fast unit tests on pure logic, and integration tests against the running lab.
export default defineConfig({
  test: {
    projects: [
      unitProject,
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/lab-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          // The lab is one shared fleet; integration files run one at a time so
          // timings and process sampling are not disturbed by each other.
          fileParallelism: false,
        },
      },
    ],
  },
});
