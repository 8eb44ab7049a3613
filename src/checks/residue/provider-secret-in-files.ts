// residue.provider-secret-in-files: no secret the provider's store holds for the host may sit in a file on it.
import type { HostSecrets } from '../../facts/host-secrets.js';
import type { Secret } from '../../model/secret.js';
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { lineSource, unreadEvidence } from './unread-evidence.js';

/** Shorter secrets would match ordinary text by chance; they are reported as not searched. */
export const MIN_SEARCHABLE_SECRET = 6;

/** Each stored secret with a description that names what it is and never what it says. */
function storedSecrets(s: HostSecrets): Array<{ what: string; secret: Secret }> {
  return [
    ...s.osCredentials.map((c) => ({ what: `stored OS password of ${c.user}`, secret: c.password })),
    ...s.diskPassphrases.map((d) => ({ what: `stored disk passphrase of ${d.device}`, secret: d.passphrase })),
    ...s.bmcAccounts.map((a) => ({ what: `stored BMC password of ${a.user}`, secret: a.password })),
    ...(s.biosPassword ? [{ what: 'stored BIOS password', secret: s.biosPassword }] : []),
  ];
}

/**
 * Compares the collected leftover files with the store's secrets here, in fleetcheck's memory: the
 * secrets never travel to the host, and the evidence names file, line and which secret, masked.
 */
export const providerSecretInFiles: Check<'ssh.residue-files' | 'store.host-secrets'> = {
  id: 'residue.provider-secret-in-files',
  promise: 'residue',
  title: "No secret from the provider's store (root password, disk passphrase, BMC password) in a collected file",
  needs: ['ssh.residue-files', 'store.host-secrets'],
  evaluate({ 'ssh.residue-files': fact, 'store.host-secrets': store }) {
    const secrets = storedSecrets(store);
    const searchable = secrets.filter((s) => s.secret.reveal().length >= MIN_SEARCHABLE_SECRET);
    const found: Evidence[] = [];
    const unread: Evidence[] = [];
    const truncated: Evidence[] = [];
    for (const file of fact.files) {
      const u = unreadEvidence(file);
      if (u) (file.state === 'unreadable' ? unread : truncated).push(u);
      if (file.state !== 'read') continue;
      const lines = file.content.reveal().split('\n');
      for (const s of searchable) {
        const value = s.secret.reveal();
        lines.forEach((line, i) => {
          if (line.includes(value)) found.push({ source: lineSource(file.path, i + 1), detail: printableLine(`${file.kind}: the ${s.what} (value masked)`) });
        });
      }
    }
    const skipped = secrets.length - searchable.length;
    const note = skipped > 0 ? `; ${skipped} secret(s) shorter than ${MIN_SEARCHABLE_SECRET} characters not searched` : '';
    if (found.length > 0) return { status: 'fail', message: `a stored secret appears ${found.length} time(s) on the host${note}`, evidence: [...found, ...unread, ...truncated] };
    if (unread.length > 0) return { status: 'error', message: `${unread.length} file(s) could not be read`, evidence: [...unread, ...truncated] };
    // A cut leftover file makes a clean result warn (README, Residue): what follows the cut was not searched.
    if (truncated.length > 0) return { status: 'warn', message: `no stored secret found, but ${truncated.length} file(s) were only read in part${note}`, evidence: truncated };
    return { status: 'pass', message: `none of ${searchable.length} stored secret(s) in ${fact.files.length} collected file(s)${note}`, evidence: [] };
  },
};
