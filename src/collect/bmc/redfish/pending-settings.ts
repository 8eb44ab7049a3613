// What a BMC has staged for the BIOS and applies later: the settings object the Bios resource
// names in `@Redfish.Settings` (DMTF `Bios/Settings`; Lenovo's `Bios/Pending`, Supermicro's
// `Bios/SD`, HPE's lower-case `bios/settings/`) and Dell's job queue, which its Bios/Settings
// links as `Oem.Dell.Jobs` (real capture). Read before and after a write, so that any change the
// write staged can be named; a snapshot that could not be read says so instead of reading as "nothing".
import type { PendingChange } from '../../../facts/bios-password.js';
import { isSuccess, type RedfishReply, type RedfishSession } from '../../../transport/redfish/redfish-session.js';
import { odataLink } from '../../../transport/redfish/redfish-path.js';
import { printableLine } from '../../../text/sanitize.js';

/** The staged state at one moment. */
export interface PendingSnapshot {
  settingsPath?: string;
  /** Attributes of the settings object, when read. */
  attributes?: Record<string, unknown>;
  /** Dell's job queue: the jobs still to run (not completed, failed or cancelled), when read. */
  jobs?: { path: string; ids: string[] };
  /** What could not be read (the settings object, the job queue). */
  unread: string[];
}


type Json = Record<string, unknown>;
/** Most jobs of a Dell queue looked at one by one; a longer queue is reported as unread. */
const MAX_JOBS = 32;
/** Job states of a job that has run: a Dell queue keeps them around, and they stage nothing any more. */
const FINISHED = /^(Completed|CompletedWithErrors|Failed|Aborted|Cancel+ed)$/i;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

const why = (r: RedfishReply): string => (r.ok ? `HTTP ${r.status}` : r.reason);

/** Reads the settings object of `bios` (a Bios resource body) and, on a Dell, its job queue. */
export async function readPending(session: RedfishSession, bios: unknown): Promise<PendingSnapshot> {
  const snapshot: PendingSnapshot = { unread: [] };
  const settingsPath = odataLink(obj(bios)?.['@Redfish.Settings'], ['SettingsObject']);
  if (settingsPath === undefined) return snapshot;
  snapshot.settingsPath = settingsPath;
  const settings = await session.get(settingsPath);
  if (!isSuccess(settings)) {
    snapshot.unread.push(`${printableLine(settingsPath, 120)} (${why(settings)})`);
    return snapshot;
  }
  const attributes = obj(obj(settings.json)?.['Attributes']);
  snapshot.attributes = attributes ?? {};
  const jobsPath = odataLink(obj(obj(settings.json)?.['Oem'])?.['Dell'], ['Jobs']);
  if (jobsPath !== undefined) {
    const jobs = await session.get(jobsPath);
    const members = isSuccess(jobs) ? obj(jobs.json)?.['Members'] : undefined;
    if (!Array.isArray(members)) snapshot.unread.push(`${printableLine(jobsPath, 120)} (${why(jobs)})`);
    else if (members.length > MAX_JOBS) snapshot.unread.push(`${printableLine(jobsPath, 120)} (${members.length} jobs, more than the ${MAX_JOBS} looked at)`);
    else {
      const ids: string[] = [];
      for (const m of members) {
        const link = odataLink({ m }, ['m']);
        if (link === undefined) continue;
        const job = await session.get(link);
        const state = isSuccess(job) ? obj(job.json)?.['JobState'] : undefined;
        if (typeof state !== 'string') snapshot.unread.push(`${printableLine(link, 160)} (${isSuccess(job) ? 'no JobState' : why(job)})`);
        else if (!FINISHED.test(state)) ids.push(printableLine(link, 160));
      }
      snapshot.jobs = { path: jobsPath, ids };
    }
  }
  return snapshot;
}

/** Names of attributes the settings object would change: those whose staged value differs from the current one. Pure. */
export function stagedAttributes(current: Record<string, unknown>, snapshot: PendingSnapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(snapshot.attributes ?? {})) {
    if (JSON.stringify(v) !== JSON.stringify(current[k])) out.set(k, JSON.stringify(v) ?? 'undefined');
  }
  return out;
}

/** What was staged between `before` and `after`: attributes newly staged (or restaged), jobs newly queued. Pure. */
export function pendingCreated(current: Record<string, unknown>, before: PendingSnapshot, after: PendingSnapshot): PendingChange[] {
  const was = stagedAttributes(current, before);
  const now = stagedAttributes(current, after);
  const changes: PendingChange[] = [];
  for (const [name, value] of now) {
    if (was.get(name) === value) continue;
    // A password attribute reads back as null or empty (DSP0268: passwords are null on read);
    // the write set the stored password to itself, so a hidden one can only be that.
    const hidden = value === 'null' || value === '""';
    changes.push({ kind: 'attribute', name: printableLine(name, 64), setsStoredPassword: hidden && /password/i.test(name) });
  }
  const old = new Set(before.jobs?.ids ?? []);
  for (const id of after.jobs?.ids ?? []) if (!old.has(id)) changes.push({ kind: 'job', name: id, setsStoredPassword: false });
  return changes;
}
