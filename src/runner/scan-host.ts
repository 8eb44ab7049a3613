// Scans one host: collect every needed fact, then judge each check; the result is always data.
import type { Check, CheckContext, NeededFacts } from '../checks/check.js';
import type { CollectContext, Collector } from '../collect/collector.js';
import { COLLECTORS } from '../collect/collectors.js';
import type { DefaultCredential } from '../collect/bmc/default-credentials-catalogue.js';
import type { SavedReportsIndex } from '../collect/store/saved-reports-index.js';
import type { ProviderSystemsIndex } from '../collect/provider/provider-systems-index.js';
import type { Transports } from '../collect/transports.js';
import { judgingModeFor } from '../contract/judging-mode.js';
import type { FactResult } from '../facts/fact-result.js';
import type { FactKey, Facts } from '../facts/facts.js';
import type { HostAccess } from '../model/host-access.js';
import { plannedAccess } from './planned-access.js';
import { biosWriteFor } from './bios-write-gate.js';
import type { Host, ProviderPolicy } from '../inventory/types.js';
import type { Finding } from '../model/finding.js';
import { boundFindings } from '../model/evidence-limit.js';
import { verdictOf, type HostResult } from '../model/host-result.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { printableLine } from '../text/sanitize.js';

/** Everything a host scan needs besides the host itself. */
export interface ScanOptions {
  /** SSH, IPMI and Redfish as one bundle; tests pass in-memory ones. */
  transports: Transports;
  secrets: SecretStore;
  ssh: {
    acceptNewHostKeys: boolean;
    /** Output cap for the collecting command: a host that sends more costs one error, not our memory. */
    maxOutputBytes: number;
  };
  /** The vendor default BMC logins; read from catalogue/ when absent. */
  defaultCredentials?: readonly DefaultCredential[];
  /** fleetcheck's saved reports, when the inventory names `reports.dir`: judged for retention. */
  savedReports?: SavedReportsIndex;
  /** The provider's own systems, read once per run whatever the number of hosts (backup.provider-copies). */
  providerSystems?: ProviderSystemsIndex;
  /** Runs BMC work under the run-wide BMC limit, which runFleet holds with the other limits. */
  bmcLimit: <T>(work: () => Promise<T>) => Promise<T>;
  provider: ProviderPolicy;
  now: () => Date;
  /** Judge every host by contract-end rules (`fleetcheck offboard`, `--contract-end`); hosts whose contract has ended are anyway. */
  contractEnd?: boolean;
  /** Run the BIOS password probe (a write) during the contract too (`--bios-password-check`). */
  biosPasswordCheck?: boolean;
}

/** Time a collector gets past the host deadline to notice the abort and clean up before we stop waiting. */
const ABORT_GRACE_MS = 2_000;

function deadlineFailure(host: Host): FactResult<never> {
  return { ok: false, reason: 'timeout', message: `host deadline of ${host.hostTimeoutMs / 1000}s passed before this fact was collected` };
}

/**
 * Runs one collector under the host deadline. The clock starts when the collector starts, so time
 * spent queueing for a BMC slot behind other hosts' slow BMCs is not charged to this host. At the
 * deadline the collector is aborted; if it does not settle within the grace, its facts are
 * reported as timed out without waiting further.
 */
async function underDeadline(host: Host, keys: readonly FactKey[], work: (signal: AbortSignal) => Promise<Facts>): Promise<Facts> {
  if (keys.length === 0) return {};
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Facts>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error('host deadline'));
      setTimeout(() => resolve({}), ABORT_GRACE_MS).unref();
    }, host.hostTimeoutMs);
  });
  try {
    const facts = await Promise.race([work(controller.signal), late]);
    for (const k of keys) {
      const current = facts[k];
      // A fact aborted by the deadline reads as 'interrupted'; the operator needs to know it was the deadline.
      if (!current || (controller.signal.aborted && !current.ok && current.reason === 'interrupted')) {
        (facts as Record<string, FactResult<unknown>>)[k] = deadlineFailure(host);
      }
    }
    return facts;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Collects the facts: each collector of the registry gets the keys it serves and is bounded on its
 * own, so a slow one costs only its own facts; one with a run-wide limit waits for it first, and one
 * that comes `after` another starts once that one has finished on this host.
 */
async function collect(host: Host, keys: FactKey[], options: ScanOptions, collectors: readonly Collector[] = COLLECTORS): Promise<Facts> {
  const context: CollectContext = {
    transports: options.transports,
    secrets: options.secrets,
    provider: options.provider,
    ...(options.savedReports ? { savedReports: options.savedReports } : {}),
    ...(options.providerSystems ? { providerSystems: options.providerSystems } : {}),
    acceptNewHostKeys: options.ssh.acceptNewHostKeys,
    maxOutputBytes: options.ssh.maxOutputBytes,
    biosWrite: biosWriteFor(host, options),
    ...(options.defaultCredentials ? { defaultCredentials: options.defaultCredentials } : {}),
  };
  const started = new Map<string, Promise<Facts>>();
  for (const collector of collectors) {
    const mine = keys.filter((k) => collector.serves.has(k));
    const run = (): Promise<Facts> => underDeadline(host, mine, (signal) => collector.collect(host, mine, context, signal));
    const limited = (): Promise<Facts> => (mine.length === 0 ? Promise.resolve({}) : collector.limit === 'bmc' ? options.bmcLimit(run) : run());
    // Collectors never reject; the catch only keeps a bug in one from holding back the next.
    const before = collector.after === undefined ? undefined : started.get(collector.after);
    started.set(collector.name, before ? before.catch(() => ({})).then(limited) : limited());
  }
  const parts = await Promise.all(started.values());
  return Object.assign({}, ...parts) as Facts;
}

function judge(check: Check<FactKey>, facts: Facts, context: CheckContext): Finding {
  const needed: Record<string, unknown> = {};
  for (const key of check.needs) {
    const fact = facts[key];
    if (!fact || !fact.ok) {
      return { id: check.id, status: 'error', message: printableLine(fact ? fact.message : `${key} was not collected`), evidence: [] };
    }
    needed[key] = fact.value;
  }
  try {
    return { id: check.id, ...check.evaluate(needed as NeededFacts<FactKey>, context) };
  } catch (err) {
    // A bug in one check must not cost the host its other results.
    return { id: check.id, status: 'error', message: printableLine(`internal error in check: ${String(err)}`), evidence: [] };
  }
}

/** Scans one host with the given checks; never throws; each collector works at most the host deadline plus the grace. */
export async function scanHost(host: Host, checks: readonly Check<FactKey>[], options: ScanOptions): Promise<HostResult> {
  const started = Date.now();
  const applicable: Check<FactKey>[] = [];
  const skipped = new Map<string, string>();
  for (const c of checks) {
    const reason = c.notApplicable?.(host) ?? needsLogin(host, c);
    if (reason === undefined) applicable.push(c);
    else skipped.set(c.id, reason);
  }
  const keys = [...new Set(applicable.flatMap((c) => c.needs))];
  const facts = keys.length > 0 ? await collect(host, keys, options) : {};
  const now = options.now();
  const judging = judgingModeFor(host, now, options.contractEnd ?? false);
  const context: CheckContext = { host, provider: options.provider, now, mode: judging.mode, modeReason: judging.why };
  // Bounded here, for every check and every format: one host's junk never outgrows its report.
  const findings: Finding[] = boundFindings(
    checks.map((c) => (skipped.has(c.id) ? { id: c.id, status: 'skip', message: skipped.get(c.id)!, evidence: [] } : judge(c, facts, context))),
  );
  const handshakes = facts['bmc.handshakes'];
  return {
    host: host.name,
    rack: host.rack,
    verdict: verdictOf(findings),
    findings,
    durationMs: Date.now() - started,
    access: accessOf(host, facts),
    ...(handshakes?.ok ? { bmcUnfinishedHandshakes: handshakes.value.unfinished } : {}),
  };
}

/** On an `ssh.access: none` host a check that needs a login is `skip`, never judged on facts it cannot have. */
function needsLogin(host: Host, check: Check<FactKey>): string | undefined {
  if (host.ssh.access !== 'none' || !check.needs.some((k) => k.startsWith('ssh.'))) return undefined;
  return 'not examined: the inventory says ssh.access: none, so fleetcheck does not log in to this host';
}

/** How this run examined the host, for the report. */
function accessOf(host: Host, facts: Facts): HostAccess {
  const login = facts['ssh.login'];
  return plannedAccess(host, login?.ok ? (login.value.keyFingerprint ?? null) : null);
}
