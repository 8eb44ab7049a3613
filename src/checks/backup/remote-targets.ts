// backup.remote-targets: no network mount, iSCSI session, rclone remote or backup repository on provider infrastructure.
import type { NameResolutionFact } from '../../facts/name-resolution.js';
import type { Evidence } from '../../model/finding.js';
import { hostNamesIn } from '../../text/host-names.js';
import type { Check } from '../check.js';
import { backupOutcome, evidence, noFindings } from './backup-outcome.js';
import { maskRcloneSettings } from './mask-secrets.js';
import { providerBackup, providerReferences } from './provider-reference.js';
import { scheduleRepositories } from '../../catalogue/schedule-repositories.js';

/**
 * The names of `text` the host could not resolve for us: a lookup that failed, one left unasked at
 * a limit, or one the collector never asked about at all (a target it did not know of). Not
 * examined, so not passed.
 */
function unresolved(text: string, origin: string, resolution: NameResolutionFact): Evidence[] {
  const out: Evidence[] = [];
  for (const name of hostNamesIn(text)) {
    const asked = resolution.names.find((n) => n.name === name);
    const unasked = resolution.notAsked.find((n) => n.name === name);
    if (asked?.outcome === 'failed') out.push(evidence(origin, `could not resolve ${name} on the host (${asked.why ?? 'failed'})`));
    else if (unasked) out.push(evidence(origin, `did not resolve ${name} on the host: ${unasked.why}`));
    else if (!asked) out.push(evidence(origin, `did not resolve ${name} on the host: it was not among the names asked`));
  }
  return out;
}

/** Flags remote targets on provider infrastructure; other remote targets are shown for review. */
export const backupRemoteTargets: Check<'ssh.backup-targets' | 'ssh.backup-schedules' | 'ssh.name-resolution'> = {
  id: 'backup.remote-targets',
  promise: 'backup',
  title: 'No network mount, iSCSI session, rclone remote or backup repository on provider infrastructure (names resolved on the host)',
  needs: ['ssh.backup-targets', 'ssh.backup-schedules', 'ssh.name-resolution'],
  evaluate({ 'ssh.backup-targets': fact, 'ssh.backup-schedules': schedules, 'ssh.name-resolution': resolution }, { provider }) {
    const backup = providerBackup(provider, resolution);
    const found = noFindings();
    found.blind.push(...fact.unreadable.map((p) => evidence(p, 'cannot read')));
    found.blind.push(...fact.truncated.map((p) => evidence(p, 'too large: only the first part was read')));
    // Repositories a scheduled job's environment names (crontab variables, Environment=, EnvironmentFile=, its scripts).
    const jobs = scheduleRepositories(schedules, fact.repositories);
    found.blind.push(...jobs.unreadable.map((p) => evidence(p, 'cannot read this environment file of a scheduled job')));
    found.blind.push(...jobs.truncated.map((p) => evidence(p, 'too large: only the first part was read')));
    for (const m of fact.mounts) {
      const refs = providerReferences(`${m.source} ${m.options}`, backup);
      if (refs.length === 0) found.blind.push(...unresolved(`${m.source} ${m.options}`, m.origin, resolution));
      const where = m.origin.startsWith('/proc/mounts') ? 'mounted' : 'in fstab';
      const detail = `${m.type} ${m.source} on ${m.target} (${where}, options ${m.options || '-'})${refs.length ? ` → ${refs.join(', ')}` : ''}`;
      (refs.length > 0 ? found.provider : found.other).push(evidence(m.origin, detail));
    }
    for (const r of [...fact.repositories, ...jobs.repositories]) {
      // A local rclone remote or an alias is not a place off the host.
      if (/^rclone remote /.test(r.kind) && /(^|\s)type=(local|alias|combine|union)(\s|$)/.test(r.value)) continue;
      const refs = providerReferences(r.value, backup);
      if (refs.length === 0) found.blind.push(...unresolved(r.value, r.origin, resolution));
      const value = /^rclone remote /.test(r.kind) ? maskRcloneSettings(r.value) : r.value;
      const detail = `${r.kind}: ${value}${refs.length ? ` → ${refs.join(', ')}` : ''}`;
      (refs.length > 0 ? found.provider : found.other).push(evidence(r.origin, detail));
    }
    return backupOutcome('remote backup target', found, `${fact.mounts.length} network mount(s), ${fact.repositories.length + jobs.repositories.length} repository setting(s)`);
  },
};
