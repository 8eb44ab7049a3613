// Follows a job's command into the scripts it runs and sources, so what they run is judged as the job's own; pure.
import type { DumpedFile } from '../../../facts/dumped-file.js';
import type { EnvironmentAssignment, ScheduledCommand, ScriptNotFollowed } from '../../../facts/backup-schedules.js';
import { baseNameOf, isAssignmentLine, pathOfWord, SHELLS, scriptLines } from './shell-script-lines.js';

/** How many scripts deep a job is followed (job → script → script …); the collecting command reads no deeper. */
export const SCRIPT_DEPTH_LIMIT = 4;
/** How many scripts one host's jobs may make the collecting command read. */
export const SCRIPT_COUNT_LIMIT = 100;
/** How many regular files the collecting command may open to see whether they are shell scripts (`head -c` of their first line). */
export const SCRIPT_LOOK_LIMIT = 400;
/**
 * How many commands the scripts of one host may yield before the rest is left unjudged: a script run by
 * several jobs is judged once per job (a minimal Debian 12 host's own jobs yield about 2,100).
 */
export const SCRIPT_COMMAND_LIMIT = 20_000;

/** Which limit kept the collecting command from reading a script. */
export type ScriptLimit = 'deep' | 'many' | 'files';

/** How evidence says which limit was reached. */
export function limitReason(limit: ScriptLimit): string {
  if (limit === 'deep') return `deeper than ${SCRIPT_DEPTH_LIMIT} scripts`;
  if (limit === 'many') return `more than ${SCRIPT_COUNT_LIMIT} scripts on the host`;
  return `more than ${SCRIPT_LOOK_LIMIT} files looked at on the host`;
}

/** What the collecting command read of the files jobs name. */
export interface CrawledScripts {
  /** Every file the section read, by path. */
  files: ReadonlyMap<string, DumpedFile>;
  /** Paths the collecting command took for scripts (or files to source) and tried to read. */
  scripts: ReadonlySet<string>;
  /** Of those, the ones it could not read (no permission, a FIFO, a device). */
  unreadable: ReadonlySet<string>;
  /** Scripts it did not read because a limit was reached: too `deep`, too `many` scripts, too many `files` opened. */
  limited: ReadonlyMap<string, ScriptLimit>;
}

/** The commands of the jobs and of every script they lead to, and what could not be followed. */
export interface FollowedScripts {
  commands: ScheduledCommand[];
  unreadable: string[];
  truncated: string[];
  notFollowed: ScriptNotFollowed[];
}

interface ScriptReference {
  path: string;
  /** `source`: `. file` or `source file`, whose variables hold for the rest of the caller. */
  how: 'run' | 'source';
  /** True where the word is certainly run or sourced (a command's first word, after `.` or `sh`); false for any other argument. */
  named: boolean;
}

// Words after which the next word is a command again.
const COMMAND_BEFORE = new Set([
  '&&', '||', '|', ';', '&', 'then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', '(', 'exec', 'sudo', 'nice', 'ionice',
  'nohup', 'time', 'command', 'env', 'chronic', 'setsid', 'systemd-cat', 'run-one', 'flock', 'timeout', 'xargs',
]);

// An output redirection (`2>/dev/null`, `>>log`, `&>`): it may stand anywhere, before the command too,
// and its target is written, not run. An input's stays a reference: `sh < /opt/x.sh` runs it.
const REDIRECTION = /^\d*(?:&>>?|>>?|>&|>\|)/;

/** The absolute paths a command line names, and whether each is certainly run or sourced. */
export function scriptReferences(command: string): ScriptReference[] {
  const words = command.split(/\s+/).filter(Boolean);
  const refs: ScriptReference[] = [];
  let atCommand = true;
  // The word after a bare output redirection is its target; the first word after flock's options its lock file.
  let redirectionTarget = false;
  let lockFile = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (redirectionTarget) {
      redirectionTarget = false;
      continue;
    }
    if (REDIRECTION.test(word)) {
      redirectionTarget = word.replace(REDIRECTION, '') === '';
      continue;
    }
    if (lockFile && !word.startsWith('-') && !/^\d+(?:\.\d+)?$/.test(word) && !/^[;&|]/.test(word)) {
      lockFile = false;
      continue;
    }
    const previous = words[i - 1] ?? '';
    const path = pathOfWord(word);
    if (path) {
      if (previous === '.' || previous === 'source' || /[;&|]\.$/.test(previous)) refs.push({ path, how: 'source', named: true });
      else if (SHELLS.has(baseNameOf(previous))) refs.push({ path, how: 'run', named: true });
      else refs.push({ path, how: 'run', named: atCommand });
    }
    const bare = word.replace(/^[({]+/, '');
    if (atCommand && baseNameOf(bare) === 'flock') lockFile = true;
    atCommand = /[;&|]$/.test(word) || COMMAND_BEFORE.has(baseNameOf(bare)) ||
      (atCommand && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || word.startsWith('-') || /^\d+(?:\.\d+)?[smhd]?$/.test(word)));
  }
  return refs;
}

/** Every job command, then the commands of the scripts each one runs, with the chain in `source`. */
export function followScripts(jobs: readonly ScheduledCommand[], crawled: CrawledScripts): FollowedScripts {
  const commands: ScheduledCommand[] = [];
  const unreadable = new Set<string>();
  const truncated = new Set<string>();
  const notFollowed: ScriptNotFollowed[] = [];
  let cutShort = false;

  const notFollow = (source: string, path: string, reason: string): void => {
    if (!notFollowed.some((n) => n.source === source && n.path === path)) notFollowed.push({ source, path, reason });
  };

  // Judges one command and follows what it names; returns the environment after the files it sources.
  const expandCommand = (command: ScheduledCommand, depth: number, chain: ReadonlySet<string>): EnvironmentAssignment[] => {
    if (commands.length >= SCRIPT_COMMAND_LIMIT) {
      if (!cutShort) notFollow(command.source, '(the rest)', `more than ${SCRIPT_COMMAND_LIMIT} commands in scripts`);
      cutShort = true;
      return command.environment;
    }
    commands.push(command);
    let environment = command.environment;
    for (const ref of scriptReferences(command.command)) {
      if (chain.has(ref.path)) continue;
      if (crawled.unreadable.has(ref.path)) {
        if (ref.named) unreadable.add(ref.path);
        continue;
      }
      const file = crawled.scripts.has(ref.path) ? crawled.files.get(ref.path) : undefined;
      if (!file || file.state !== 'read') {
        const limit = crawled.limited.get(ref.path);
        if (limit && ref.named) notFollow(command.source, ref.path, limitReason(limit));
        continue;
      }
      if (depth >= SCRIPT_DEPTH_LIMIT) {
        notFollow(command.source, ref.path, limitReason('deep'));
        continue;
      }
      if (file.truncated) truncated.add(ref.path);
      const after = expandScript(file, command, environment, depth + 1, new Set([...chain, ref.path]));
      if (ref.how === 'source') environment = after;
    }
    return environment;
  };

  // Each line of a script is a command of the job's; assignments hold for the lines after them.
  const expandScript = (file: DumpedFile, parent: ScheduledCommand, inherited: EnvironmentAssignment[], depth: number, chain: ReadonlySet<string>): EnvironmentAssignment[] => {
    let environment = inherited;
    for (const line of scriptLines(file.lines)) {
      if (isAssignmentLine(line.text)) {
        environment = [...environment, { origin: `${file.path}:${line.line}`, text: line.text }];
        continue;
      }
      const child: ScheduledCommand = { ...parent, source: `${parent.source} → ${file.path}:${line.line}`, command: line.text, environment };
      environment = expandCommand(child, depth, chain);
    }
    return environment;
  };

  for (const job of jobs) expandCommand(job, 0, new Set());
  return { commands, unreadable: [...unreadable], truncated: [...truncated], notFollowed };
}
