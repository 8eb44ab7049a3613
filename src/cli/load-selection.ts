// Shared by every command that takes --inventory/--rack/--hosts: load, validate, select.
import { formatInventoryIssue } from '../inventory/inventory-issue.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { selectHosts } from '../inventory/select-hosts.js';
import type { Host, Inventory } from '../inventory/types.js';
import { configError, usageError } from './usage-error.js';

/** The selection flags common to `scan` and `list`. */
export interface SelectionFlags {
  inventory: string;
  rack: string[];
  hosts: string[];
}

/** The loaded inventory and the hosts the flags select; throws CliError (78 or 64) with every issue listed. */
export async function loadSelection(flags: SelectionFlags): Promise<{ inventory: Inventory; hosts: Host[] }> {
  const loaded = await loadInventory(flags.inventory);
  if (!loaded.ok) throw configError(loaded.issues.map(formatInventoryIssue).join('\n'));
  const selected = selectHosts(loaded.inventory, { racks: flags.rack, hostSets: flags.hosts });
  if (!selected.ok) throw usageError(selected.message);
  return { inventory: loaded.inventory, hosts: selected.hosts };
}
