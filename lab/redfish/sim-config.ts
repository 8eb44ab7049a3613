// The Redfish simulator's config for one lab host: the stored initial accounts and BIOS password
// from the secrets file, changed the way the host's scenario says.
import type { LabSecretsFile, RedfishSpec } from '../fleet/fleet-schema.js';

/** The config fixtures/redfish-sim/server.js reads (see its README). */
export interface RedfishSimConfig {
  name: string;
  uuid: string;
  accounts: { id: string; userName: string; password: string; roleId: string }[];
  bios: { adminPassword: string; changePassword: 'supported' | 'absent' | 'pending' };
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
  const accounts = stored.map((a, i) => ({ id: String(i + 2), userName: a.user, password: a.password, roleId: ROLE_OF[a.privilege ?? 'administrator'] ?? 'Administrator' }));
  for (const extra of spec.extraAccounts) {
    if (accounts.some((a) => a.id === extra.id || a.userName === extra.userName)) errors.push(`${hostName}: extra Redfish account ${extra.userName} (id ${extra.id}) collides with a stored one`);
    accounts.push({ id: extra.id, userName: extra.userName, password: extra.password, roleId: extra.roleId });
  }
  if (errors.length > 0) return { errors };
  return {
    config: {
      name: `bmc-${hostName}`,
      uuid,
      accounts,
      bios: { adminPassword: spec.biosPassword ?? initialBios ?? '', changePassword: spec.changePassword },
    },
  };
}
