// `--format json`: the versioned report, as documented by schema/report.schema.json.
import type { Reporter } from './reporter.js';

/** Machine-readable output for scripts and archives. */
export const jsonReporter: Reporter = {
  name: 'json',
  render: (report) => JSON.stringify(report, null, 2) + '\n',
};
