// Output formats by name.
import { jsonReporter } from './json-reporter.js';
import type { Reporter } from './reporter.js';
import { tableReporter } from './table-reporter.js';

/** Every format `--format` accepts. */
export const REPORTERS: ReadonlyMap<string, Reporter> = new Map([jsonReporter, tableReporter].map((r) => [r.name, r]));
