// residue.provider-ssh-key: no provider key may remain in any file sshd reads keys from.
import { boundEvidence, EvidenceBudget } from '../../model/evidence-limit.js';
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { accountsOf, lineSource, unreadEvidence } from './unread-evidence.js';

const UNPARSED_WHY = 'line(s) that are not keys fleetcheck can read, not listed';

/**
 * Finds provider keys by fingerprint, whatever options, comment or file they hide behind: each
 * account's authorized_keys and authorized_keys2 and every AuthorizedKeysFile path of the running
 * sshd's config and its Includes. `cert-authority` lines are CAs: residue.provider-ssh-ca judges them.
 */
export const providerSshKey: Check<'ssh.authorized-keys'> = {
  id: 'residue.provider-ssh-key',
  promise: 'residue',
  title: 'No provider SSH key in any file sshd reads authorized keys from',
  needs: ['ssh.authorized-keys'],
  evaluate({ 'ssh.authorized-keys': fact }, { provider }) {
    const labels = new Map(provider.sshKeys.map((k) => [k.fingerprint, k.label]));
    const found: Evidence[] = [];
    const unreadable: Evidence[] = fact.config
      .filter((c) => c.state === 'unreadable')
      .map((c) => ({ source: printableLine(c.path), detail: 'sshd config file cannot be read: AuthorizedKeysFile unknown' }));
    // A file of junk lines is a few entries and a count: the parser keeps only the first line numbers.
    const unparsed = new EvidenceBudget();
    let keyCount = 0;
    for (const file of fact.files) {
      const unread = unreadEvidence(file);
      if (unread) unreadable.push(unread);
      for (const line of file.unparsedLines) {
        unparsed.add({ source: lineSource(file.path, line), detail: 'not a key fleetcheck can read; check what sshd makes of it' });
      }
      unparsed.skip(file.unparsedCount - file.unparsedLines.length);
      for (const { line, key } of file.keys) {
        if (key.options.includes('cert-authority')) continue;
        keyCount++;
        const label = labels.get(key.fingerprint);
        if (label === undefined) continue;
        const options = key.options.length > 0 ? ` with options ${key.options.join(',')}` : '';
        // A key listed by fingerprint only has the fingerprint as its label: say it once.
        const name = label === key.fingerprint ? key.fingerprint : `${label} (${key.fingerprint})`;
        found.push({
          source: lineSource(file.path, line),
          detail: printableLine(`provider key ${name} grants access as ${accountsOf(file.user)}${options}`),
        });
      }
    }
    if (found.length > 0) {
      const files = new Set(found.map((e) => e.source.replace(/:\d+$/, ''))).size;
      return { status: 'fail', message: `${found.length} provider key(s) left in ${files} authorized keys file(s)`, evidence: boundEvidence([...found, ...unreadable, ...unparsed.entries(UNPARSED_WHY)]) };
    }
    if (unreadable.length > 0) {
      return { status: 'error', message: `${unreadable.length} file(s) sshd reads keys from could not be read in full`, evidence: boundEvidence([...unreadable, ...unparsed.entries(UNPARSED_WHY)]) };
    }
    if (unparsed.total > 0) {
      // Not proof of a provider key, but not proof of its absence either: someone should look.
      return { status: 'warn', message: `no provider key among ${keyCount} key(s), but ${unparsed.total} line(s) could not be read as keys`, evidence: unparsed.entries(UNPARSED_WHY) };
    }
    return { status: 'pass', message: `no provider key among ${keyCount} key(s) in ${fact.files.length} authorized keys file(s)`, evidence: [] };
  },
};
