// backup.remote-targets: no network mount, iSCSI session, rclone remote or backup repository on provider infrastructure.
import type { Check } from '../check.js';
import { backupOutcome, evidence, noFindings } from './backup-outcome.js';
import { maskRcloneSettings } from './mask-secrets.js';
import { providerBackup, providerReferences } from './provider-reference.js';
import { scheduleRepositories } from './schedule-repositories.js';

/** Flags remote targets on provider infrastructure; other remote targets are shown for review. */
export const backupRemoteTargets: Check<'ssh.backup-targets' | 'ssh.backup-schedules'> = {
  id: 'backup.remote-targets',
  promise: 'backup',
  title: 'No network mount, iSCSI session, rclone remote or backup repository on provider infrastructure',
  needs: ['ssh.backup-targets', 'ssh.backup-schedules'],
  evaluate({ 'ssh.backup-targets': fact, 'ssh.backup-schedules': schedules }, { provider }) {
    const backup = providerBackup(provider);
    const found = noFindings();
    found.blind.push(...fact.unreadable.map((p) => evidence(p, 'cannot read')));
    found.blind.push(...fact.truncated.map((p) => evidence(p, 'too large: only the first part was read')));
    // Repositories a scheduled job's environment names (crontab variables, Environment=, EnvironmentFile=, its scripts).
    const jobs = scheduleRepositories(schedules, fact.repositories);
    found.blind.push(...jobs.unreadable.map((p) => evidence(p, 'cannot read this environment file of a scheduled job')));
    found.blind.push(...jobs.truncated.map((p) => evidence(p, 'too large: only the first part was read')));
    for (const m of fact.mounts) {
      const refs = providerReferences(`${m.source} ${m.options}`, backup);
      const where = m.origin.startsWith('/proc/mounts') ? 'mounted' : 'in fstab';
      const detail = `${m.type} ${m.source} on ${m.target} (${where}, options ${m.options || '-'})${refs.length ? ` → ${refs.join(', ')}` : ''}`;
      (refs.length > 0 ? found.provider : found.other).push(evidence(m.origin, detail));
    }
    for (const r of [...fact.repositories, ...jobs.repositories]) {
      // A local rclone remote or an alias is not a place off the host.
      if (/^rclone remote /.test(r.kind) && /(^|\s)type=(local|alias|combine|union)(\s|$)/.test(r.value)) continue;
      const refs = providerReferences(r.value, backup);
      const value = /^rclone remote /.test(r.kind) ? maskRcloneSettings(r.value) : r.value;
      const detail = `${r.kind}: ${value}${refs.length ? ` → ${refs.join(', ')}` : ''}`;
      (refs.length > 0 ? found.provider : found.other).push(evidence(r.origin, detail));
    }
    return backupOutcome('remote backup target', found, `${fact.mounts.length} network mount(s), ${fact.repositories.length + jobs.repositories.length} repository setting(s)`);
  },
};
