// Collects every crontab and every systemd timer with its service, and turns them into scheduled commands.
import type { FactResult } from '../../../facts/fact-result.js';
import type { SshSection } from '../ssh-section.js';
import { cronEntries, cronFormatOf } from './crontab-entries.js';
import type { BackupSchedulesFact, ScheduledCommand, TimerInfo } from '../../../facts/backup-schedules.js';
import { dumpFilesScript } from './file-dump.js';
import { parseSectionRecords } from '../section-framing.js';
import type { DumpedFile } from '../../../facts/dumped-file.js';
import { execCommand, UNIT_DIRS, unitSettings } from './unit-file.js';
import { nameFields } from '../name-framing.js';

/** Largest part of one crontab, cron script or unit file read. */
export const SCHEDULE_READ_LIMIT = 64 * 1024;

/** Every crontab location cron, anacron and run-parts read. */
export const CRON_FILES = [
  '/etc/crontab', '/etc/cron.d/*', '/etc/anacrontab', '/var/spool/cron/crontabs/*', '/var/spool/cron/*',
  '/etc/cron.hourly/*', '/etc/cron.daily/*', '/etc/cron.weekly/*', '/etc/cron.monthly/*',
];

const DIRS = UNIT_DIRS.join(' ');

// Crontabs first, then each timer: the shell's own read finds its Unit= in the timer's first bytes,
// and the timer, its service and the service's drop-ins are dumped right after its `S` record.
const script = `${dumpFilesScript(CRON_FILES, SCHEDULE_READ_LIMIT, 'bs')}
bsu=
for bst in ${UNIT_DIRS.map((d) => `${d}/*.timer`).join(' ')}; do
  [ -f "$bst" ] || continue
  bsn=\${bst##*/}
  fc_e "$bsn"
  case " $bsu " in *" $fc_ev "*) continue ;; esac
  bsu="$bsu $fc_ev"
  bss=
  fc_open file "$bst"
  while IFS= read -r bsl || [ -n "$bsl" ]; do
    case "$bsl" in Unit=*|Unit\\ =*) bss=\${bsl#*=}; bss=\${bss# } ;; esac
  done <<FC_EOF
$(fc_text ${SCHEDULE_READ_LIMIT} "$bst")
FC_EOF
  [ -n "$bss" ] || bss=\${bsn%.timer}.service
  bse=0; [ -e "/etc/systemd/system/timers.target.wants/$bsn" ] && bse=1
  bsp=
  for bsd in ${DIRS}; do [ -f "$bsd/$bss" ] && { bsp="$bsd/$bss"; break; }; done
  fc_e "$bss"; bsse=$fc_ev
  fc_e "$bst"; bste=$fc_ev
  fc_e "$bsp"
  printf '%s S %s %s %s %s\\n' "$M" "$bse" "$bsse" "$bste" "$fc_ev"
  fc_dump ${SCHEDULE_READ_LIMIT + 1} "$bst"
  [ -z "$bsp" ] || fc_dump ${SCHEDULE_READ_LIMIT + 1} "$bsp"
  for bsd in ${DIRS}; do
    for bsi in "$bsd/$bss.d/"*.conf; do fc_dump ${SCHEDULE_READ_LIMIT + 1} "$bsi"; done
  done
done`;

function timerCommands(timer: TimerInfo, files: Map<string, DumpedFile>): ScheduledCommand[] {
  const timerFile = files.get(timer.path);
  const when = timerFile
    ? unitSettings(timerFile)
        .filter((s) => s.section === 'Timer' && /^On[A-Za-z]+$/.test(s.key))
        .map((s) => `${s.key}=${s.value}`)
        .join(' ')
    : '';
  if (!timer.servicePath) return [];
  // Drop-ins override the unit file in name order; all their Exec lines and environment count.
  const dropIn = (p: string): boolean => p.includes(`/${timer.service}.d/`) && p.endsWith('.conf');
  const sources = [timer.servicePath, ...[...files.keys()].filter(dropIn).sort()];
  const environment: string[] = [];
  let user: string | undefined;
  const commands: Array<{ source: string; command: string }> = [];
  for (const path of [...new Set(sources)]) {
    const file = files.get(path);
    if (!file) continue;
    for (const s of unitSettings(file)) {
      if (s.section !== 'Service') continue;
      if (s.key === 'Environment' || s.key === 'EnvironmentFile') environment.push(`${s.key}=${s.value}`);
      else if (s.key === 'User') user = s.value;
      else if (/^Exec(Start|StartPre|StartPost|Stop|StopPost)$/.test(s.key) && s.value !== '') {
        commands.push({ source: `${timer.timer} → ${path}:${s.line}`, command: execCommand(s.value) });
      }
    }
  }
  return commands.map((c) => ({ source: c.source, when: when || timer.timer, user: user ?? 'root', command: c.command, environment }));
}

/** Parses the schedules section's output; pure. */
export function parseSchedulesSection(text: string, marker: string): BackupSchedulesFact {
  const { records, files } = parseSectionRecords(text, marker, SCHEDULE_READ_LIMIT);
  const byPath = new Map(files.filter((f) => f.state === 'read').map((f) => [f.path, f]));
  const timers: TimerInfo[] = [];
  for (const r of records.filter((r) => r.tag === 'S')) {
    const [enabled, service, path, servicePath] = nameFields(r.rest);
    if (!service || !path) continue;
    const timer = path.slice(path.lastIndexOf('/') + 1);
    timers.push({ timer, path, service, ...(servicePath ? { servicePath } : {}), enabled: enabled === '1' });
  }
  const commands: ScheduledCommand[] = [];
  for (const file of byPath.values()) {
    const format = cronFormatOf(file.path);
    if (format) commands.push(...cronEntries(file, format));
  }
  for (const timer of timers) commands.push(...timerCommands(timer, byPath));
  return {
    commands,
    timers,
    unreadable: files.filter((f) => f.state === 'unreadable').map((f) => f.path),
    truncated: files.filter((f) => f.truncated).map((f) => f.path),
  };
}

/** The schedules section of the collecting command. */
export const backupSchedulesSection: SshSection<'ssh.backup-schedules'> = {
  name: 'backup-schedules',
  fact: 'ssh.backup-schedules',
  script,
  parse: (text, marker): FactResult<BackupSchedulesFact> => ({ ok: true, value: parseSchedulesSection(text, marker) }),
};
