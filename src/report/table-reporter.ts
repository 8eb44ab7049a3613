// The terminal format: per host what needs attention, evidence under it, and a summary line.
import type { CheckStatus, Finding } from '../model/finding.js';
import type { HostVerdict } from '../model/host-result.js';
import { printableLine } from '../text/sanitize.js';
import { describeAccess, differsFromDefault, type FleetAccess } from '../model/host-access.js';
import type { HostReport, Report } from './report.js';
import type { Reporter } from './reporter.js';

const SGR: Record<string, string> = { red: '31', green: '32', yellow: '33', magenta: '35', dim: '2', bold: '1' };
const STATUS_COLOUR: Record<CheckStatus, string> = { pass: 'green', fail: 'red', warn: 'yellow', error: 'magenta', skip: 'dim' };
const VERDICT_COLOUR: Record<HostVerdict, string> = { compliant: 'green', violation: 'red', error: 'magenta' };
const STATUS_ORDER: readonly CheckStatus[] = ['fail', 'warn', 'error', 'pass', 'skip'];

function paint(text: string, colour: string, on: boolean): string {
  return on ? `\x1b[${SGR[colour]}m${text}\x1b[0m` : text;
}

/** What an operator must look at: failures (waived ones too, marked), warnings and errors. */
const needsAttention = (f: Finding): boolean => f.status === 'fail' || f.status === 'warn' || f.status === 'error';

/** "18 pass, 2 skip" for the findings a compact table leaves out. */
function countsOf(findings: readonly Finding[]): string {
  return STATUS_ORDER.map((s) => [s, findings.filter((f) => f.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

interface Row {
  host: string;
  rack: string;
  verdict: string;
  verdictColour: string;
  check: string;
  status?: CheckStatus;
  message: string;
  evidence: string[];
  dim: boolean;
}

function findingRow(c: Finding): Omit<Row, 'host' | 'rack' | 'verdict' | 'verdictColour'> {
  const waived = !c.waiver ? '' : c.waiver.expired ? ` (waiver expired ${c.waiver.expires})` : ` (waived until ${c.waiver.expires}: ${c.waiver.reason})`;
  const activeWaiver = c.waiver !== undefined && !c.waiver.expired;
  return {
    check: printableLine(c.id, 60),
    status: c.status,
    message: printableLine(c.message + waived, 160),
    // A waived failure is accepted: its row stays, its evidence would only crowd out what is not.
    evidence: needsAttention(c) && !activeWaiver ? c.evidence.map((e) => printableLine(`${e.source}  ${e.detail}`, 200)) : [],
    dim: activeWaiver,
  };
}

/** The rows of one host: every check when verbose, else what needs attention and a count of the rest. */
function hostRows(h: HostReport, verbose: boolean, fleetAccess: FleetAccess | undefined): Row[] {
  const shown = verbose ? h.checks : h.checks.filter(needsAttention);
  const hidden = h.checks.filter((c) => !shown.includes(c));
  const rows = shown.map(findingRow);
  // Said where the host was examined otherwise than the fleet's default (another user, sudo, outside only).
  if (h.access && fleetAccess && differsFromDefault(h.access, fleetAccess)) {
    rows.unshift({ check: 'access', message: printableLine(describeAccess(h.access), 160), evidence: [], dim: false });
  }
  if (hidden.length > 0) {
    rows.push({ check: shown.length === 0 ? `${hidden.length} checks` : '', message: `${shown.length === 0 ? '' : '+ '}${countsOf(hidden)}`, evidence: [], dim: true });
  }
  // A BMC may count each unfinished handshake as a failed login: shown whenever there is one.
  const unfinished = h.bmcUnfinishedHandshakes ?? 0;
  if (unfinished > 0) rows.push({ check: 'bmc handshakes', message: `${unfinished} RMCP+ handshake(s) left unfinished on the BMC (it may count them as failed logins)`, evidence: [], dim: false });
  return rows.map((r, i) => ({
    host: i === 0 ? printableLine(h.name, 40) : '',
    rack: i === 0 ? printableLine(h.rack, 20) : '',
    verdict: i === 0 ? h.verdict : '',
    verdictColour: VERDICT_COLOUR[h.verdict],
    ...r,
  }));
}

/** The provider systems the run examined, one line each, with the sources that could not be read or are not there. */
function providerSystemLines(report: Report, color: boolean): string[] {
  const systems = report.providerSystems ?? [];
  if (systems.length === 0) return [];
  const lines = ['', paint('PROVIDER SYSTEM  ROLE  READ', 'bold', color)];
  for (const p of systems) {
    const name = printableLine(p.name, 80);
    const role = printableLine(p.role, 40);
    if (!p.examined) {
      lines.push(`${name}  ${role}  not examined (no selected check needs it)`);
      continue;
    }
    if (p.reached === false) {
      lines.push(`${name}  ${role}  ${paint('NOT READ', 'red', color)}: ${printableLine(p.message ?? 'unreachable')}`);
      continue;
    }
    const read = p.sources.filter((x) => x.state === 'read').length;
    lines.push(`${name}  ${role}  ${read} of ${p.sources.length} source(s) read, ${p.holdings} place(s) found${p.files > 0 ? `, ${p.files} file(s) searched` : ''}`);
    for (const x of p.sources.filter((x) => x.state !== 'read')) {
      const label = x.state === 'failed' ? paint('could not read', 'red', color) : 'not on the system';
      lines.push(`    ${printableLine(x.source)}: ${label}${x.message ? ` (${printableLine(x.message)})` : ''}`);
    }
  }
  return lines;
}

/**
 * Human output for a terminal or a mail body. By default a host shows only what needs attention
 * (a fleet of compliant hosts is one line each); `verbose` shows every check. Every cell is made
 * printable again, whatever produced it.
 */
export const tableReporter: Reporter = {
  name: 'table',
  render(report, { color, verbose }) {
    const rows = report.hosts.flatMap((h) => hostRows(h, verbose === true, report.defaultAccess));
    const width = (pick: (r: Row) => string, title: string) => Math.max(title.length, ...rows.map((r) => pick(r).length));
    const w = { host: width((r) => r.host, 'HOST'), rack: width((r) => r.rack, 'RACK'), verdict: width((r) => r.verdict, 'VERDICT'), check: width((r) => r.check, 'CHECK') };
    const statusWidth = 6;
    const lines: string[] = [];
    lines.push(paint(['HOST'.padEnd(w.host), 'RACK'.padEnd(w.rack), 'VERDICT'.padEnd(w.verdict), 'CHECK'.padEnd(w.check), 'STATUS'.padEnd(statusWidth), 'MESSAGE'].join('  '), 'bold', color));
    const evidenceIndent = ' '.repeat(w.host + w.rack + w.verdict + w.check + statusWidth + 10);
    for (const r of rows) {
      // Only waived findings are dimmed: their status column says so, as the JSON's `waiver` does.
      const status = r.status === undefined ? '' : r.dim ? 'waived' : r.status === 'pass' || r.status === 'skip' ? r.status : r.status.toUpperCase();
      lines.push(
        [
          r.host.padEnd(w.host),
          r.rack.padEnd(w.rack),
          paint(r.verdict.padEnd(w.verdict), r.verdictColour, color && r.verdict !== ''),
          paint(r.check.padEnd(w.check), 'dim', color && r.dim),
          r.status === undefined ? ' '.repeat(statusWidth) : paint(status.padEnd(statusWidth), r.dim ? 'dim' : STATUS_COLOUR[r.status], color),
          paint(r.message, 'dim', color && r.dim),
        ].join('  ').trimEnd(),
      );
      for (const e of r.evidence) lines.push(evidenceIndent + paint(e, 'dim', color));
    }
    lines.push(...providerSystemLines(report, color));
    const s = report.summary;
    const waived = report.hosts.flatMap((h) => h.checks).filter((c) => c.waiver && !c.waiver.expired).length;
    const notScanned = s.hosts.notScanned > 0 ? `, ${s.hosts.notScanned} not scanned (interrupted)` : '';
    lines.push(
      '',
      `${s.hosts.total} host(s): ${s.hosts.compliant} compliant, ${s.hosts.violation} violation, ${s.hosts.error} error${notScanned}` +
        ` | checks: ${s.checks.pass} pass, ${s.checks.fail} fail${waived > 0 ? ` (${waived} waived)` : ''}, ${s.checks.warn} warn, ${s.checks.error} error, ${s.checks.skip} skip`,
    );
    return lines.join('\n') + '\n';
  },
};
