// bmc.redfish-tls: flags a Redfish BMC the inventory lets fleetcheck reach without checking its certificate.
import type { Check } from '../check.js';

/**
 * `insecure: true` means anyone on the path could have answered in the BMC's place and read the
 * credentials sent to it: every report with BMC checks says so, as a `warn`.
 */
export const bmcRedfishTls: Check<never> = {
  id: 'bmc.redfish-tls',
  promise: 'bmc',
  title: "The Redfish BMC's TLS certificate is checked (pinned SHA-256 or CA file); `insecure: true` warns",
  needs: [],
  notApplicable: (host) => (host.bmc?.redfish ? undefined : 'the inventory gives this host no Redfish BMC'),
  evaluate(_facts, context) {
    const redfish = context.host.bmc?.redfish;
    const source = `inventory: racks.${context.host.rack}.hosts.${context.host.name}.bmc.redfish`;
    switch (redfish?.trust.kind) {
      case 'insecure':
        return {
          status: 'warn',
          message: "the BMC's Redfish certificate is not checked (`insecure: true`): its findings could come from an impostor that also saw the stored credentials",
          evidence: [{ source, detail: 'insecure: true' }],
        };
      case 'ca':
        return { status: 'pass', message: "the BMC's Redfish certificate is verified against a CA file", evidence: [] };
      case 'pinned':
        return { status: 'pass', message: "the BMC's Redfish certificate is pinned by its SHA-256 fingerprint", evidence: [] };
      case 'pinned-file':
        // This check judges the setting; the pin itself is read when the BMC is reached, and a
        // missing or malformed pin file makes every Redfish check of the host an error there.
        return { status: 'pass', message: `the BMC's Redfish certificate is pinned by the SHA-256 fingerprint in ${redfish.trust.file}`, evidence: [] };
      default:
        return { status: 'skip', message: 'the inventory gives this host no Redfish BMC', evidence: [] };
    }
  },
};
