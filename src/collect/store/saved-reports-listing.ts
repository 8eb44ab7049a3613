// Reads fleetcheck's own saved reports back from the inventory's `reports.dir`: which hosts each
// one names, and which files may name any host (unreadable ones, leftovers of interrupted writes).
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { FactResult } from '../../facts/fact-result.js';
import { factFailure } from '../../facts/fact-result.js';
import type { CheckStatus } from '../../model/finding.js';
import type { HostVerdict } from '../../model/host-result.js';
import { printableLine } from '../../text/sanitize.js';

/** Largest saved report read back; a bigger file is reported as unreadable, not half-judged. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

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

/** The errno code of a failed file operation, for messages. */
export const errnoOf = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? 'error';

/** A temporary file `writeFileAtomic` leaves beside its target when the process dies mid-write (`.<name>.<hex>.partial`). */
const LEFTOVER_PARTIAL = /^\..+\.[0-9a-f]{12}\.partial$/;

/** Whether a file name is such a leftover of an interrupted write. */
export const isLeftoverPartial = (name: string): boolean => LEFTOVER_PARTIAL.test(name);

/** What one file of the reports directory is. */
export type ReadOne = { kind: 'report'; report: SavedReport } | { kind: 'unreadable'; reason: string } | { kind: 'ignored' };

/** Reads one saved report file. Throws ENOENT when the file is gone; other errors make it unreadable. */
export async function readOne(file: string): Promise<ReadOne> {
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

