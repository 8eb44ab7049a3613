// `fleetcheck scan` (the default command): select, scan concurrently, report, choose the exit code.
import { constants } from 'node:fs';
import { access, lstat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { ALL_CHECKS } from '../checks/catalogue.js';
import { selectChecks } from '../checks/select-checks.js';
import { formatInventoryIssue } from '../inventory/inventory-issue.js';
import { verifyHostFiles } from '../inventory/verify-host-files.js';
import type { HostResult } from '../model/host-result.js';
import { buildReport, type Report } from '../report/report.js';
import { REPORTERS } from '../report/reporters.js';
import { LIVE_TRANSPORTS } from '../collect/transports.js';
import { SavedReportsIndex } from '../collect/store/saved-reports-index.js';
import { saveReportWithout } from '../report/save-report.js';
import { hostsPastRetention } from '../contract/store-policy.js';
import { runFleet } from '../runner/run-fleet.js';
import { scanHost } from '../runner/scan-host.js';
import { openSecretStore } from '../secrets/open-secret-store.js';
import { isoDay } from '../contract/judging-mode.js';
import { applyWaivers } from '../waivers/apply-waivers.js';
import { unknownWaiverChecks } from '../waivers/waiver-issues.js';
import { fleetcheckVersion } from '../version.js';
import { ExitCode } from './exit-codes.js';
import { loadSelection, type SelectionFlags } from './load-selection.js';
import { progressOn } from './progress.js';
import { configError, usageError } from './usage-error.js';

/** Flags of the scan command, as commander parsed them. */
export interface ScanFlags extends SelectionFlags {
  check: string[];
  format: string;
  output?: string;
  concurrency?: number;
  acceptNewHostKeys: boolean;
  progress: boolean;
  /** Table: every check of every host, not only what needs attention. */
  verbose?: boolean;
  /** Judge every selected host by contract-end rules. */
  contractEnd?: boolean;
  /** Run bios.initial-password (a write) during the contract too. */
  biosPasswordCheck?: boolean;
  /** Also write the JSON report into the inventory's `reports.dir`. */
  save?: boolean;
}

/** Where the scan writes and what it listens to; the CLI entry passes the real process's. */
export interface ScanIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Fires when the operator asks to stop (SIGINT): no new host starts. */
  stop: AbortSignal;
  color: boolean;
}

/** Largest collecting output read from one host: a host that sends more costs one error, not our memory. */
const MAX_COLLECT_BYTES = 32 * 1024 * 1024;

/**
 * Writes `--output`: atomically over a regular file, so a reader (the next cron step, a dashboard)
 * never sees half a report; straight through a symlink, a pipe or a device (`/dev/stdout`), which
 * a rename would replace.
 */
async function writeReportFile(path: string, text: string): Promise<void> {
  try {
    const existing = await lstat(path).catch(() => undefined);
    if (existing && !existing.isFile()) await writeFile(path, text);
    else await writeFileAtomic(path, text, { mode: 0o640 });
  } catch (err) {
    throw configError(`cannot write --output ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Refuses, before any host is scanned, an --output whose directory is not there to write into. */
async function checkOutputPlace(path: string): Promise<void> {
  try {
    await access(dirname(path), constants.W_OK);
  } catch (err) {
    throw configError(`cannot write --output ${path}: its directory ${dirname(path)} is not writable (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The exit code a finished (or stopped) run ends with. */
export function exitCodeFor(report: Report): ExitCode {
  if (report.run.interrupted) return ExitCode.Interrupted;
  if (report.summary.hosts.violation > 0) return ExitCode.Violation;
  if (report.summary.hosts.error > 0) return ExitCode.Incomplete;
  return ExitCode.Compliant;
}

/** Runs a scan; returns the exit code, throws CliError for bad input found before any connection. */
export async function scanCommand(flags: ScanFlags, io: ScanIo): Promise<ExitCode> {
  const reporter = REPORTERS.get(flags.format);
  if (!reporter) throw usageError(`--format '${flags.format}' is not one of: ${[...REPORTERS.keys()].join(', ')}`);
  const checks = selectChecks(ALL_CHECKS, flags.check);
  if (!checks.ok) throw usageError(checks.message);
  const { inventory, hosts } = await loadSelection(flags);
  const fileIssues = [
    ...unknownWaiverChecks(inventory, ALL_CHECKS.map((c) => c.id)),
    ...verifyHostFiles(inventory, hosts, { knownHostsMayBeCreated: flags.acceptNewHostKeys }),
  ];
  if (fileIssues.length > 0) throw configError(fileIssues.map(formatInventoryIssue).join('\n'));

  if (flags.output) await checkOutputPlace(flags.output);
  if (flags.save && !inventory.reports) throw configError(`--save needs a reports directory: add \`reports: { dir: reports }\` to ${inventory.file}`);

  // The saved reports are judged with the store (residue.store-retention); the directory is read once per run.
  const store = openSecretStore(inventory.secrets);
  const savedReports = inventory.reports ? new SavedReportsIndex(inventory.reports.dir) : undefined;
  const perRack = new Map(inventory.racks.map((r) => [r.name, r.concurrency]));
  const progress = progressOn(io.stderr, hosts.length, flags.progress);
  const onStop = () => progress.note('stopping: no new hosts start; running hosts finish or reach their deadline');
  io.stop.addEventListener('abort', onStop, { once: true });

  const startedAt = new Date();
  const outcome = await runFleet(
    hosts,
    {
      global: flags.concurrency ?? inventory.concurrency.global,
      perRack: (rack) => perRack.get(rack) ?? inventory.concurrency.global,
      bmc: inventory.concurrency.bmc,
    },
    (host, slots) =>
      scanHost(host, checks.checks, {
        contractEnd: flags.contractEnd ?? false,
        biosPasswordCheck: flags.biosPasswordCheck ?? false,
        transports: LIVE_TRANSPORTS,
        secrets: store,
        ssh: { acceptNewHostKeys: flags.acceptNewHostKeys, maxOutputBytes: MAX_COLLECT_BYTES },
        ...(savedReports ? { savedReports } : {}),
        bmcLimit: slots.bmc,
        provider: inventory.provider,
        now: () => new Date(),
      }).then((result) => applyWaivers(result, inventory.waivers, isoDay(new Date()))),
    { stop: io.stop, onResult: (r: HostResult) => progress.hostDone(r) },
  );
  progress.finish();
  io.stop.removeEventListener('abort', onStop);

  const report = buildReport({
    version: fleetcheckVersion(),
    startedAt,
    finishedAt: new Date(),
    inventory: inventory.file,
    interrupted: io.stop.aborted,
    selection: { racks: flags.rack, hosts: flags.hosts, checks: checks.checks.map((c) => c.id), hostCount: hosts.length },
    results: outcome.results,
    defaultAccess:
      inventory.defaultAccess.access === 'none'
        ? { mode: 'outside-only' }
        : { mode: 'login', user: inventory.defaultAccess.user, sudo: inventory.defaultAccess.user !== 'root' },
    notScanned: outcome.notStarted,
  });
  if (flags.output) {
    await writeReportFile(flags.output, reporter.render(report, { color: false, verbose: flags.verbose === true }));
  } else {
    io.stdout.write(reporter.render(report, { color: io.color && flags.format === 'table', verbose: flags.verbose === true }));
  }
  if (flags.save && inventory.reports) {
    try {
      // Hosts past retention stay out of the saved copy: no saved report may name them (residue.store-retention).
      const pastRetention = hostsPastRetention(hosts, inventory.provider, isoDay(new Date()));
      const { file, leftOut } = await saveReportWithout(inventory.reports.dir, report, pastRetention);
      // Said to a person at a terminal only: under cron, output is mail.
      if (io.stderr.isTTY) {
        if (leftOut.length > 0) io.stderr.write(`left ${leftOut.length} host(s) past retention out of the saved report\n`);
        io.stderr.write(file === undefined ? 'saved no report: every host in it is past retention\n' : `saved the report as ${file}\n`);
      }
    } catch (err) {
      throw configError(`cannot save the report in ${inventory.reports.dir}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return exitCodeFor(report);
}
