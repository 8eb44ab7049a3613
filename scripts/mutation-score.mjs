// Prints the mutation score of the last `npm run mutation` from its JSON report: the whole scope,
// the scope without the backup checks and sections, and each surviving mutant (file:line, mutator, replacement).
import { readFileSync } from 'node:fs';

// A report path may be given; by default the one stryker.config.mjs writes.
const report = JSON.parse(readFileSync(process.argv[2] ?? new URL('../reports/mutation/mutation.json', import.meta.url), 'utf8'));
const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
// The backup checks and sections, with the command classifier and repository reader they share from the catalogue.
const isBackup = (file) => /^src\/(checks|collect\/ssh)\/backup\/|^src\/catalogue\/(backup-command|schedule-repositories)\.ts$/.test(file);

function score(filter) {
  let detected = 0;
  let counted = 0;
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (!filter(file)) continue;
    for (const m of mutants) {
      if (COUNTED.has(m.status)) counted++;
      if (DETECTED.has(m.status)) detected++;
    }
  }
  return { detected, counted, percent: counted === 0 ? 100 : (100 * detected) / counted };
}

const line = (name, s) => `${name}: ${s.percent.toFixed(2)}% (${s.detected} of ${s.counted} mutants detected)`;
const survivors = Object.entries(report.files)
  .flatMap(([file, { mutants }]) => mutants.filter((m) => !DETECTED.has(m.status) && COUNTED.has(m.status)).map((m) => ({ file, ...m })))
  .sort((a, b) => a.file.localeCompare(b.file) || a.location.start.line - b.location.start.line);
for (const m of survivors) {
  console.log(`${m.status === 'NoCoverage' ? 'no test reaches' : 'survived'} ${m.file}:${m.location.start.line} ${m.mutatorName}: ${JSON.stringify(m.replacement ?? '')}`);
}
console.log(line('mutation score, whole scope', score(() => true)));
console.log(line('mutation score without the backup checks and sections', score((f) => !isBackup(f))));
