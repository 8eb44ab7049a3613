// residue.provider-ssh-ca: sshd must not trust a provider certificate authority for user logins.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';
import { accountsOf, lineSource, unreadEvidence } from './unread-evidence.js';

/** A provider key trusted as a CA (TrustedUserCAKeys or a `cert-authority` line) lets any certificate it signs in. */
export const providerSshCa: Check<'ssh.authorized-keys'> = {
  id: 'residue.provider-ssh-ca',
  promise: 'residue',
  title: 'No provider CA in TrustedUserCAKeys or on a cert-authority line',
  needs: ['ssh.authorized-keys'],
  evaluate({ 'ssh.authorized-keys': fact }, { provider }) {
    const labels = new Map(provider.sshKeys.map((k) => [k.fingerprint, k.label]));
    const name = (fp: string): string => {
      const label = labels.get(fp)!;
      return label === fp ? fp : `${label} (${fp})`;
    };
    const found: Evidence[] = [];
    // An sshd config that could not be read may name a TrustedUserCAKeys file: could not look, so no pass.
    const unreadable: Evidence[] = fact.config
      .filter((c) => c.state === 'unreadable')
      .map((c) => ({ source: printableLine(c.path), detail: 'sshd config file cannot be read: TrustedUserCAKeys unknown' }));
    let caCount = 0;
    for (const file of fact.trustedCaFiles) {
      const unread = unreadEvidence(file);
      if (unread) unreadable.push(unread);
      for (const { line, key } of file.keys) {
        caCount++;
        if (labels.has(key.fingerprint)) {
          found.push({ source: lineSource(file.path, line), detail: printableLine(`TrustedUserCAKeys trusts provider CA ${name(key.fingerprint)} for every account`) });
        }
      }
    }
    for (const file of fact.files) {
      const unread = unreadEvidence(file);
      if (unread) unreadable.push(unread);
      for (const { line, key } of file.keys) {
        if (!key.options.includes('cert-authority')) continue;
        caCount++;
        if (labels.has(key.fingerprint)) {
          found.push({ source: lineSource(file.path, line), detail: printableLine(`cert-authority line trusts provider CA ${name(key.fingerprint)} for ${accountsOf(file.user)}`) });
        }
      }
    }
    if (found.length > 0) {
      // Which principals a certificate needs is context for the operator, not a finding of its own.
      const principals: Evidence[] = fact.principalsFiles
        .filter((p) => p.state === 'read' && p.principals.length > 0)
        .map((p) => ({
          source: printableLine(p.path),
          detail: printableLine(`AuthorizedPrincipalsFile for ${p.user}: ${p.principals.map((x) => x.name).slice(0, 5).join(', ')}`),
        }));
      return { status: 'fail', message: `${found.length} provider CA trust(s) left`, evidence: [...found, ...principals, ...unreadable] };
    }
    if (unreadable.length > 0) {
      return { status: 'error', message: `${unreadable.length} CA or key file(s) could not be read in full`, evidence: unreadable };
    }
    return { status: 'pass', message: `no provider CA among ${caCount} trusted CA key(s)`, evidence: [] };
  },
};
