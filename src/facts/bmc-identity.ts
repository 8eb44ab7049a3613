// Which BMC a host has, as the BMC itself says it over Redfish: the fact that chooses how each
// vendor-specific proof is made, and that evidence names so a reader can see why.

/** The BMC families fleetcheck knows a proof (or the lack of one) for; anything else is 'unknown'. */
export type BmcVendor = 'dell-idrac' | 'hpe-ilo' | 'lenovo-xcc' | 'supermicro' | 'ami' | 'openbmc' | 'unknown';

/** A BMC's identity and what it said that gave it away. */
export interface BmcIdentity {
  vendor: BmcVendor;
  /** The generation where it changes the proof (`iLO 5`, `iLO 4`), when the BMC says it. */
  generation?: string;
  /** Manager FirmwareVersion, when read. */
  firmware?: string;
  /** What the identification rests on, for evidence: "service root Vendor Dell; Manager Model 15G Monolithic". */
  said: string;
}
