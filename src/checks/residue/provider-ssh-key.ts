// residue.provider-ssh-key: no provider key may remain in any account's authorized_keys.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';

/** Finds provider keys by fingerprint, whatever options, comment or file they hide behind. */
export const providerSshKey: Check<'ssh.authorized-keys'> = {
  id: 'residue.provider-ssh-key',
  promise: 'residue',
  title: 'No provider SSH key in any authorized_keys file',
  needs: ['ssh.authorized-keys'],
  evaluate({ 'ssh.authorized-keys': fact }, { provider }) {
    const labels = new Map(provider.sshKeys.map((k) => [k.fingerprint, k.label]));
    const found: Evidence[] = [];
    const unreadable: Evidence[] = [];
    let keyCount = 0;
    for (const file of fact.files) {
      if (file.state === 'unreadable') {
        unreadable.push({ source: printableLine(file.path), detail: `cannot read (account ${printableLine(file.user)})` });
        continue;
      }
      if (file.truncated) {
        unreadable.push({ source: printableLine(file.path), detail: 'too large: only the first part was read' });
      }
      for (const { line, key } of file.keys) {
        keyCount++;
        const label = labels.get(key.fingerprint);
        if (label === undefined) continue;
        const options = key.options.length > 0 ? ` with options ${key.options.join(',')}` : '';
        // A key listed by fingerprint only has the fingerprint as its label: say it once.
        const name = label === key.fingerprint ? key.fingerprint : `${label} (${key.fingerprint})`;
        found.push({
          source: `${printableLine(file.path)}:${line}`,
          detail: printableLine(`provider key ${name} grants access as ${file.user}${options}`),
        });
      }
    }
    if (found.length > 0) {
      const files = new Set(found.map((e) => e.source.replace(/:\d+$/, ''))).size;
      return { status: 'fail', message: `${found.length} provider key(s) left in ${files} authorized_keys file(s)`, evidence: [...found, ...unreadable] };
    }
    if (unreadable.length > 0) {
      return { status: 'error', message: `${unreadable.length} authorized_keys file(s) could not be read in full`, evidence: unreadable };
    }
    return { status: 'pass', message: `no provider key among ${keyCount} key(s) in ${fact.files.length} authorized_keys file(s)`, evidence: [] };
  },
};
