// Every check fleetcheck knows, in report order.
import type { FactKey } from '../collect/facts.js';
import { initialCredentials } from './bmc/initial-credentials.js';
import type { Check } from './check.js';
import { providerSshKey } from './residue/provider-ssh-key.js';

/** All checks; ids are dotted and grouped by promise (`backup.*`, `bmc.*`, `bios.*`, `residue.*`). */
export const ALL_CHECKS: readonly Check<FactKey>[] = [initialCredentials, providerSshKey];
