// `fleetcheck list`: what a scan would touch, with no network at all.
import { printableLine } from '../text/sanitize.js';
import { loadSelection, type SelectionFlags } from './load-selection.js';
import { usageError } from './usage-error.js';

/** Flags of the list command. */
export interface ListFlags extends SelectionFlags {
  format: string;
}

/** Prints the selected hosts with their endpoints and contract; exit 0, or CliError on bad input. */
export async function listCommand(flags: ListFlags, out: NodeJS.WritableStream): Promise<void> {
  if (flags.format !== 'table' && flags.format !== 'json') throw usageError(`--format '${flags.format}' is not one of: table, json`);
  const { hosts } = await loadSelection(flags);
  const rows = hosts.map((h) => ({
    name: h.name,
    rack: h.rack,
    // A host without a login is only asked about keys, from outside: its address, no user.
    ssh: h.ssh.access === 'none' ? `outside only ${h.ssh.address}:${h.ssh.port}` : `${h.ssh.user}@${h.ssh.address}:${h.ssh.port}`,
    bmc: !h.bmc
      ? '-'
      : [h.bmc.ipmi ? `ipmi ${h.bmc.address}:${h.bmc.port}` : undefined, h.bmc.redfish ? `redfish ${h.bmc.redfish.address}:${h.bmc.redfish.port}` : undefined]
          .filter((part) => part !== undefined)
          .join(', '),
    contract: h.contract ? `${h.contract.id} ends ${h.contract.end}` : '-',
  }));
  if (flags.format === 'json') {
    out.write(JSON.stringify({ hosts: rows }, null, 2) + '\n');
    return;
  }
  const header = { name: 'HOST', rack: 'RACK', ssh: 'SSH', bmc: 'BMC', contract: 'CONTRACT' };
  const all = [header, ...rows];
  const cols = Object.keys(header) as Array<keyof typeof header>;
  // Each cell made printable once; widths by a loop (a spread of 100,000 rows would overflow the stack).
  const cells = all.map((r) => cols.map((c) => printableLine(r[c], 60)));
  const width = cols.map((_, i) => cells.reduce((w, row) => Math.max(w, row[i]!.length), 0));
  for (const row of cells) out.write(row.map((cell, i) => cell.padEnd(width[i]!)).join('  ').trimEnd() + '\n');
  out.write(`${rows.length} host(s)\n`);
}
