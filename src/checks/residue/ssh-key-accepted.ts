// residue.ssh-key-accepted: sshd itself, asked from outside without a login, accepts no provider key.
import type { Evidence } from '../../model/finding.js';
import { printableLine } from '../../text/sanitize.js';
import type { Check } from '../check.js';

/**
 * The outside proof of promise 3: for each provider key given as a full line and each account
 * worth asking about, the host's sshd answered whether it would accept the key (RFC 4252 §7
 * PK_OK) with no login and no private key. On an `ssh.access: none` host fleetcheck's own key is
 * asked about too: the inventory declares no such access, so an accepted one is provider access
 * nobody declared. Ladder: any yes fails; any question left unanswered is error (a dropped or
 * penalised connection is never a refusal); a provider key that could not be offered warns.
 */
export const sshKeyAccepted: Check<'probe.ssh-key-acceptance'> = {
  id: 'residue.ssh-key-accepted',
  promise: 'residue',
  title: "The host's sshd, asked from outside without a login, accepts no provider key for any account",
  needs: ['probe.ssh-key-acceptance'],
  evaluate({ 'probe.ssh-key-acceptance': fact }) {
    const from = fact.sourceAddress ?? 'unknown address';
    const where = (account: string): string => printableLine(`sshd, as ${account}, asked from ${from}`);
    const accepted: Evidence[] = [];
    const unasked: Evidence[] = [];
    let refused = 0;
    for (const a of fact.answers) {
      const key = fact.keys[a.key];
      if (!key) continue;
      const name = key.label === key.fingerprint ? key.fingerprint : `${key.label} (${key.fingerprint})`;
      if (a.answer === 'accepted') {
        accepted.push({
          source: where(a.account),
          detail: printableLine(
            key.owner === 'fleetcheck'
              ? `fleetcheck's own key ${name} would be accepted for ${a.account}, but the inventory says ssh.access: none: undeclared provider access`
              : `provider key ${name} would be accepted for ${a.account}`,
          ),
        });
      } else if (a.answer === 'unasked') {
        unasked.push({ source: where(a.account), detail: printableLine(`${name}: ${a.why ?? 'not asked'}`) });
      } else refused++;
    }
    const unoffered: Evidence[] = fact.unoffered.map((k) => ({
      source: 'inventory provider.sshKeys',
      detail: printableLine(`${k.label === k.fingerprint ? k.fingerprint : `${k.label} (${k.fingerprint})`} cannot be offered: ${k.why}`),
    }));
    const ownProblem: Evidence[] =
      fact.access === 'none' && fact.ownKeyProblem !== undefined
        ? [{ source: "fleetcheck's own key", detail: printableLine(`${fact.ownKeyProblem}; whether sshd still accepts it was not asked`) }]
        : [];
    const accounts = fact.accounts.length;
    if (accepted.length > 0) {
      return { status: 'fail', message: `sshd would accept ${accepted.length} key(s) it should refuse (asked from ${from}, no login)`, evidence: [...accepted, ...unasked, ...ownProblem, ...unoffered] };
    }
    if (unasked.length > 0 || ownProblem.length > 0) {
      return {
        status: 'error',
        message: `sshd could not be asked about ${unasked.length} key and account pair(s)${ownProblem.length > 0 ? " nor about fleetcheck's own key" : ''}; nothing is proven for them`,
        evidence: [...unasked, ...ownProblem, ...unoffered],
      };
    }
    if (unoffered.length > 0) {
      // Refusals prove nothing about a key that was never offered; the inside check still looks for it.
      return { status: 'warn', message: `${refused} answer(s) from ${from}, all refused, but ${unoffered.length} provider key(s) could not be offered`, evidence: unoffered };
    }
    if (fact.keys.length === 0) return { status: 'pass', message: 'the inventory lists no provider key to ask about', evidence: [] };
    return { status: 'pass', message: `sshd refused all ${fact.keys.length} key(s) for ${accounts} account(s), asked from ${from} without a login`, evidence: [] };
  },
};
