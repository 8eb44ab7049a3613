import { defineConfig } from 'vitest/config';
import { unitProject } from './vitest.config.js';

// The mutation run (stryker.config.mjs) runs the unit tests only: the integration project boots
// the lab, and a mutant of the product is judged by whether a test of its logic notices.
export default defineConfig({
  test: {
    ...unitProject.test,
    exclude: [
      'node_modules/**',
      // Megabytes of junk through the instrumented parsers (which count every mutant they pass)
      // outlast any per-test deadline; it tests the output limits, which no mutant here touches.
      'test/unit/runner/junk-host.test.ts',
      // Hundreds of generated inventories per run: tens of seconds for each mutant it reaches in the
      // node-set, duration and date parsers, whose own tests try those mutants directly.
      'test/unit/inventory/parse-inventory.property.test.ts',
    ],
  },
});
