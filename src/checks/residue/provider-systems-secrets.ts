// residue.provider-systems-secrets: no secret the store holds for the host sits in a file on a billing or staff system.
import { readInFull, FILES_SOURCE } from '../../facts/provider-systems.js';
import type { HostSecrets } from '../../facts/host-secrets.js';
import type { Evidence } from '../../model/finding.js';
import type { Secret } from '../../model/secret.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { MIN_SEARCHABLE_SECRET } from './provider-secret-in-files.js';
import { lineSource, unreadEvidence } from './unread-evidence.js';

/** The host's OS login passwords and disk passphrases, described by what they are, never by what they say. */
function loginSecrets(s: HostSecrets): Array<{ what: string; secret: Secret }> {
  return [
    ...s.osCredentials.map((c) => ({ what: `stored OS password of ${c.user}`, secret: c.password })),
    ...s.diskPassphrases.map((d) => ({ what: `stored disk passphrase of ${d.device}`, secret: d.passphrase })),
  ];
}

/**
 * Compares the files read on billing and staff systems with the host's stored OS passwords and disk
 * passphrases here, in fleetcheck's memory, exactly as residue.provider-secret-in-files does: the
 * secrets never travel to a provider system, and evidence names system, file, line and which secret.
 */
export const providerSystemsSecrets: Check<'provider.systems' | 'store.host-secrets'> = {
  id: 'residue.provider-systems-secrets',
  promise: 'residue',
  title: "No stored OS password or disk passphrase of the host in a file on the provider's billing or staff systems (histories, homes, /etc)",
  needs: ['provider.systems', 'store.host-secrets'],
  evaluate({ 'provider.systems': fact, 'store.host-secrets': store }) {
    const systems = fact.systems.filter((s) => s.searched.secrets);
    if (systems.length === 0) return { status: 'skip', message: 'no billing or staff system in the inventory (provider.systems with role billing or staff): nothing searched', evidence: [] };
    const secrets = loginSecrets(store);
    const searchable = secrets.filter((s) => s.secret.reveal().length >= MIN_SEARCHABLE_SECRET);
    const found: Evidence[] = [];
    const unread: Evidence[] = [];
    const truncated: Evidence[] = [];
    let files = 0;
    for (const system of systems) {
      if (!readInFull(system, 'secrets')) {
        const why = system.reached ? (system.sources.find((s) => s.source === FILES_SOURCE && s.state === 'failed')?.message ?? 'failed') : (system.message ?? 'unreachable');
        unread.push({ source: printableLine(system.system), detail: printableLine(`could not be searched: ${why}`) });
      }
      for (const file of system.files) {
        files++;
        const u = unreadEvidence(file);
        if (u) (file.state === 'unreadable' ? unread : truncated).push({ source: printableLine(`${system.system}:${u.source}`), detail: u.detail });
        if (file.state !== 'read') continue;
        const lines = file.content.reveal().split('\n');
        for (const s of searchable) {
          const value = s.secret.reveal();
          lines.forEach((line, i) => {
            if (line.includes(value)) found.push({ source: printableLine(`${system.system}:${lineSource(file.path, i + 1)}`), detail: printableLine(`the ${s.what} (value masked)`) });
          });
        }
      }
    }
    const skipped = secrets.length - searchable.length;
    const note = skipped > 0 ? `; ${skipped} secret(s) shorter than ${MIN_SEARCHABLE_SECRET} characters not searched` : '';
    const where = systems.map((s) => s.system).join(', ');
    if (found.length > 0) return { status: 'fail', message: `a stored secret of this host appears ${found.length} time(s) on ${where}${note}`, evidence: [...found, ...unread, ...truncated] };
    if (secrets.length === 0) return { status: 'pass', message: 'the store holds no OS password or disk passphrase for this host: none can be left on provider systems', evidence: [] };
    if (unread.length > 0) return { status: 'error', message: `${unread.length} provider system(s) or file(s) could not be read`, evidence: [...unread, ...truncated] };
    if (truncated.length > 0) return { status: 'warn', message: `no stored secret found, but ${truncated.length} file(s) were only read in part${note}`, evidence: truncated };
    return { status: 'pass', message: `none of ${searchable.length} stored secret(s) in ${files} file(s) on ${where}${note}`, evidence: [] };
  },
};
