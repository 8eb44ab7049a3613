// backup.schedules: no crontab entry or timer runs a backup for the provider; other backup jobs are shown for review.
import { type BackupCatalogue, backupCatalogue, baseName } from '../../catalogue/backup-catalogue.js';
import type { TimerInfo } from '../../facts/backup-schedules.js';
import type { Check } from '../check.js';
import { classifyCommand, withVariables } from '../../catalogue/backup-command.js';
import { backupOutcome, evidence, noFindings } from './backup-outcome.js';
import { providerAgent, providerBackup, providerReferences } from './provider-reference.js';

/** What evidence says about the timer that starts a command: which instance, whose, whether it is enabled. */
export function timerState(timer: TimerInfo): string {
  const parts: string[] = [];
  if (timer.template) parts.push('template timer, no instance enabled');
  else if (timer.instance !== undefined && timer.enabledBy) parts.push(`instance ${timer.instance} enabled by ${timer.enabledBy}`);
  else if (!timer.enabled) parts.push('timer not enabled');
  if (timer.scope === 'user') {
    parts.push(`per-user timer of ${timer.account ?? '?'} (${timer.lingering ? 'lingering: runs without a login' : 'runs while the account is logged in'})`);
  } else if (timer.scope === 'every-user') parts.push('per-user timer of every account');
  return parts.length > 0 ? `, ${parts.join(', ')}` : '';
}

/** The check, over a given catalogue (tests pass their own). */
export function backupSchedulesCheck(catalogue: () => BackupCatalogue): Check<'ssh.backup-schedules' | 'ssh.name-resolution'> {
  return {
    id: 'backup.schedules',
    promise: 'backup',
    title: 'No crontab or systemd timer runs a backup or copies data off the host for the provider',
    needs: ['ssh.backup-schedules', 'ssh.name-resolution'],
    evaluate({ 'ssh.backup-schedules': fact, 'ssh.name-resolution': resolution }, { provider }) {
      // A job that names its server by a name only the host resolves into a provider network is the
      // provider's all the same. A name left unresolved is not an error here: backup.remote-targets,
      // which judges where data goes, says so for the repositories and mounts.
      const backup = providerBackup(provider, resolution);
      const found = noFindings();
      found.blind.push(...fact.unreadable.map((p) => evidence(p, 'cannot read this schedule')));
      found.blind.push(...fact.truncated.map((p) => evidence(p, 'too large: only the first part was read')));
      // A script a limit kept unread may run anything: never a pass, shown for review.
      found.other.push(...fact.notFollowed.map((n) => evidence(n.source, `runs ${n.path}, not followed: ${n.reason}`)));
      const timers = new Map(fact.timers.map((t) => [t.id, t]));
      for (const entry of fact.commands) {
        // Judged with the variables its environment sets (`rsync -a "$SRC" "$DEST"`); quoted as written.
        // Only a command that uses a variable needs its environment's texts (a script's lines share thousands).
        const expanded = entry.command.includes('$') ? withVariables(entry.command, entry.environment.map((e) => e.text)) : entry.command;
        const kind = classifyCommand(expanded, catalogue());
        if (!kind) continue;
        const what = kind.kind === 'tool' ? `runs ${kind.product.name}` : kind.how;
        const timer = entry.timer === undefined ? undefined : timers.get(entry.timer);
        const state = timer ? timerState(timer) : '';
        const refs = providerReferences([entry.command, ...entry.environment.map((e) => e.text)].join('\n'), backup);
        const agent = kind.kind === 'tool'
          ? providerAgent([kind.product.id, ...kind.product.packages, ...kind.product.binaries.map(baseName)], backup)
          : undefined;
        if (agent) refs.push(`declared provider agent ${agent}`);
        const detail = `${entry.when} as ${entry.user ?? (timer?.scope === 'every-user' ? 'every user' : '?')} ${what}${state}${refs.length ? ` → ${refs.join(', ')}` : ''}: ${entry.command}`;
        (refs.length > 0 ? found.provider : found.other).push(evidence(entry.source, detail));
      }
      return backupOutcome('backup schedule', found, `${fact.commands.length} scheduled command(s) in crontabs, timers and the scripts they run, ${fact.timers.length} timer(s)`);
    },
  };
}

/** backup.schedules over the shipped catalogue. */
export const backupSchedules = backupSchedulesCheck(backupCatalogue);
