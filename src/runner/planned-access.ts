// The access the inventory grants a host, before this run has logged in (or not).
import type { Host } from '../inventory/types.js';
import type { HostAccess } from '../model/host-access.js';

/** `outside-only` for `ssh.access: none`; otherwise the login user, sudo unless root, and the key once known. */
export function plannedAccess(host: Host, keyFingerprint: string | null = null): HostAccess {
  if (host.ssh.access === 'none') return { mode: 'outside-only' };
  return { mode: 'login', user: host.ssh.user, sudo: host.ssh.user !== 'root', keyFingerprint };
}
