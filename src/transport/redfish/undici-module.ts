// undici, loaded the first time a Redfish BMC is spoken to: loading it costs some 80 ms of CPU,
// which every run without a Redfish BMC (an IPMI-only rack, `fleetcheck list`) need not pay.
import { createRequire } from 'node:module';

type Undici = typeof import('undici');
let loaded: Undici | undefined;

/** The undici module (a CommonJS package, so a synchronous require loads it). */
export function undici(): Undici {
  loaded ??= createRequire(import.meta.url)('undici') as Undici;
  return loaded;
}
