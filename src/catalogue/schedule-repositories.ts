// Turns what scheduled jobs set in their environment into the backup repositories it names, for backup.remote-targets; pure.
import type { BackupSchedulesFact, EnvironmentAssignment } from '../facts/backup-schedules.js';
import type { RepositorySetting } from '../facts/backup-targets.js';

/** Variables through which restic, borg, Proxmox Backup and Kopia are told their repository. */
export const REPOSITORY_VARIABLES = new Set(['RESTIC_REPOSITORY', 'RESTIC_FROM_REPOSITORY', 'BORG_REPO', 'PBS_REPOSITORY', 'KOPIA_REPOSITORY']);

// Shell-like words: quoted parts kept together (`Environment="A=b c" D=e` is two assignments).
const WORD = /(?:[^\s"']+|"[^"]*"|'[^']*')+/g;

/** The repository variables set in `text` (a cron variable, `Environment=…`, an EnvironmentFile line, a script's `export`, a command line). */
export function repositoryAssignments(text: string): Array<{ name: string; value: string }> {
  const body = text.replace(/^\s*Environment\s*=\s*/, '');
  const out: Array<{ name: string; value: string }> = [];
  for (const word of body.match(WORD) ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word.replace(/^(["'])(.*)\1$/s, '$2'));
    if (!m || !REPOSITORY_VARIABLES.has(m[1]!)) continue;
    const value = m[2]!.replace(/"([^"]*)"|'([^']*)'/g, '$1$2').trim();
    if (value !== '') out.push({ name: m[1]!, value });
  }
  return out;
}

/** What the scheduled jobs' environments and command lines name as repositories, and the environment files that could not be read whole. */
export interface ScheduleRepositories {
  repositories: RepositorySetting[];
  /** `EnvironmentFile=` files of a job that could not be read, or were cut: what they name is unknown. */
  unreadable: string[];
  truncated: string[];
}

/** Every repository a job's environment names, once per place it is written; `known` are settings the targets fact already holds. */
export function scheduleRepositories(fact: BackupSchedulesFact, known: readonly RepositorySetting[] = []): ScheduleRepositories {
  const seen = new Set(known.map((r) => `${r.origin}\n${r.kind}\n${r.value}`));
  const out: ScheduleRepositories = { repositories: [], unreadable: [], truncated: [] };
  const add = (origin: string, text: string): void => {
    for (const a of repositoryAssignments(text)) {
      const key = `${origin}\n${a.name}\n${a.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.repositories.push({ origin, kind: a.name, value: a.value });
    }
  };
  // The commands of one script share its assignments (the same objects, in arrays that grow line
  // by line): each is read once, not once per command after it.
  const read = new Set<EnvironmentAssignment>();
  for (const command of fact.commands) {
    for (const e of command.environment) {
      if (read.has(e)) continue;
      read.add(e);
      add(e.origin, e.text);
      const file = /^EnvironmentFile=-?(.+)$/.exec(e.text)?.[1];
      if (file && fact.unreadable.includes(file) && !out.unreadable.includes(file)) out.unreadable.push(file);
      if (file && fact.truncated.includes(file) && !out.truncated.includes(file)) out.truncated.push(file);
    }
    // `BORG_REPO=… borg create …` on the job's own line.
    add(command.source, command.command);
  }
  return out;
}
