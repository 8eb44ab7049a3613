// undici, loaded the first time a Redfish BMC is spoken to: an IPMI-only rack or `fleetcheck list`
// never loads it.
import { lazyModule } from '../../lazy-module.js';

/** The undici module. */
export const undici = lazyModule<typeof import('undici')>('undici');
