// The catalogue of facts a host can yield, and the bag a host's collectors fill.
import type { AuthorizedKeysFact } from './authorized-keys.js';
import type { AccountsFact } from './accounts.js';
import type { LeftoverFilesFact } from './leftover-files.js';
import type { TextFilesFact } from './text-files.js';
import type { BackupSchedulesFact } from './backup-schedules.js';
import type { BackupSoftwareFact } from './backup-software.js';
import type { BackupStorageFact } from './backup-storage.js';
import type { BackupTargetsFact } from './backup-targets.js';
import type { NameResolutionFact } from './name-resolution.js';
import type { BmcUsersFact } from './bmc-users.js';
import type { InitialLoginsFact } from './initial-logins.js';
import type { DefaultLoginsFact } from './default-logins.js';
import type { CipherZeroFact } from './cipher-zero.js';
import type { AnonymousFact } from './anonymous.js';
import type { BiosPasswordFact } from './bios-password.js';
import type { HandshakeCounts } from './bmc-handshakes.js';
import type { FactResult } from './fact-result.js';
import type { HostSecrets } from './host-secrets.js';
import type { SavedReportsFact } from './saved-reports.js';
import type { SshKeyAcceptanceFact } from './ssh-key-acceptance.js';
import type { SshLoginFact } from './ssh-login.js';
import type { ProviderSystemsFact } from './provider-systems.js';

/** Every fact a check may ask for, by key. Collectors are chosen from the keys the selected checks need. */
export interface FactTypes {
  'ssh.authorized-keys': AuthorizedKeysFact;
  /** Local accounts, password state (never the hash), sudoers and process owners. */
  'ssh.accounts': AccountsFact;
  /** Provisioning leftovers and histories, with the credentials found in them. */
  'ssh.residue-files': LeftoverFilesFact;
  /** Every readable text file under /etc, /root, homes' top level, /var/log, /opt and /srv, in bounded parts. */
  'ssh.text-files': TextFilesFact;
  /** Traces of catalogued backup software: packages, binaries, units, processes, configs. */
  'ssh.backup-software': BackupSoftwareFact;
  /** Every crontab entry and timer-started service command. */
  'ssh.backup-schedules': BackupSchedulesFact;
  /** Network mounts, iSCSI, rclone remotes and backup repositories named in files. */
  'ssh.backup-targets': BackupTargetsFact;
  /** What the host's own resolver answers for the host names its backup targets (and jobs) name. */
  'ssh.name-resolution': NameResolutionFact;
  /** LVM/ZFS/btrfs snapshots, DRBD resources, md arrays with network members. */
  'ssh.backup-storage': BackupStorageFact;
  'bmc.initial-logins': InitialLoginsFact;
  /** The LAN channel's user table (read in the first stored administrator session). */
  'bmc.users': BmcUsersFact;
  /** Null-user and empty-password logins. */
  'bmc.anonymous': AnonymousFact;
  /** Sessions under cipher suite 0 with a random password. */
  'bmc.cipher-zero': CipherZeroFact;
  /** Vendor factory-default logins. */
  'bmc.default-logins': DefaultLoginsFact;
  /** What the run's handshakes cost the BMC: begun, finished, left unfinished (no check needs it; the report shows it). */
  'bmc.handshakes': HandshakeCounts;
  /** Redfish `Bios.ChangePassword` with the stored initial password as old and new (a write: contract end or on request only). */
  'bmc.bios-password': BiosPasswordFact;
  /** What the provider's store holds for the host; values stay wrapped in Secret. */
  'store.host-secrets': HostSecrets;
  /** fleetcheck's own saved reports that name the host (read once per run, from the inventory's `reports.dir`). */
  'store.saved-reports': SavedReportsFact;
  /** sshd's answers, asked from outside without a login, on whether it would accept provider keys (and on `none` hosts fleetcheck's own). */
  'probe.ssh-key-acceptance': SshKeyAcceptanceFact;
  /** How the SSH collector logged in (user, sudo, key); present whenever it did, whichever facts were asked for. */
  'ssh.login': SshLoginFact;
  /** What the provider's own systems (`provider.systems`) hold: read once per run, the same for every host. */
  'provider.systems': ProviderSystemsFact;
}

/** A fact's name. Keys are grouped by where they are collected (`ssh.*` over a login, `probe.*` from outside without one, `bmc.*`, `store.*`, `provider.*` on the provider's own systems). */
export type FactKey = keyof FactTypes;

/** The facts collected for one host; a key is present once its collector has run. */
export type Facts = { [K in FactKey]?: FactResult<FactTypes[K]> };
