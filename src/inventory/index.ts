// The inventory's public surface: load and validate the fleet file, print issues, select hosts.
export type * from './types.js';
export { loadInventory } from './load-inventory.js';
export { parseInventory, type InventoryResult, type ParseContext } from './parse-inventory.js';
export { formatInventoryIssue } from './inventory-issue.js';
export { expandNodeSet, MAX_NODE_SET_NAMES } from './node-set.js';
export { selectHosts, type HostSelection } from './select-hosts.js';
export { verifyHostFiles, type VerifyOptions } from './verify-host-files.js';
