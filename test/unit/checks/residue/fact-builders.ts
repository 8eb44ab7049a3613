// In-memory residue facts for check tests.
import type { AuthorizedKeysFact } from '../../../../src/facts/authorized-keys.js';
import type { AccountsFact } from '../../../../src/facts/accounts.js';
import type { LeftoverFile } from '../../../../src/facts/leftover-files.js';
import type { TextFilesFact } from '../../../../src/facts/text-files.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import { Secret } from '../../../../src/model/secret.js';

export const PROVIDER_FP = 'SHA256:' + 'P'.repeat(43);
export const OTHER_FP = 'SHA256:' + 'C'.repeat(43);

/** An authorized-keys fact with nothing in it, overridable. */
export function keysFact(overrides: Partial<AuthorizedKeysFact> = {}): AuthorizedKeysFact {
  return { files: [], config: [{ path: '/etc/ssh/sshd_config', state: 'read' }], options: [], trustedCaFiles: [], principalsFiles: [], ...overrides };
}

/** A key as parsed from a line. */
export function key(fingerprint: string, options: string[] = []) {
  return { type: 'ssh-ed25519', fingerprint, options, comment: '' };
}

/** An accounts fact with root and the given extra passwd lines. */
export function accountsFact(overrides: Partial<AccountsFact> = {}): AccountsFact {
  return {
    passwd: [{ name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' }],
    groups: new Map([['root', { gid: 0, members: ['root'] }]]),
    passwords: new Map([['root', 'locked']]),
    sudoers: [],
    unreadable: [],
    truncated: [],
    processesByUid: new Map([[0, 5]]),
    ...overrides,
  };
}

/** A read leftover file. */
export function leftover(path: string, kind: string, content: string, extra: Partial<LeftoverFile> = {}): LeftoverFile {
  return { path, kind, state: 'read', truncated: false, content: new Secret(content), credentials: [], generic: [], ...extra };
}

/** What the store holds, overridable. */
export function stored(overrides: Partial<HostSecrets> = {}): HostSecrets {
  return { bmcAccounts: [{ user: 'ADMIN', password: new Secret('Bmc-Initial-9x'), privilege: 'administrator' }], osCredentials: [], diskPassphrases: [], ...overrides };
}

/** A text-file walk that found nothing beyond the leftovers. */
export const noWalk: TextFilesFact = { files: [], unreadable: [], limits: [], examined: 0, binary: 0, bytes: 0 };
