// Which section of the collecting command yields which SSH fact.
import type { FactKey } from '../../facts/facts.js';
import { authorizedKeysSection } from './authorized-keys-section.js';
import { accountsSection } from './residue/accounts-section.js';
import { leftoverFilesSection } from './residue/leftover-files-section.js';
import { textFilesSection } from './residue/text-files-section.js';
import { backupSchedulesSection } from './backup/schedules-section.js';
import { backupSoftwareSection } from './backup/software-section.js';
import { backupStorageSection } from './backup/storage-section.js';
import { backupTargetsSection } from './backup/targets-section.js';
import { nameResolutionFollowUp } from './backup/name-resolution-section.js';
import type { SshFollowUp, SshSection } from './ssh-section.js';

/** Every SSH section, by the fact it yields; a new `ssh.*` fact adds its section here. */
export const SSH_SECTIONS: ReadonlyMap<FactKey, SshSection<FactKey>> = new Map<FactKey, SshSection<FactKey>>([
  ['ssh.authorized-keys', authorizedKeysSection as SshSection<FactKey>],
  ['ssh.accounts', accountsSection as SshSection<FactKey>],
  ['ssh.residue-files', leftoverFilesSection as SshSection<FactKey>],
  ['ssh.text-files', textFilesSection as SshSection<FactKey>],
  ['ssh.backup-software', backupSoftwareSection as SshSection<FactKey>],
  ['ssh.backup-schedules', backupSchedulesSection as SshSection<FactKey>],
  ['ssh.backup-targets', backupTargetsSection as SshSection<FactKey>],
  ['ssh.backup-storage', backupStorageSection as SshSection<FactKey>],
]);

/** Every SSH follow-up (a second command built from the first one's facts), by the fact it yields. */
export const SSH_FOLLOW_UPS: ReadonlyMap<FactKey, SshFollowUp<FactKey>> = new Map<FactKey, SshFollowUp<FactKey>>([
  ['ssh.name-resolution', nameResolutionFollowUp as unknown as SshFollowUp<FactKey>],
]);
