import { defineConfig } from 'vitest/config';
import { unitProject } from './vitest.config.js';

// The mutation run (stryker.config.mjs) runs the unit tests only: the integration project boots
// the lab, and a mutant of the product is judged by whether a test of its logic notices.
export default defineConfig({
  test: {
    ...unitProject.test,
    // Modules stay loaded between the runs of one worker: a mutant is switched on at run time, and
    // reloading every import for each mutant is most of the run's time.
    isolate: false,
    exclude: [
      'node_modules/**',
      // Megabytes of junk through the instrumented parsers (which count every mutant they pass)
      // outlast any per-test deadline; it tests the output limits, which no mutant here touches.
      'test/unit/runner/junk-host.test.ts',
      // vi.mock needs a fresh module graph, which a shared one (isolate: false) cannot give; it
      // tests the YAML loader, outside the mutated files.
      'test/unit/inventory/yaml-source.test.ts',
      // Hundreds of generated inventories per run: tens of seconds for each mutant it reaches in the
      // node-set, duration and date parsers, whose own tests try those mutants directly.
      'test/unit/inventory/parse-inventory.property.test.ts',
    ],
  },
});
