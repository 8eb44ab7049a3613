// Which accounts the outside key probe asks about on one host.
import type { Host, ProviderPolicy } from '../../inventory/types.js';

/** root, every provider account, the host's login user and the inventory's extra names, once each, in that order. */
export function probeAccounts(host: Host, provider: ProviderPolicy): string[] {
  return [...new Set(['root', ...provider.accounts, host.ssh.user, ...host.ssh.probeAccounts])];
}
