// The table `lab up` and `lab status` print: one row per host, columns padded to fit.

/** One row of the summary. */
export interface SummaryRow {
  host: string;
  ssh: string;
  bmc: string;
  scenario: string;
  state: string;
}

const HEADINGS: SummaryRow = { host: 'HOST', ssh: 'SSH', bmc: 'BMC', scenario: 'SCENARIO', state: 'STATE' };

/** Renders rows under a heading line, columns separated by two spaces. */
export function renderSummaryTable(rows: SummaryRow[]): string {
  const all = [HEADINGS, ...rows];
  const keys = Object.keys(HEADINGS) as (keyof SummaryRow)[];
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  return all
    .map((r) => keys.map((k, i) => (i === keys.length - 1 ? r[k] : r[k].padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}
