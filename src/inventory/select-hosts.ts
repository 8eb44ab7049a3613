// Picks the hosts a run covers from --rack and --hosts selectors.
import { closestName } from './closest-name.js';
import { expandNodeSet } from './node-set.js';
import { safeText } from './safe-text.js';
import type { Host, Inventory } from './types.js';

/** What the operator asked for: rack names and node-set expressions, unioned. */
export interface HostSelection {
  racks: string[];
  hostSets: string[];
}

const listed = (names: string[], max: number): string =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;

const numbers = (name: string): string => (name.match(/\d+/g) ?? []).map(Number).join(',');
const unpadded = (name: string): string => name.replace(/\d+/g, (digits) => String(Number(digits)));

/**
 * A host name the operator probably meant. Numbers in host names are meaningful (a3-05 is not a typo
 * of a3-01), so only names with the same numbers are suggested: a3-5 for a3-05, ab3-01 for a3-01.
 */
function suggestHost(typed: string, names: Iterable<string>): string | undefined {
  const same = [...names].filter((name) => numbers(name) === numbers(typed));
  return same.find((name) => unpadded(name) === unpadded(typed)) ?? closestName(typed, same);
}

/** The selected hosts in inventory order, each once; all hosts when nothing is selected. */
export function selectHosts(inv: Inventory, sel: HostSelection): { ok: true; hosts: Host[] } | { ok: false; message: string } {
  if (sel.racks.length === 0 && sel.hostSets.length === 0) return { ok: true, hosts: [...inv.hosts] };
  const wanted = new Set<string>();

  const rackNames = inv.racks.map((rack) => rack.name);
  const racksByName = new Map(inv.racks.map((rack) => [rack.name, rack]));
  for (const name of sel.racks) {
    const rack = racksByName.get(name);
    if (!rack) {
      const suggestion = closestName(name, rackNames);
      return {
        ok: false,
        message:
          `unknown rack \`${safeText(name)}\`` +
          (suggestion ? `, did you mean \`${suggestion}\`?` : '') +
          ` (known racks: ${listed(rackNames.map((r) => safeText(r)), 20)})`,
      };
    }
    for (const host of rack.hosts) wanted.add(host.name);
  }

  const hostNames = new Set(inv.hosts.map((host) => host.name));
  const unknown: string[] = [];
  for (const expr of sel.hostSets) {
    const expanded = expandNodeSet(expr);
    if (!expanded.ok) return { ok: false, message: `--hosts ${safeText(expr)}: ${expanded.message}` };
    for (const name of expanded.names) {
      if (hostNames.has(name)) wanted.add(name);
      else unknown.push(name);
    }
  }
  if (unknown.length > 0) {
    const described = unknown.slice(0, 5).map((name) => {
      const suggestion = suggestHost(name, hostNames);
      return `\`${safeText(name)}\`` + (suggestion ? ` (did you mean \`${suggestion}\`?)` : '');
    });
    const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
    return { ok: false, message: `no host named ${described.join(', ')}${more} in ${safeText(inv.file, 80)}` };
  }
  return { ok: true, hosts: inv.hosts.filter((host) => wanted.has(host.name)) };
}
