// The Redfish simulator's config for one lab host: the stored initial accounts and BIOS password
// from the secrets file, changed the way the host's scenario says.
import type { LabSecretsFile, RedfishSpec } from '../fleet/fleet-schema.js';

/** The config fixtures/redfish-sim/server.js reads (see its README). */
export interface RedfishSimConfig {
  name: string;
  uuid: string;
  /** The simulator's own tree presents itself as an OpenBMC (its errors are OpenBMC-style). */
  vendor?: 'openbmc';
  /** Serve this vendor's capture (`--mockup`); accounts without an id take the captured one of that name. */
  capture?: 'dell' | 'hpe' | 'lenovo' | 'supermicro';
  accounts: { id?: string; userName: string; password: string; roleId: string }[];
  bios: { adminPassword: string; changePassword?: 'supported' | 'absent' | 'pending'; pending?: Record<string, string | number | boolean> };
}

const ROLE_OF: Record<string, string> = { administrator: 'Administrator', operator: 'Operator', user: 'ReadOnly' };

/** The simulator config of `hostName`, or the problems that prevent one. Pure. */
export function redfishSimConfig(
  hostName: string,
  spec: RedfishSpec,
  secrets: LabSecretsFile['hosts'][string] | undefined,
  uuid: string,
): { config: RedfishSimConfig } | { errors: string[] } {
  const errors: string[] = [];
  const stored = secrets?.bmc?.accounts ?? [];
  if (stored.length === 0) errors.push(`${hostName}: the secrets file holds no BMC account for its Redfish BMC`);
  const initialBios = secrets?.bios?.password;
  if (initialBios === undefined) errors.push(`${hostName}: the secrets file holds no bios.password for its Redfish BMC`);
  if (spec.biosPassword !== undefined && spec.biosPassword === initialBios) errors.push(`${hostName}: the changed BIOS password equals the stored one; omit it`);
  // A capture already holds its accounts: a stored one takes over the captured account of its
  // name (ids are the capture's), an extra one the captured slot of its id (or a new one).
  const accounts: RedfishSimConfig['accounts'] = stored.map((a, i) => ({
    ...(spec.capture ? {} : { id: String(i + 2) }),
    userName: a.user,
    password: a.password,
    roleId: ROLE_OF[a.privilege ?? 'administrator'] ?? 'Administrator',
  }));
  for (const extra of spec.extraAccounts) {
    if (accounts.some((a) => a.id === extra.id || a.userName === extra.userName)) errors.push(`${hostName}: extra Redfish account ${extra.userName} (id ${extra.id}) collides with a stored one`);
    accounts.push({ id: extra.id, userName: extra.userName, password: extra.password, roleId: extra.roleId });
  }
  if (errors.length > 0) return { errors };
  if (spec.biosPending !== undefined && !spec.capture) return { errors: [`${hostName}: biosPending needs a capture`] };
  if (spec.capture) {
    const bios = { adminPassword: spec.biosPassword ?? initialBios ?? '', ...(spec.biosPending ? { pending: spec.biosPending } : {}) };
    return { config: { name: `bmc-${hostName}`, uuid, capture: spec.capture, accounts, bios } };
  }
  return {
    config: {
      name: `bmc-${hostName}`,
      uuid,
      vendor: 'openbmc',
      accounts,
      bios: { adminPassword: spec.biosPassword ?? initialBios ?? '', changePassword: spec.changePassword },
    },
  };
}
