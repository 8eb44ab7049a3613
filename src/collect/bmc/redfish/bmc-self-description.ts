// What the BMC says about itself in a session: its first Manager (for identify-bmc.ts) and its
// AccountService (for the lockout policy). Read once by the stored administrator; a part that
// cannot be read is left out, never guessed.
import type { BmcIdentity } from '../../../facts/bmc-identity.js';
import { isSuccess, type RedfishSession } from '../../../transport/redfish/redfish-session.js';
import { odataLink } from '../../../transport/redfish/redfish-path.js';
import { identifyBmc } from './identify-bmc.js';
import { parseLockoutPolicy, type LockoutPolicy } from './lockout-policy.js';

/** The BMC's identity and lockout policy as read in one session. */
export interface BmcSelfDescription {
  identity: BmcIdentity;
  /** Undefined when AccountService could not be read. */
  lockout: LockoutPolicy | undefined;
}

/** Reads the first Manager and AccountService (two or three GETs). */
export async function readBmcSelfDescription(session: RedfishSession): Promise<BmcSelfDescription> {
  let manager: unknown;
  const managersPath = odataLink(session.serviceRoot, ['Managers']);
  if (managersPath !== undefined) {
    const managers = await session.get(managersPath);
    const first = isSuccess(managers) ? odataLink(managers.json, ['Members', '0']) : undefined;
    if (first !== undefined) {
      const m = await session.get(first);
      if (isSuccess(m)) manager = m.json;
    }
  }
  const servicePath = odataLink(session.serviceRoot, ['AccountService']) ?? '/redfish/v1/AccountService';
  const service = await session.get(servicePath);
  return { identity: identifyBmc(session.serviceRoot, manager), lockout: isSuccess(service) ? parseLockoutPolicy(service.json) : undefined };
}
