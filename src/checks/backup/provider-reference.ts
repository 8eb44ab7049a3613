// Finds the provider's backup infrastructure (hosts, networks, domains) named in a piece of text; pure.
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { NameResolutionFact } from '../../facts/name-resolution.js';
import type { ProviderPolicy } from '../../inventory/types.js';
import { hostNamesIn } from '../../text/host-names.js';

/** The provider's backup infrastructure prepared for matching. */
export interface ProviderBackup {
  hosts: string[];
  domains: string[];
  networks: BlockList;
  /** Agent names, lower-cased. */
  agents: Set<string>;
  /** The addresses each host name resolved to on the scanned host (`getent ahosts`), when that was asked. */
  resolved: ReadonlyMap<string, readonly string[]>;
}

/** Prepares `provider.backup` once per check run, with what the host's resolver answered when the check has it. */
export function providerBackup(provider: ProviderPolicy, resolution?: NameResolutionFact): ProviderBackup {
  const networks = new BlockList();
  for (const cidr of provider.backup.cidrs) {
    const [ip, bits] = cidr.split('/') as [string, string];
    networks.addSubnet(ip, Number(bits), isIPv6(ip) ? 'ipv6' : 'ipv4');
  }
  return {
    hosts: provider.backup.hosts.map((h) => h.toLowerCase()),
    domains: provider.backup.domains.map((d) => d.toLowerCase().replace(/^\.+/, '')),
    networks,
    agents: new Set(provider.backup.agents.map((a) => a.toLowerCase())),
    resolved: new Map((resolution?.names ?? []).filter((n) => n.outcome === 'resolved').map((n) => [n.name, n.addresses])),
  };
}

// A dotted name, in group 1. The text is the host's (a job's command line and environment, a script):
// `[a-z0-9-]*[a-z0-9]` followed by `.` reads to the end of its run of letters, digits and hyphens, so
// tried from each letter of a long run without a dot it cost the square of the run. A name can only
// begin with the first letter or digit of a dot-separated part (a try from a later one ends the same
// way), so a try starts only where a part begins, past its leading hyphens.
export const NAME = /(?<![a-z0-9-])-*([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/g;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
const IPV6 = /(?<![0-9a-f:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![0-9a-f:])/g;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How `text` points at the provider's backup infrastructure, e.g. "provider backup host backup01.example"; empty when it does not. */
export function providerReferences(text: string, backup: ProviderBackup): string[] {
  const lower = text.toLowerCase();
  const found = new Set<string>();
  for (const host of backup.hosts) {
    // A name followed by `-dir` (Bacula's naming) still names the host; followed by `.x` it is another host.
    const re = new RegExp(`(?<![a-z0-9.-])${escape(host)}(?![a-z0-9_]|\\.[a-z0-9])`);
    if (re.test(lower)) found.add(`provider backup host ${host}`);
  }
  if (backup.domains.length > 0) {
    for (const match of lower.matchAll(NAME)) {
      const name = match[1]!;
      const domain = backup.domains.find((d) => name === d || name.endsWith(`.${d}`));
      if (domain) found.add(`${name} in provider backup domain ${domain}`);
    }
  }
  for (const ip of lower.match(IPV4) ?? []) {
    if (isIPv4(ip) && backup.networks.check(ip, 'ipv4')) found.add(`${ip} in a provider backup network`);
  }
  for (const ip of lower.match(IPV6) ?? []) {
    if (isIPv6(ip) && backup.networks.check(ip, 'ipv6')) found.add(`${ip} in a provider backup network`);
  }
  // A name only the host's /etc/hosts or resolver maps into a provider network is provider infrastructure too.
  if (backup.resolved.size > 0) {
    for (const name of hostNamesIn(text)) {
      for (const address of backup.resolved.get(name) ?? []) {
        const family = isIPv6(address) ? 'ipv6' : 'ipv4';
        if (backup.networks.check(address, family)) found.add(`${name} resolved on the host to ${address}, in a provider backup network`);
        else if (backup.hosts.includes(address.toLowerCase())) found.add(`${name} resolved on the host to ${address}, provider backup host`);
      }
    }
  }
  return [...found];
}

/** The declared provider agent among `names` (a product's id, packages, units, processes), if any. */
export function providerAgent(names: readonly string[], backup: ProviderBackup): string | undefined {
  return names.find((n) => backup.agents.has(n.toLowerCase()));
}
