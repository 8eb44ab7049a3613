// Whether a name found on a provider system (a backup client, a path, an archive) names a rented host.
import type { Host } from '../../inventory/types.js';

/** Every name and address a host is known by: its inventory name, its aliases and its SSH address, lowercased. */
export function hostIdentities(host: Host): string[] {
  return [...new Set([host.name, ...host.aliases, host.ssh.address].map((n) => n.toLowerCase()).filter((n) => n !== ''))];
}

const WORD = /[a-z0-9]/;

/**
 * The identity `text` carries, if any: an identity appears in it as a whole word, with no letter or
 * digit right before or after it (`p15-01` names `p15-01-fd`, `/srv/rsync/p15-01/` and
 * `root@p15-01:/etc`, but not `p15-010`; `10.0.0.1` names `10.0.0.1:/` but not `10.0.0.12`).
 */
export function namedIdentity(text: string, identities: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  for (const id of identities) {
    for (let at = lower.indexOf(id); at !== -1; at = lower.indexOf(id, at + 1)) {
      const before = at === 0 ? '' : lower[at - 1]!;
      const after = lower[at + id.length] ?? '';
      if (!WORD.test(before) && !WORD.test(after)) return id;
    }
  }
  return undefined;
}
