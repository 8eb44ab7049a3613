// The shape of fixtures/lab/fleet.yaml and of the part of the secrets file the lab reads.
import { z } from 'zod';

const loopbackAddress = z
  .string()
  .regex(/^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, 'must be an IPv4 address in 127.0.0.0/8');
const hostName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, 'must be a short lower-case host name');
const unixName = z.string().regex(/^[a-z_][a-z0-9_-]{0,30}$/, 'must be a Unix user name');
const debianPackage = z.string().regex(/^[a-z0-9][a-z0-9+.-]+$/, 'must be a Debian package name');
// lan.conf quotes passwords with "", and IPMI passwords are at most 16 bytes for IPMI 1.5 users.
const bmcPassword = z.string().regex(/^[A-Za-z0-9._@%+=-]{1,16}$/, 'must be 1-16 of A-Z a-z 0-9 . _ @ % + = -');

/** A BMC user slot as ipmi_sim gets it; without `password` the initial one from the secrets file applies. */
export const BmcUserSchema = z.strictObject({
  id: z.number().int().min(2).max(15),
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,16}$/),
  privilege: z.enum(['user', 'operator', 'admin']).default('admin'),
  password: bmcPassword.optional(),
});

/** A host's simulated BMC; `simulated: false` keeps its address silent (an unreachable BMC). */
export const BmcSchema = z.strictObject({
  address: loopbackAddress,
  simulated: z.boolean().default(true),
  /** Enables IPMI's null user (slot 1, empty name and password); disabled on every other lab BMC. */
  anonymous: z.boolean().default(false),
  users: z.array(BmcUserSchema).min(1).default([{ id: 2, name: 'ADMIN', privilege: 'admin' }]),
});

/**
 * A host's Redfish BMC simulator (fixtures/redfish-sim): the stored initial accounts and BIOS
 * password from the secrets file, plus what the scenario changes.
 */
export const RedfishSchema = z.strictObject({
  address: loopbackAddress,
  /** Accounts besides the stored initial ones (an extra account). */
  extraAccounts: z
    .array(
      z.strictObject({
        id: z.string().regex(/^\d{1,3}$/),
        userName: z.string().regex(/^[A-Za-z0-9_.-]{1,16}$/),
        password: z.string().min(1).max(32),
        roleId: z.enum(['Administrator', 'Operator', 'ReadOnly']).default('Administrator'),
      }),
    )
    .default([]),
  /** A BIOS administrator password other than the stored one: changed and not set back. */
  biosPassword: z.string().min(1).max(32).optional(),
  /** `absent`: the BMC has no #Bios.ChangePassword; `pending`: it answers 202 with a task. */
  changePassword: z.enum(['supported', 'absent', 'pending']).default('supported'),
  /**
   * Serve a real vendor's capture (fixtures/redfish-mockups/<capture>) under that vendor's
   * profile instead of the simulator's own OpenBMC-style tree; `changePassword` does not apply.
   */
  capture: z.enum(['dell', 'hpe', 'lenovo', 'supermicro']).optional(),
  /** With `capture`: BIOS attributes someone staged in the settings object and nobody applied. */
  biosPending: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/), z.union([z.string().max(64), z.number(), z.boolean()])).optional(),
});

/** One container host of a rack. */
export const HostSchema = z.strictObject({
  scenario: z.string(),
  /**
   * Set on the provider's own systems (a backup server, a staff computer): such a host runs like any
   * other but is no rented host, so the inventory lists it under `provider.systems` with this role.
   */
  role: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a role like backup, storage, billing or staff').optional(),
  ssh: z.strictObject({
    address: loopbackAddress,
    user: unixName.default('root'),
    /** false: the scanner's key is not installed (a host the inventory marks `ssh.access: none`). */
    scannerKey: z.boolean().default(true),
  }),
  bmc: BmcSchema.optional(),
  redfish: RedfishSchema.optional(),
});

/** A local account a scenario adds to /etc/passwd, /etc/group and /etc/shadow. */
export const AccountSchema = z.strictObject({
  name: unixName,
  uid: z.number().int().min(1000).max(59999),
  home: z.string().regex(/^\/[A-Za-z0-9._/-]+$/).optional(),
  shell: z.string().default('/bin/bash'),
});

/** How many times a file's `content` is written one after the other: large text files without large fixtures (64 MiB at most per file). */
const Repeat = z.number().int().min(1).max(1_000_000).optional();

/**
 * A file a scenario's tree in git cannot hold, made in the host's upper layer at start: a FIFO, a
 * name with a newline, a link to a device, a huge sparse file, or many copies of one file (`repeat`
 * writes a file's content that many times over).
 * `path` is relative to / and may hold any character but NUL; `%d` in a `copies` path is the copy's number.
 */
export const SpecialFileSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fifo'), path: z.string() }),
  z.strictObject({ kind: z.literal('file'), path: z.string(), content: z.string(), repeat: Repeat }),
  z.strictObject({ kind: z.literal('symlink'), path: z.string(), target: z.string().min(1) }),
  z.strictObject({ kind: z.literal('sparse'), path: z.string(), bytes: z.number().int().min(1).max(4 * 1024 ** 3) }),
  z.strictObject({ kind: z.literal('copies'), path: z.string().includes('%d'), count: z.number().int().min(1).max(100_000), content: z.string(), repeat: Repeat }),
]).refine((f) => f.path !== '' && !f.path.startsWith('/') && !f.path.includes('\0') && !f.path.split('/').includes('..'), {
  message: 'path must be relative to /, without .. or NUL',
}).refine((f) => !('repeat' in f) || f.content.length * (f.repeat ?? 1) <= 64 * 1024 ** 2, { message: 'content × repeat must stay within 64 MiB' });

/**
 * A copy of a rented lab host that a provider backup server keeps, made once with the real tool and
 * cached: bacula (the server's director and storage daemon back up the host's bacula-fd), restic and
 * borg (the host backs up its /srv/data into /srv/restic/main or /srv/borg/main of the server), rsnapshot
 * (the server's /etc/rsnapshot.conf pulls the host with rsync). `password` names the repository's
 * password in the secrets file, `systems.<server>.<password>`.
 */
export const BackupCopySchema = z.discriminatedUnion('tool', [
  z.strictObject({ tool: z.literal('bacula'), host: hostName }),
  z.strictObject({ tool: z.literal('restic'), host: hostName, password: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/) }),
  z.strictObject({ tool: z.literal('borg'), host: hostName, password: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/) }),
  z.strictObject({ tool: z.literal('rsnapshot'), host: hostName }),
]);

/** A named situation a host is put in: its accounts, its extra packages, its file tree (by directory name). */
export const ScenarioSchema = z.strictObject({
  description: z.string().min(1),
  users: z.array(AccountSchema).default([]),
  specialFiles: z.array(SpecialFileSchema).default([]),
  // Installed into a cached layer stacked on the base root filesystem.
  packages: z.array(debianPackage).default([]),
  /**
   * Shell commands run as root inside the host, in order, before its sshd starts: daemons that put
   * themselves in the background (the Bacula file daemon the provider's director backs up). A command
   * that fails keeps the host from starting, with its output in the host's log.
   */
  services: z.array(z.string().min(1).max(500)).default([]),
  /** Copies of rented hosts this (provider backup server) scenario holds; its packages must hold the tools. */
  backups: z.array(BackupCopySchema).default([]),
});

/** fixtures/lab/fleet.yaml. */
export const FleetSchema = z.strictObject({
  version: z.literal(1),
  base: z.strictObject({
    suite: z.string().regex(/^[a-z]+$/),
    packages: z.array(debianPackage).min(1),
  }),
  scenarios: z.record(z.string().regex(/^[a-z0-9-]+$/), ScenarioSchema),
  racks: z.record(
    z.string().regex(/^[A-Z][A-Z0-9]{0,7}$/),
    z.strictObject({ number: z.number().int().min(0).max(255), hosts: z.record(hostName, HostSchema) }),
  ),
});

/** The secrets file as far as the lab needs it: initial BMC accounts per host, repository passwords per provider system. Other fields pass. */
export const LabSecretsSchema = z.looseObject({
  systems: z.record(z.string(), z.record(z.string(), z.string().min(1))).optional(),
  hosts: z.record(
    z.string(),
    z.looseObject({
      bmc: z
        .looseObject({
          accounts: z.array(z.looseObject({ user: z.string(), password: bmcPassword, privilege: z.string().optional() })),
        })
        .optional(),
      bios: z.looseObject({ password: z.string().min(1).max(32) }).optional(),
    }),
  ),
});

/** fleet.yaml after validation. */
export type FleetFile = z.infer<typeof FleetSchema>;
/** The secrets file after validation. */
export type LabSecretsFile = z.infer<typeof LabSecretsSchema>;
/** A host's Redfish BMC as the fleet file gives it. */
export type RedfishSpec = z.infer<typeof RedfishSchema>;
/** A file the lab makes in a host's upper layer at start. */
export type SpecialFileSpec = z.infer<typeof SpecialFileSchema>;
/** A scenario account after defaults. */
export type AccountSpec = z.infer<typeof AccountSchema>;
/** A backup copy as the fleet file gives it. */
export type BackupCopySpec = z.infer<typeof BackupCopySchema>;
