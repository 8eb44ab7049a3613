// Reading one host's results out of a parsed report, the way every integration test asserts them.
import type { Report } from '../../../src/report/report.js';

/** Check id → status for one host; an unexpired waiver shows as "fail (waived)" when asked. */
export function statusesOf(report: Report, host: string, options: { markWaived?: boolean; omit?: readonly string[] } = {}): Record<string, string> {
  const h = report.hosts.find((x) => x.name === host);
  if (!h) throw new Error(`${host} not in report`);
  return Object.fromEntries(
    h.checks
      .filter((c) => !options.omit?.includes(c.id))
      .map((c) => [c.id, c.status + (options.markWaived && c.waiver && !c.waiver.expired ? ' (waived)' : '')]),
  );
}

/** One host's verdict. */
export function verdictOf(report: Report, host: string): string {
  const h = report.hosts.find((x) => x.name === host);
  if (!h) throw new Error(`${host} not in report`);
  return h.verdict;
}
