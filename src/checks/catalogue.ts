// Every check fleetcheck knows, in report order.
import type { FactKey } from '../facts/facts.js';
import { backupAgents } from './backup/agents.js';
import { backupRemoteTargets } from './backup/remote-targets.js';
import { backupSchedules } from './backup/schedules.js';
import { backupStorageCopies } from './backup/storage-copies.js';
import { bmcAnonymous } from './bmc/anonymous.js';
import { bmcCipherZero } from './bmc/cipher-zero.js';
import { bmcDefaultCredentials } from './bmc/default-credentials.js';
import { countingFailedLogins } from './bmc/failed-logins.js';
import { initialCredentials } from './bmc/initial-credentials.js';
import { bmcUsers } from './bmc/users.js';
import { bmcRedfishTls } from './bmc/redfish-tls.js';
import { biosInitialPassword } from './bios/initial-password.js';
import type { Check } from './check.js';
import { authorizedKeysCommand } from './residue/authorized-keys-command.js';
import { providerAccount } from './residue/provider-account.js';
import { providerSecretInFiles } from './residue/provider-secret-in-files.js';
import { providerSshCa } from './residue/provider-ssh-ca.js';
import { providerSshKey } from './residue/provider-ssh-key.js';
import { sshKeyAccepted } from './residue/ssh-key-accepted.js';
import { provisioningCredentials } from './residue/provisioning-credentials.js';
import { storeOsCredentials } from './residue/store-os-credentials.js';
import { storeRetention } from './residue/store-retention.js';
import { providerSystemsSecrets } from './residue/provider-systems-secrets.js';
import { backupProviderCopies } from './backup/provider-copies.js';

/** The residue checks, in report order. */
const RESIDUE_CHECKS = [
  providerSshKey,
  sshKeyAccepted,
  providerSshCa,
  authorizedKeysCommand,
  providerAccount,
  provisioningCredentials,
  providerSecretInFiles,
  providerSystemsSecrets,
  storeOsCredentials,
  storeRetention,
] as readonly Check<FactKey>[];

/** The backup checks, in report order. */
const BACKUP_CHECKS = [backupAgents, backupSchedules, backupRemoteTargets, backupStorageCopies, backupProviderCopies] as readonly Check<FactKey>[];

/** All checks; ids are dotted and grouped by promise (`backup.*`, `bmc.*`, `bios.*`, `residue.*`). */
export const ALL_CHECKS: readonly Check<FactKey>[] = [
  ...BACKUP_CHECKS,
  // Their findings also count the logins the BMC refused (bmcFailedLogins in the report).
  countingFailedLogins(initialCredentials, 'bmc.initial-logins'),
  bmcUsers,
  countingFailedLogins(bmcCipherZero, 'bmc.cipher-zero'),
  countingFailedLogins(bmcAnonymous, 'bmc.anonymous'),
  countingFailedLogins(bmcDefaultCredentials, 'bmc.default-logins'),
  bmcRedfishTls as Check<FactKey>,
  biosInitialPassword as Check<FactKey>,
  ...RESIDUE_CHECKS,
] as readonly Check<FactKey>[];
