// Which hosts the BMC checks apply to: a host needs a BMC, and the IPMI probes need IPMI over LAN.
import type { Host } from '../../inventory/types.js';

/** Why a BMC check does not apply: the host has no BMC. */
export function withoutBmc(host: Host): string | undefined {
  return host.bmc ? undefined : 'the inventory gives this host no BMC';
}

/** Why an IPMI-only probe does not apply: no BMC, or one whose IPMI over LAN is off. */
export function withoutIpmi(host: Host): string | undefined {
  if (!host.bmc) return 'the inventory gives this host no BMC';
  return host.bmc.ipmi ? undefined : 'IPMI over LAN is off on this BMC (inventory `bmc.ipmi: false`); its accounts are checked over Redfish';
}
