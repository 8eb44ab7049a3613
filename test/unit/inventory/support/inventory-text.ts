// Builds small inventories in memory for the parser tests.
import { parseInventory, type InventoryResult } from '../../../../src/inventory/parse-inventory.js';
import { formatInventoryIssue } from '../../../../src/inventory/inventory-issue.js';
import type { Inventory } from '../../../../src/inventory/types.js';

/** The name issues are reported under in these tests. */
export const FILE = 'inventory/test.yaml';

/** Parses text as if it were inventory/test.yaml in /srv/fleet/inventory, with /home/op as home. */
export function parse(text: string): InventoryResult {
  return parseInventory(text, { file: FILE, baseDir: '/srv/fleet/inventory', homeDir: '/home/op' });
}

/** The formatted issues of text that must fail to load. */
export function issuesOf(text: string): string[] {
  const result = parse(text);
  if (result.ok) throw new Error('expected the inventory to be rejected');
  return result.issues.map(formatInventoryIssue);
}

/** The inventory of text that must load. */
export function inventoryOf(text: string): Inventory {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected the inventory to load:\n${result.issues.map(formatInventoryIssue).join('\n')}`);
  return result.inventory;
}

/** A valid inventory (lines 1-6 fixed) followed by `racks`; the racks text starts at line 7. */
export function withRacks(racks: string): string {
  return ['version: 1', 'defaults:', '  ssh: { knownHosts: known_hosts }', 'secrets: { file: secrets.yaml }', 'provider: {}', 'racks:', racks].join(
    '\n',
  );
}
