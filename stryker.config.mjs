// Mutation testing of the logic that decides verdicts: checks, verdict precedence, exit codes,
// contract-end rules, waivers, redaction and the parsers of what hosts print. Run with
// `npm run mutation`; the README (Development > Mutation testing) gives the score and the survivors.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The unit tests alone: the integration project boots the lab.
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // A mutant in code that runs when a module loads (a table, a pattern, a schema) can only be tried
  // by reloading every test that imports it; those few cost most of the run's time, so they are
  // reported as ignored, not tried.
  ignoreStatic: true,
  // The machine (and CI's) has two cores shared with other work.
  concurrency: 2,
  // Stryker rewrites the tsconfig's `extends` and `references` through TypeScript's JavaScript API,
  // which TypeScript 7 no longer has; ours has neither, so the setting names no file. For the same
  // reason there is no type checker plugin: a mutant that would not compile runs like any other.
  tsconfigFile: 'no-tsconfig-to-rewrite',
  // vitest strips types without checking them, so the sandbox needs no `// @ts-nocheck`; left on,
  // Stryker would also write it into the <script> of the HTML golden files.
  disableTypeChecks: false,
  mutate: [
    'src/checks/**/*.ts',
    'src/catalogue/backup-command.ts',
    'src/catalogue/schedule-repositories.ts',
    'src/model/host-result.ts',
    'src/cli/exit-codes.ts',
    'src/cli/exit-code-for.ts',
    'src/cli/hand-back-answer.ts',
    'src/runner/bios-write-gate.ts',
    'src/waivers/**/*.ts',
    'src/contract/**/*.ts',
    'src/model/secret.ts',
    'src/text/sanitize.ts',
    'src/collect/ssh/section-framing.ts',
    'src/collect/ssh/name-framing.ts',
    'src/collect/ssh/authorized-keys-section.ts',
    'src/collect/ssh/residue/*.ts',
    'src/collect/ssh/backup/*.ts',
    'src/inventory/node-set.ts',
    'src/inventory/duration.ts',
    'src/inventory/calendar-date.ts',
  ],
  // A later run tries again only the mutants whose code or tests changed, and reuses the rest.
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The lab's scenario trees hold links into a host's root (dangling here); no unit test reads them.
  ignorePatterns: ['fixtures/lab/scenarios', '.lab', 'test-output', '.stryker-tmp*'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 95, low: 90, break: null },
};
