// Output formats by name: the one list `--format`, `--report` and the help text are made from.
import { htmlReporter } from './html-reporter.js';
import { jsonReporter } from './json-reporter.js';
import { junitReporter } from './junit-reporter.js';
import { prometheusReporter } from './prometheus-reporter.js';
import type { Reporter } from './reporter.js';
import { tableReporter } from './table-reporter.js';

/** Every format `--format` and `--report` accept. */
export const REPORTERS: ReadonlyMap<string, Reporter> = new Map([jsonReporter, tableReporter, junitReporter, prometheusReporter, htmlReporter].map((r) => [r.name, r]));

/** The format names, for the command line's choices. */
export const REPORT_FORMATS: readonly string[] = [...REPORTERS.keys()];
