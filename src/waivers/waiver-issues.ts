// Waivers whose check pattern names no check: reported like any inventory problem (file:line),
// because a typo there would silently waive nothing.
import { globMatches } from '../text/glob.js';
import type { Inventory, InventoryIssue } from '../inventory/types.js';

/** One issue per waiver whose `check` matches none of `checkIds`. */
export function unknownWaiverChecks(inventory: Inventory, checkIds: readonly string[]): InventoryIssue[] {
  return inventory.waivers
    .filter((w) => !checkIds.some((id) => globMatches(w.check, id)))
    .map((w) => {
      const line = inventory.locate(`${w.path}.check`)?.line;
      return { file: inventory.file, ...(line === undefined ? {} : { line }), path: `${w.path}.check`, message: `matches no check; known checks: ${checkIds.join(', ')}` };
    });
}
