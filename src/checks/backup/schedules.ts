// backup.schedules: no crontab entry or timer runs a backup for the provider; other backup jobs are shown for review.
import { type BackupCatalogue, backupCatalogue, baseName } from '../../catalogue/backup-catalogue.js';
import type { Check } from '../check.js';
import { classifyCommand } from './backup-command.js';
import { backupOutcome, evidence, noFindings } from './backup-outcome.js';
import { providerAgent, providerBackup, providerReferences } from './provider-reference.js';

/** The check, over a given catalogue (tests pass their own). */
export function backupSchedulesCheck(catalogue: () => BackupCatalogue): Check<'ssh.backup-schedules'> {
  return {
    id: 'backup.schedules',
    promise: 'backup',
    title: 'No crontab or systemd timer runs a backup or copies data off the host for the provider',
    needs: ['ssh.backup-schedules'],
    evaluate({ 'ssh.backup-schedules': fact }, { provider }) {
      const backup = providerBackup(provider);
      const found = noFindings();
      found.blind.push(...fact.unreadable.map((p) => evidence(p, 'cannot read this schedule')));
      found.blind.push(...fact.truncated.map((p) => evidence(p, 'too large: only the first part was read')));
      const enabled = new Map(fact.timers.map((t) => [t.timer, t.enabled]));
      for (const entry of fact.commands) {
        const kind = classifyCommand(entry.command, catalogue());
        if (!kind) continue;
        const what = kind.kind === 'tool' ? `runs ${kind.product.name}` : kind.how;
        const timer = entry.source.includes(' → ') ? entry.source.slice(0, entry.source.indexOf(' → ')) : undefined;
        const state = timer !== undefined && enabled.get(timer) === false ? ', timer not enabled' : '';
        const refs = providerReferences([entry.command, ...entry.environment].join('\n'), backup);
        const agent = kind.kind === 'tool'
          ? providerAgent([kind.product.id, ...kind.product.packages, ...kind.product.binaries.map(baseName)], backup)
          : undefined;
        if (agent) refs.push(`declared provider agent ${agent}`);
        const detail = `${entry.when} as ${entry.user ?? '?'} ${what}${state}${refs.length ? ` → ${refs.join(', ')}` : ''}: ${entry.command}`;
        (refs.length > 0 ? found.provider : found.other).push(evidence(entry.source, detail));
      }
      return backupOutcome('backup schedule', found, `${fact.commands.length} scheduled command(s) in crontabs and ${fact.timers.length} timer(s)`);
    },
  };
}

/** backup.schedules over the shipped catalogue. */
export const backupSchedules = backupSchedulesCheck(backupCatalogue);
