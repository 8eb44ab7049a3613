// Output formats by name: the one list `--format` takes its choices from.
import { jsonReporter } from './json-reporter.js';
import type { Reporter } from './reporter.js';
import { tableReporter } from './table-reporter.js';

/** Every format `--format` accepts, in the order help lists them; a new format adds its reporter here. */
export const REPORTERS: ReadonlyMap<string, Reporter> = new Map([tableReporter, jsonReporter].map((r) => [r.name, r]));

/** The format a report takes when `--format` is not given: the table, for a person at a terminal. */
export const DEFAULT_FORMAT = tableReporter.name;
