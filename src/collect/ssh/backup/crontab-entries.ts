// Turns crontab, anacrontab and cron.{hourly,…} script text into the commands they run; pure.
import type { DumpedFile } from '../../../facts/dumped-file.js';
import type { EnvironmentAssignment, ScheduledCommand } from '../../../facts/backup-schedules.js';
import { isAssignmentLine } from './shell-script-lines.js';

/** Which crontab format a file is written in, by where it lives. */
export type CronFormat = 'system' | 'user' | 'anacron' | 'script';

/** The format of a crontab-ish file from its path, or undefined for a path that is none. */
export function cronFormatOf(path: string): CronFormat | undefined {
  if (path === '/etc/crontab' || path.startsWith('/etc/cron.d/')) return 'system';
  if (path === '/etc/anacrontab') return 'anacron';
  if (/^\/etc\/cron\.(hourly|daily|weekly|monthly)\//.test(path)) return 'script';
  if (path.startsWith('/var/spool/cron/')) return 'user';
  return undefined;
}

// `NAME = value`, the value in group 3. The host writes these lines (64 KiB a file, a line as long):
// the blanks after `=` are taken whole through a lookahead and never given back. `=\s*(.*)$` gave them
// back one by one and read the rest of the line after each, the square of the line when a carriage
// return or U+2028 in it makes `$` fail; given back, they only start the value earlier, before the
// same break, so the first way they match is the only one that can.
export const ENV_LINE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?=(\s*))\2(.*)$/;
const SPECIAL = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)$/;

/** Every command in one crontab-ish file. `script` files count each non-comment line but an assignment as a command. */
export function cronEntries(file: DumpedFile, format: CronFormat): ScheduledCommand[] {
  const entries: ScheduledCommand[] = [];
  const environment: EnvironmentAssignment[] = [];
  const user = format === 'user' ? file.path.slice(file.path.lastIndexOf('/') + 1) : undefined;
  const period = format === 'script' ? /cron\.(\w+)\//.exec(file.path)?.[1] ?? 'periodic' : undefined;
  file.lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const source = `${file.path}:${index + 1}`;
    if (format === 'script') {
      // A run-parts script: its assignments hold for the lines after them, as in any script.
      if (isAssignmentLine(line)) {
        environment.push({ origin: source, text: line });
        return;
      }
      entries.push({ source, when: period!, user: 'root', command: line, environment: [...environment] });
      return;
    }
    const words = line.split(/\s+/);
    const first = words[0] ?? '';
    // A variable assignment applies to the lines after it (an entry's first field is never `NAME=`).
    if (ENV_LINE.test(line) && !/^[\d*@]/.test(first)) {
      environment.push({ origin: source, text: line });
      return;
    }
    let whenWords: number;
    if (format === 'anacron') {
      whenWords = 3; // period delay job-identifier
    } else {
      whenWords = SPECIAL.test(first) ? 1 : 5;
    }
    const hasUser = format === 'system';
    const needed = whenWords + (hasUser ? 1 : 0) + 1;
    if (words.length < needed) return;
    const when = words.slice(0, whenWords).join(' ');
    const entryUser = hasUser ? words[whenWords] : format === 'anacron' ? 'root' : user;
    // Keep the command's own spacing: cut the line after the leading fields.
    let rest = line;
    for (let i = 0; i < whenWords + (hasUser ? 1 : 0); i++) rest = rest.replace(/^\S+\s+/, '');
    entries.push({ source, when, ...(entryUser ? { user: entryUser } : {}), command: rest, environment: [...environment] });
  });
  return entries;
}
