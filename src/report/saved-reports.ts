// fleetcheck's own saved reports: `scan --save` writes the JSON report into the inventory's
// `reports.dir`; residue.store-retention judges them like the secret store (nothing about a host
// past the retention window), and `secrets purge` takes purged hosts out of them.
import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { FactResult } from '../facts/fact-result.js';
import { factFailure } from '../facts/fact-result.js';
import { removeFileDurably, writeFileAtomic } from '../fs/atomic-file.js';
import type { CheckStatus } from '../model/finding.js';
import type { HostVerdict } from '../model/host-result.js';
import { printableLine } from '../text/sanitize.js';
import type { Report } from './report.js';
import type { SavedReportsFact } from '../facts/saved-reports.js';

/** Mode of a saved report: the owner writes, the group (auditors) reads, nobody else. */
export const SAVED_REPORT_MODE = 0o640;
/** Largest saved report read back; a bigger file is reported as unreadable, not half-judged. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** The saved-report file name for a run: its start as an ISO 8601 basic UTC timestamp, e.g. 20261123T014437Z.json. */
export function savedReportName(startedAt: Date, attempt = 0): string {
  // `_n` sorts after the plain name (`-n` would sort before it), so a listing stays in time order.
  const stamp = startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return attempt === 0 ? `${stamp}.json` : `${stamp}_${attempt}.json`;
}

/** Writes the JSON report into `dir` (created 0750 when missing) as `<UTC timestamp>.json`, mode 0640, atomically and never over another report. */
export async function saveReport(dir: string, report: Report): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o750 });
  const text = JSON.stringify(report, null, 2) + '\n';
  const startedAt = new Date(report.run.startedAt);
  for (let attempt = 0; ; attempt++) {
    const file = join(dir, savedReportName(startedAt, attempt));
    try {
      await writeFileAtomic(file, text, { mode: SAVED_REPORT_MODE, noClobber: true });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 99) throw err;
    }
  }
}

const STATUSES = ['pass', 'fail', 'warn', 'error', 'skip'] as const satisfies readonly CheckStatus[];
const VERDICTS = ['compliant', 'violation', 'error'] as const satisfies readonly HostVerdict[];

/** The parts of a saved report that name hosts or count them; everything else is kept as written. */
const SavedReportSchema = z.looseObject({
  schema: z.string().startsWith('fleetcheck/report@'),
  selection: z.looseObject({ hosts: z.array(z.string()), hostCount: z.number().int().min(0) }),
  summary: z.looseObject({ hosts: z.looseObject({}), checks: z.looseObject({}) }),
  hosts: z.array(z.looseObject({ name: z.string(), verdict: z.enum(VERDICTS), checks: z.array(z.looseObject({ status: z.enum(STATUSES) })) })),
  notScanned: z.array(z.looseObject({ name: z.string() })),
});

/** A saved report as read back (unknown fields kept). */
export type SavedReportData = z.infer<typeof SavedReportSchema>;

/** One saved report and the hosts it names. */
export interface SavedReport {
  file: string;
  data: SavedReportData;
  /** Hosts the report holds results for or lists as not scanned. */
  names: ReadonlySet<string>;
}

/** What the reports directory holds. */
export interface SavedReportsListing {
  reports: SavedReport[];
  /** `.json` files that could not be read as fleetcheck reports, and leftovers of interrupted writes (`leftover`); they may name any host. */
  unreadable: Array<{ file: string; reason: string; leftover?: true }>;
}

const errnoOf = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? 'error';

/** A temporary file `writeFileAtomic` leaves beside its target when the process dies mid-write (`.<name>.<hex>.partial`). */
const LEFTOVER_PARTIAL = /^\..+\.[0-9a-f]{12}\.partial$/;

/** Whether a file name is such a leftover of an interrupted write. */
export const isLeftoverPartial = (name: string): boolean => LEFTOVER_PARTIAL.test(name);

/** What one file of the reports directory is. */
type ReadOne = { kind: 'report'; report: SavedReport } | { kind: 'unreadable'; reason: string } | { kind: 'ignored' };

/** Reads one saved report file. Throws ENOENT when the file is gone; other errors make it unreadable. */
async function readOne(file: string): Promise<ReadOne> {
  let text: string;
  try {
    const info = await lstat(file);
    if (!info.isFile()) return { kind: 'ignored' };
    if (info.size > MAX_REPORT_BYTES) return { kind: 'unreadable', reason: `larger than ${MAX_REPORT_BYTES / 1024 / 1024} MiB` };
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') throw err;
    return { kind: 'unreadable', reason: `cannot be read (${errnoOf(err)})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', reason: 'is not valid JSON' };
  }
  const schema = typeof data === 'object' && data !== null ? (data as { schema?: unknown }).schema : undefined;
  if (typeof schema !== 'string' || !schema.startsWith('fleetcheck/report@')) return { kind: 'ignored' };
  const parsed = SavedReportSchema.safeParse(data);
  if (!parsed.success) return { kind: 'unreadable', reason: `is not a well-formed fleetcheck report (at '${parsed.error.issues[0]?.path.join('.') ?? ''}')` };
  const named = new Set([...parsed.data.hosts.map((h) => h.name), ...parsed.data.notScanned.map((h) => h.name)]);
  return { kind: 'report', report: { file, data: parsed.data, names: named } };
}

/**
 * Reads every `*.json` report in `dir` (not recursive). A missing directory holds nothing; one that cannot be listed is a failure. JSON files that are not fleetcheck reports are ignored.
 * A leftover `.<name>.<hex>.partial` of an interrupted write is listed as unreadable (`leftover`): it may name any host.
 */
export async function readSavedReports(dir: string): Promise<FactResult<SavedReportsListing>> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort();
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return { ok: true, value: { reports: [], unreadable: [] } };
    return factFailure('collector', `cannot list the saved reports directory ${printableLine(dir, 200)}: ${errnoOf(err)}`);
  }
  const listing: SavedReportsListing = { reports: [], unreadable: [] };
  for (const name of entries) {
    const file = join(dir, name);
    if (isLeftoverPartial(name)) {
      try {
        if ((await lstat(file)).isFile()) listing.unreadable.push({ file, reason: 'is a leftover of an interrupted write', leftover: true });
      } catch {
        // Gone meanwhile (a write that finished): nothing left over.
      }
      continue;
    }
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    let one: ReadOne;
    try {
      one = await readOne(file);
    } catch {
      continue; // removed while listing
    }
    if (one.kind === 'report') listing.reports.push(one.report);
    else if (one.kind === 'unreadable') listing.unreadable.push({ file, reason: one.reason });
  }
  return { ok: true, value: listing };
}

/** The fact when the inventory keeps no reports. */
export const NO_SAVED_REPORTS: SavedReportsFact = { dir: undefined, naming: [], unreadable: [] };

/** The reports directory, read once per run on first use and answered per host from memory. */
export class SavedReportsIndex {
  #listing: Promise<FactResult<SavedReportsListing>> | undefined;
  constructor(readonly dir: string) {}

  async forHost(name: string): Promise<FactResult<SavedReportsFact>> {
    this.#listing ??= readSavedReports(this.dir);
    const listing = await this.#listing;
    if (!listing.ok) return listing;
    return {
      ok: true,
      value: { dir: this.dir, naming: listing.value.reports.filter((r) => r.names.has(name)).map((r) => r.file), unreadable: listing.value.unreadable },
    };
  }
}

/** What purging hosts does to one saved report. */
export type ReportPurge = { action: 'keep' } | { action: 'delete'; removed: string[] } | { action: 'rewrite'; removed: string[]; data: SavedReportData };

/**
 * A saved report without `hosts`: their results and their not-scanned entries go, the selection's
 * `hosts` (node sets that may name them) becomes the list of the hosts left, and the summary is counted
 * again from what is left. A report that named only those hosts is deleted. Pure.
 */
export function purgeHostsFromReport(data: SavedReportData, hosts: ReadonlySet<string>): ReportPurge {
  const keptHosts = data.hosts.filter((h) => !hosts.has(h.name));
  const keptNotScanned = data.notScanned.filter((h) => !hosts.has(h.name));
  const removed = [...new Set([...data.hosts, ...data.notScanned].map((h) => h.name).filter((n) => hosts.has(n)))].sort();
  if (removed.length === 0) return { action: 'keep' };
  if (keptHosts.length === 0 && keptNotScanned.length === 0) return { action: 'delete', removed };
  const dropped = data.hosts.length - keptHosts.length + (data.notScanned.length - keptNotScanned.length);
  const hostCount = Math.max(keptHosts.length + keptNotScanned.length, data.selection.hostCount - dropped);
  const verdicts: Record<HostVerdict, number> = { compliant: 0, violation: 0, error: 0 };
  const checks: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const h of keptHosts) {
    verdicts[h.verdict]++;
    for (const c of h.checks) checks[c.status]++;
  }
  return {
    action: 'rewrite',
    removed,
    data: {
      ...data,
      selection: { ...data.selection, hosts: [...new Set([...keptHosts, ...keptNotScanned].map((h) => h.name))], hostCount },
      summary: { ...data.summary, hosts: { total: hostCount, ...verdicts, notScanned: keptNotScanned.length }, checks },
      hosts: keptHosts,
      notScanned: keptNotScanned,
    },
  };
}

/** One saved report a purge changes. */
export interface ReportChange {
  file: string;
  purge: Exclude<ReportPurge, { action: 'keep' }>;
}

/** The saved reports that name any of `hosts`, and what purging does to each. Pure. */
export function planReportPurge(listing: SavedReportsListing, hosts: ReadonlySet<string>): ReportChange[] {
  const changes: ReportChange[] = [];
  for (const report of listing.reports) {
    const purge = purgeHostsFromReport(report.data, hosts);
    if (purge.action !== 'keep') changes.push({ file: report.file, purge });
  }
  return changes;
}

/**
 * Applies one change for the purge of `hosts`: the report is read again right before it is rewritten,
 * so that the rewrite starts from what the file holds now, and rewritten atomically (mode 0640) or
 * deleted. A report gone meanwhile needs nothing; one that no longer reads as a report is left alone
 * and reported. Throws errno errors.
 */
export async function applyReportChange(change: ReportChange, hosts: ReadonlySet<string>): Promise<void> {
  let current: ReadOne;
  try {
    current = await readOne(change.file);
  } catch {
    return; // ENOENT: gone already
  }
  if (current.kind !== 'report') throw Object.assign(new Error(`saved report ${change.file} changed`), { code: 'changed and no longer reads as a fleetcheck report' });
  const purge = purgeHostsFromReport(current.report.data, hosts);
  if (purge.action === 'keep') return;
  if (purge.action === 'delete') await removeFileDurably(change.file);
  else await writeFileAtomic(change.file, JSON.stringify(purge.data, null, 2) + '\n', { mode: SAVED_REPORT_MODE });
}

/** Removes a leftover of an interrupted write; one gone meanwhile is fine. Throws other errno errors. */
export async function removeLeftover(file: string): Promise<void> {
  try {
    await removeFileDurably(file);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw err;
  }
}

/**
 * `scan --save`: saves `report` without the hosts in `leaveOut` (hosts past retention, which no saved
 * report may name), its summary recounted as a purge would. When nothing is left, nothing is saved.
 */
export async function saveReportWithout(dir: string, report: Report, leaveOut: ReadonlySet<string>): Promise<{ file: string | undefined; leftOut: string[] }> {
  const named = [...report.hosts.map((h) => h.name), ...report.notScanned.map((h) => h.name)];
  if (!named.some((n) => leaveOut.has(n))) return { file: await saveReport(dir, report), leftOut: [] };
  const purge = purgeHostsFromReport(JSON.parse(JSON.stringify(report)) as SavedReportData, leaveOut);
  if (purge.action === 'keep') return { file: await saveReport(dir, report), leftOut: [] };
  if (purge.action === 'delete') return { file: undefined, leftOut: purge.removed };
  return { file: await saveReport(dir, purge.data as unknown as Report), leftOut: purge.removed };
}
