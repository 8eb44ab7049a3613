// The terminal format: one row per host and check, evidence under what failed, a summary line.
import type { CheckStatus } from '../model/finding.js';
import type { HostVerdict } from '../model/host-result.js';
import { printableLine } from '../text/sanitize.js';
import type { Report } from './report.js';
import type { Reporter } from './reporter.js';

const SGR: Record<string, string> = { red: '31', green: '32', yellow: '33', magenta: '35', dim: '2', bold: '1' };
const STATUS_COLOUR: Record<CheckStatus, string> = { pass: 'green', fail: 'red', warn: 'yellow', error: 'magenta', skip: 'dim' };
const VERDICT_COLOUR: Record<HostVerdict, string> = { compliant: 'green', violation: 'red', error: 'magenta' };

function paint(text: string, colour: string, on: boolean): string {
  return on ? `\x1b[${SGR[colour]}m${text}\x1b[0m` : text;
}

/** Human output for a terminal or a mail body; every cell is made printable again, whatever produced it. */
export const tableReporter: Reporter = {
  name: 'table',
  render(report, { color }) {
    type Row = { host: string; rack: string; verdict: string; verdictColour: string; check: string; status: CheckStatus; message: string; evidence: string[] };
    const rows: Row[] = [];
    for (const h of report.hosts) {
      h.checks.forEach((c, i) => {
        const waived = !c.waiver ? '' : c.waiver.expired ? ` (waiver expired ${c.waiver.expires})` : ` (waived until ${c.waiver.expires}: ${c.waiver.reason})`;
        rows.push({
          host: i === 0 ? printableLine(h.name, 40) : '',
          rack: i === 0 ? printableLine(h.rack, 20) : '',
          verdict: i === 0 ? h.verdict : '',
          verdictColour: VERDICT_COLOUR[h.verdict],
          check: printableLine(c.id, 60),
          status: c.status,
          message: printableLine(c.message + waived, 160),
          evidence: c.status === 'pass' || c.status === 'skip' ? [] : c.evidence.map((e) => printableLine(`${e.source}  ${e.detail}`, 200)),
        });
      });
    }
    const width = (pick: (r: Row) => string, title: string) => Math.max(title.length, ...rows.map((r) => pick(r).length));
    const w = { host: width((r) => r.host, 'HOST'), rack: width((r) => r.rack, 'RACK'), verdict: width((r) => r.verdict, 'VERDICT'), check: width((r) => r.check, 'CHECK') };
    const statusWidth = 6;
    const lines: string[] = [];
    lines.push(paint(['HOST'.padEnd(w.host), 'RACK'.padEnd(w.rack), 'VERDICT'.padEnd(w.verdict), 'CHECK'.padEnd(w.check), 'STATUS'.padEnd(statusWidth), 'MESSAGE'].join('  '), 'bold', color));
    const evidenceIndent = ' '.repeat(w.host + w.rack + w.verdict + w.check + statusWidth + 10);
    for (const r of rows) {
      const status = r.status === 'pass' || r.status === 'skip' ? r.status : r.status.toUpperCase();
      lines.push(
        [
          r.host.padEnd(w.host),
          r.rack.padEnd(w.rack),
          paint(r.verdict.padEnd(w.verdict), r.verdictColour, color && r.verdict !== ''),
          r.check.padEnd(w.check),
          paint(status.padEnd(statusWidth), STATUS_COLOUR[r.status], color),
          r.message,
        ].join('  ').trimEnd(),
      );
      for (const e of r.evidence) lines.push(evidenceIndent + paint(e, 'dim', color));
    }
    const s = report.summary;
    const notScanned = s.hosts.notScanned > 0 ? `, ${s.hosts.notScanned} not scanned (interrupted)` : '';
    lines.push(
      '',
      `${s.hosts.total} host(s): ${s.hosts.compliant} compliant, ${s.hosts.violation} violation, ${s.hosts.error} error${notScanned}` +
        ` | checks: ${s.checks.pass} pass, ${s.checks.fail} fail, ${s.checks.warn} warn, ${s.checks.error} error, ${s.checks.skip} skip`,
    );
    return lines.join('\n') + '\n';
  },
};
