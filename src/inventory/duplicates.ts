// Finds hosts that collide: the same name in two racks, or two hosts on one SSH or BMC endpoint.
import { canonicalAddress } from './address.js';
import { safeText } from './safe-text.js';
import type { HostEndpoints } from './resolve-host.js';
import type { PieceProblem } from './zod-issue-message.js';

/** A host name where it was written: ['racks', rack, 'hosts', name]. */
export interface PlacedName {
  name: string;
  rack: string;
  path: string[];
}

/** A host's endpoints and its path in the file. */
export interface PlacedHost {
  name: string;
  endpoints: HostEndpoints;
  path: string[];
}

/** Line of a dotted path, for naming the other place in a message. */
export type LineOf = (path: readonly string[]) => number | undefined;

const where = (line: number | undefined): string => (line === undefined ? '' : ` (line ${line})`);

/** Each host name defined a second time, reported at the later place and naming the first. */
export function duplicateNames(names: readonly PlacedName[], lineOf: LineOf): PieceProblem[] {
  const first = new Map<string, PlacedName>();
  const problems: PieceProblem[] = [];
  for (const entry of names) {
    const earlier = first.get(entry.name);
    if (!earlier) {
      first.set(entry.name, entry);
      continue;
    }
    problems.push({
      path: entry.path,
      message: `host \`${safeText(entry.name)}\` is also defined in rack ${safeText(earlier.rack)}${where(lineOf(earlier.path))}`,
    });
  }
  return problems;
}

/** Each SSH or BMC address+port used by a second host, reported at the later host's address and naming the first. */
export function duplicateEndpoints(hosts: readonly PlacedHost[], lineOf: LineOf): PieceProblem[] {
  const problems: PieceProblem[] = [];
  const seen = { ssh: new Map<string, PlacedHost>(), bmc: new Map<string, PlacedHost>() };
  for (const placed of hosts) {
    const endpoints: Array<['ssh' | 'bmc', { address: string; port: number } | undefined]> = [
      ['ssh', placed.endpoints.ssh],
      ['bmc', placed.endpoints.bmc],
    ];
    for (const [kind, endpoint] of endpoints) {
      if (!endpoint) continue;
      const key = `${canonicalAddress(endpoint.address)} ${endpoint.port}`;
      const earlier = seen[kind].get(key);
      if (!earlier) {
        seen[kind].set(key, placed);
        continue;
      }
      const addressPath = [...earlier.path, kind, 'address'];
      problems.push({
        path: [...placed.path, kind, 'address'],
        message:
          `${kind === 'ssh' ? 'SSH' : 'BMC'} address ${safeText(endpoint.address)} port ${endpoint.port} ` +
          `is also used by ${safeText(earlier.name)}${where(lineOf(addressPath))}`,
      });
    }
  }
  return problems;
}
