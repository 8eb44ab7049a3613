// Collects every crontab and every systemd timer with its service, and turns them (and the scripts they run) into scheduled commands.
import type { FactResult } from '../../../facts/fact-result.js';
import type { SshSection } from '../ssh-section.js';
import { cronEntries, cronFormatOf } from './crontab-entries.js';
import type { BackupSchedulesFact, ScheduledCommand, TimerInfo } from '../../../facts/backup-schedules.js';
import { parseSectionRecords } from '../section-framing.js';
import { decodeName, nameFields } from '../name-framing.js';
import { followScripts, type ScriptLimit } from './script-chain.js';
import { SCHEDULE_READ_LIMIT, SCHEDULES_SCRIPT } from './schedules-script.js';
import { timerCommands, timerFromRecord, withoutInstantiatedTemplates } from './timer-commands.js';

/** Parses the schedules section's output; pure. */
export function parseSchedulesSection(text: string, marker: string): BackupSchedulesFact {
  const { records, files } = parseSectionRecords(text, marker, SCHEDULE_READ_LIMIT);
  // `K depth name`: a file taken for a script (or a file to source); `L why name`: one a limit kept unread.
  const scripts = new Set(records.filter((r) => r.tag === 'K').map((r) => nameFields(r.rest)[1] ?? ''));
  const limited = new Map<string, ScriptLimit>();
  for (const r of records.filter((r) => r.tag === 'L')) {
    const [why, name] = nameFields(r.rest);
    if (name && !limited.has(name)) limited.set(name, why === 'deep' || why === 'files' ? why : 'many');
  }
  const byPath = new Map(files.filter((f) => f.state === 'read').map((f) => [f.path, f]));
  const scriptUnreadable = new Set(files.filter((f) => f.state === 'unreadable' && scripts.has(f.path)).map((f) => f.path));
  // A crontab or unit file that cannot be read is always a blind spot; a script only when a job runs it.
  const unreadable = new Set(files.filter((f) => f.state === 'unreadable' && !scripts.has(f.path)).map((f) => f.path));
  const truncated = new Set(files.filter((f) => f.truncated && !scripts.has(f.path)).map((f) => f.path));

  const timers: TimerInfo[] = withoutInstantiatedTemplates(
    records.filter((r) => r.tag === 'S').map((r) => timerFromRecord(r.rest)).filter((t): t is TimerInfo => t !== undefined),
  );
  const jobs: ScheduledCommand[] = [];
  for (const file of byPath.values()) {
    const format = cronFormatOf(file.path);
    if (format) jobs.push(...cronEntries(file, format));
  }
  for (const timer of timers) {
    const t = timerCommands(timer, { files: byPath, unreadable: scriptUnreadable });
    jobs.push(...t.commands);
    t.unreadable.forEach((p) => unreadable.add(p));
    t.truncated.forEach((p) => truncated.add(p));
  }
  const followed = followScripts(jobs, { files: byPath, scripts, unreadable: scriptUnreadable, limited });
  followed.unreadable.forEach((p) => unreadable.add(p));
  followed.truncated.forEach((p) => truncated.add(p));
  const programs = [...new Set(records.filter((r) => r.tag === 'X').map((r) => decodeName(r.rest)))];
  return { commands: followed.commands, timers, unreadable: [...unreadable], truncated: [...truncated], programs, notFollowed: followed.notFollowed };
}

/** The schedules section of the collecting command. */
export const backupSchedulesSection: SshSection<'ssh.backup-schedules'> = {
  name: 'backup-schedules',
  fact: 'ssh.backup-schedules',
  script: SCHEDULES_SCRIPT,
  parse: (text, marker): FactResult<BackupSchedulesFact> => ({ ok: true, value: parseSchedulesSection(text, marker) }),
};
