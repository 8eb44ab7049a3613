// Tells the BMC family from what the BMC says about itself: the service root's `Vendor` and OEM
// section, and the Manager's `Manufacturer`, `Model`, `FirmwareVersion` and OEM section. Pure.
// Every vendor's captured service root (fixtures/redfish-mockups) is what these rules are tested
// against; Supermicro's root has no `Vendor`, only `Oem.Supermicro`, and Lenovo's Manager says
// "Lenovo XClarity Controller" in `Model`.
import type { BmcIdentity, BmcVendor } from '../../../facts/bmc-identity.js';
import { printableLine } from '../../../text/sanitize.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? printableLine(v, 64) : undefined);

/** OEM section names by vendor, as DSP0266 has vendors name them. */
const OEM_KEYS: [string, BmcVendor][] = [
  ['Dell', 'dell-idrac'],
  ['Hpe', 'hpe-ilo'],
  ['Hp', 'hpe-ilo'],
  ['Lenovo', 'lenovo-xcc'],
  ['Supermicro', 'supermicro'],
  ['Ami', 'ami'],
  ['AMI', 'ami'],
  ['OpenBmc', 'openbmc'],
  ['OpenBMC', 'openbmc'],
];

function fromText(text: string | undefined): BmcVendor | undefined {
  if (text === undefined) return undefined;
  if (/\bdell\b|idrac/i.test(text)) return 'dell-idrac';
  if (/\bhpe?\b|hewlett|\bilo\b/i.test(text)) return 'hpe-ilo';
  if (/lenovo|xclarity/i.test(text)) return 'lenovo-xcc';
  if (/supermicro/i.test(text)) return 'supermicro';
  if (/\bami\b|megarac|american megatrends/i.test(text)) return 'ami';
  if (/openbmc/i.test(text)) return 'openbmc';
  return undefined;
}

/** The identity of a BMC from its service root and (when read) its first Manager. */
export function identifyBmc(serviceRoot: unknown, manager: unknown): BmcIdentity {
  const root = obj(serviceRoot) ?? {};
  const mgr = obj(manager) ?? {};
  const said: string[] = [];
  const vendorText = str(root['Vendor']);
  const manufacturer = str(mgr['Manufacturer']);
  const model = str(mgr['Model']);
  const firmware = str(mgr['FirmwareVersion']);
  if (vendorText) said.push(`service root Vendor ${vendorText}`);
  if (manufacturer) said.push(`Manager Manufacturer ${manufacturer}`);
  if (model) said.push(`Manager Model ${model}`);
  if (firmware) said.push(`FirmwareVersion ${firmware}`);
  let vendor = fromText(vendorText) ?? fromText(manufacturer);
  if (vendor === undefined) {
    for (const [key, v] of OEM_KEYS) {
      if (obj(obj(root['Oem'])?.[key]) || obj(obj(mgr['Oem'])?.[key])) {
        vendor = v;
        said.push(`OEM section ${key}`);
        break;
      }
    }
  }
  vendor ??= fromText(model) ?? fromText(firmware) ?? 'unknown';
  const identity: BmcIdentity = { vendor, said: said.length > 0 ? said.join('; ') : 'the BMC names no vendor' };
  if (firmware) identity.firmware = firmware;
  if (vendor === 'hpe-ilo') {
    // iLO says its generation in the Manager Model ("iLO 5") and in the root's Oem.Hpe.Manager.
    const hpeManagers = obj(obj(root['Oem'])?.['Hpe'])?.['Manager'];
    const managerType = Array.isArray(hpeManagers) ? str(obj(hpeManagers[0])?.['ManagerType']) : undefined;
    const generation = /iLO ?\d+/i.exec(model ?? managerType ?? firmware ?? '')?.[0];
    if (generation) identity.generation = generation.replace(/ilo ?/i, 'iLO ');
  }
  return identity;
}
