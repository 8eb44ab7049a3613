// `fleetcheck scan` (the default command): select, scan concurrently, report, choose the exit code.
import { ALL_CHECKS } from '../checks/catalogue.js';
import { selectChecks } from '../checks/select-checks.js';
import { formatInventoryIssue } from '../inventory/inventory-issue.js';
import { verifyHostFiles } from '../inventory/verify-host-files.js';
import type { Host, Inventory } from '../inventory/types.js';
import type { HostResult } from '../model/host-result.js';
import { buildReport, type Report } from '../report/report.js';
import { checkOutputPlaces, parseOutputs, writeOutputs } from '../report/report-outputs.js';
import { LIVE_TRANSPORTS } from '../collect/transports.js';
import { SavedReportsIndex } from '../collect/store/saved-reports-index.js';
import { ProviderSystemsIndex } from '../collect/provider/provider-systems-index.js';
import { providerSystemsReport } from '../report/provider-systems-report.js';
import { saveReportWithout } from '../report/save-report.js';
import { hostsPastRetention } from '../contract/store-policy.js';
import { runFleet } from '../runner/run-fleet.js';
import { scanHost } from '../runner/scan-host.js';
import { openSecretStore } from '../secrets/open-secret-store.js';
import { isoDay } from '../contract/policy-dates.js';
import { applyWaivers } from '../waivers/apply-waivers.js';
import { unknownWaiverChecks } from '../waivers/waiver-issues.js';
import { fleetcheckVersion } from '../version.js';
import { ExitCode } from './exit-codes.js';
import { exitCodeFor } from './exit-code-for.js';
import { loadSelection, type SelectionFlags } from './load-selection.js';
import { changeSummary } from './change-summary.js';
import { progressOn } from './progress.js';
import { writeWhole } from './stdout-writes.js';
import type { RunTally } from './run-tally.js';
import { configError, usageError } from './usage-error.js';

/** Flags of the scan command, as commander parsed them. */
export interface ScanFlags extends SelectionFlags {
  check: string[];
  /** `--format`; undefined when not given (then table, unless `--report` names the outputs). */
  format?: string;
  output?: string;
  /** `--report FORMAT[:PATH]`, repeatable: several outputs in one run. */
  report?: string[];
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
  /** Print first what changed since the newest earlier saved report of the same selection. */
  changes?: boolean;
}

/** Where the scan writes and what it listens to; the CLI entry passes the real process's. */
export interface ScanIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Fires when the operator asks to stop (SIGINT): no new host starts. */
  stop: AbortSignal;
  color: boolean;
  /** Kept up to date so a second interrupt can say what leaving at once loses. */
  tally?: RunTally;
}

/**
 * Largest collecting output read from one host: a host that sends more costs its SSH facts one
 * error, not our memory. Sixteen times the largest single file read (1 MiB of sudoers), so a real
 * host never meets it, and small enough that a host full of junk holds little of the scanner.
 */
export const MAX_COLLECT_BYTES = 16 * 1024 * 1024;

/** What a command built on the scan (offboard) adds once the report is made. */
export interface ScanHooks {
  /** Runs before the outputs are written; a code it returns replaces the scan's own (certificates that could not be written). */
  afterReport?(report: Report, context: { inventory: Inventory; hosts: readonly Host[] }): Promise<ExitCode | undefined>;
}

/** Runs a scan; returns the exit code, throws CliError for bad input found before any connection. */
export async function scanCommand(flags: ScanFlags, io: ScanIo, hooks: ScanHooks = {}): Promise<ExitCode> {
  const outputs = parseOutputs(flags);
  if (!outputs.ok) throw usageError(outputs.message);
  const checks = selectChecks(ALL_CHECKS, flags.check);
  if (!checks.ok) throw usageError(checks.message);
  // A write to every BMC of the fleet is never a default: it needs hosts or racks named.
  if (flags.biosPasswordCheck && flags.rack.length === 0 && flags.hosts.every((h) => h.trim() === '')) {
    throw usageError('--bios-password-check writes to each BMC (Bios.ChangePassword): name the hosts with --hosts or --rack');
  }
  const { inventory, hosts } = await loadSelection(flags);
  const fileIssues = [
    ...unknownWaiverChecks(inventory, ALL_CHECKS.map((c) => c.id)),
    ...verifyHostFiles(inventory, hosts, { knownHostsMayBeCreated: flags.acceptNewHostKeys }),
  ];
  if (fileIssues.length > 0) throw configError(fileIssues.map(formatInventoryIssue).join('\n'));

  const places = await checkOutputPlaces(outputs.outputs);
  if (places.length > 0) throw configError(places.map((p) => `cannot write ${p.output.flag}: ${p.reason}`).join('\n'));
  if (flags.changes && !inventory.reports) throw configError(`--changes compares with saved reports: add \`reports: { dir: reports }\` to ${inventory.file}`);
  if (flags.save && !inventory.reports) throw configError(`--save needs a reports directory: add \`reports: { dir: reports }\` to ${inventory.file}`);

  // The saved reports are judged with the store (residue.store-retention); the directory is read once per run.
  const store = openSecretStore(inventory.secrets);
  const savedReports = inventory.reports ? new SavedReportsIndex(inventory.reports.dir) : undefined;
  // The provider's own systems are read once per run, by the first host whose checks need them.
  const providerSystems =
    inventory.provider.systems.length > 0
      ? new ProviderSystemsIndex(inventory.provider.systems, { openSsh: LIVE_TRANSPORTS.openSsh, secrets: store, acceptNewHostKeys: flags.acceptNewHostKeys, maxOutputBytes: MAX_COLLECT_BYTES })
      : undefined;
  const perRack = new Map(inventory.racks.map((r) => [r.name, r.concurrency]));
  const progress = progressOn(io.stderr, hosts.length, flags.progress);
  const onStop = () => progress.note('stopping: no new hosts start; running hosts finish or reach their deadline');
  io.stop.addEventListener('abort', onStop, { once: true });

  const startedAt = new Date();
  io.tally?.planned(hosts.length);
  const outcome = await runFleet(
    hosts,
    {
      global: flags.concurrency ?? inventory.concurrency.global,
      perRack: (rack) => perRack.get(rack) ?? inventory.concurrency.global,
      bmc: inventory.concurrency.bmc,
    },
    (host, slots) => {
      io.tally?.hostStarted();
      return scanHost(host, checks.checks, {
        contractEnd: flags.contractEnd ?? false,
        biosPasswordCheck: flags.biosPasswordCheck ?? false,
        transports: LIVE_TRANSPORTS,
        secrets: store,
        ssh: { acceptNewHostKeys: flags.acceptNewHostKeys, maxOutputBytes: MAX_COLLECT_BYTES },
        ...(savedReports ? { savedReports } : {}),
        ...(providerSystems ? { providerSystems } : {}),
        bmcLimit: slots.bmc,
        provider: inventory.provider,
        now: () => new Date(),
      }).then((result) => applyWaivers(result, inventory.waivers, isoDay(new Date())));
    },
    {
      stop: io.stop,
      onResult: (r: HostResult) => {
        io.tally?.hostFinished();
        progress.hostDone(r);
      },
    },
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
    ...(providerSystems ? { providerSystems: providerSystemsReport(inventory.provider.systems, await providerSystems.settled()) } : {}),
  });
  if (flags.changes && inventory.reports) {
    // Before the report: cron mail is read from its first lines. Beside a machine-readable report on stdout, on stderr.
    const toStdout = outputs.outputs.every((o) => o.path !== undefined || o.format === 'table');
    const summary = await changeSummary(inventory.reports.dir, report);
    if (toStdout) await writeWhole(io.stdout, `${summary}\n`, 'the change summary');
    else io.stderr.write(summary);
  }
  const hookCode = hooks.afterReport ? await hooks.afterReport(report, { inventory, hosts }) : undefined;
  // Each output is written whatever happened to the others; any that failed makes the run exit 78.
  const failures = await writeOutputs(outputs.outputs, report, { toStdout: (text) => writeWhole(io.stdout, text, 'the report'), color: io.color, verbose: flags.verbose === true });
  for (const f of failures) io.stderr.write(`fleetcheck: cannot write ${f.path} (${f.output.format}): ${f.reason}\n`);
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
  if (failures.length > 0) return ExitCode.Config;
  return hookCode ?? exitCodeFor(report);
}
