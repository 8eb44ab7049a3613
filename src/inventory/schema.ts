// The inventory format, one zod schema per piece of the file that is checked on its own.
import { z } from 'zod';
import { isAddress, isCidr, isDnsName } from './address.js';
import { isCalendarDate } from './calendar-date.js';
import { MISSING, type Checked } from './checked.js';
import { parseDuration } from './duration.js';
import { parseProviderKey } from './provider-key.js';
import { parseRetention } from './retention.js';
import { parseSha256Fingerprint } from '../text/certificate-fingerprint.js';


/** A leaf whose value is checked by a plain function, so every message is ours and short. */
function checked<T>(check: (value: unknown) => Checked<T>) {
  return z.unknown().transform((value, ctx) => {
    const result: Checked<T> = value === undefined ? { ok: false, message: MISSING } : check(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
}

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const no = (message: string): Checked<never> => ({ ok: false, message });

const integer = (min: number, max: number, what: string) =>
  checked((v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? ok(v) : no(`expected ${what} (${min}-${max})`)));

const text = (what: string, pattern: RegExp, max = 200) =>
  checked((v) => {
    if (typeof v === 'number') return no(`expected ${what}; put the value in quotes`);
    return typeof v === 'string' && v.length <= max && pattern.test(v) ? ok(v) : no(`expected ${what}`);
  });

const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/;

/** Schemas of fields that exist only to explain where a setting belongs instead; never suggested for typos. */
export const misplacedFields = new WeakSet<z.ZodType>();

/** A field that is known but not allowed at this level, with the message saying where it goes. */
function notHere(message: string) {
  const schema = checked(() => no(message)).optional();
  misplacedFields.add(schema);
  return schema;
}

/** A YAML mapping left unchecked here: its entries are checked one by one later. */
function mapping(what: string) {
  return checked((v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? ok(v as Record<string, unknown>) : no(`expected ${what}`),
  );
}

const port = integer(1, 65535, 'a port number');
const duration = checked(parseDuration);
const filePath = text('a file path', PRINTABLE, 4096);
const address = checked((v) => (typeof v === 'string' && isAddress(v) ? ok(v) : no('expected an IP address or host name')));
const date = checked((v) => (typeof v === 'string' && isCalendarDate(v) ? ok(v) : no('expected a date like 2027-12-31')));
const concurrency = integer(1, 10_000, 'a number of parallel scans');
const list = <T extends z.ZodType>(item: T) => z.array(item).optional();

const sshSettings = {
  user: text('a user name', /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/),
  port,
  identity: filePath,
  agent: z.boolean(),
  knownHosts: filePath,
  connectTimeout: duration,
  commandTimeout: duration,
  /** `login` (the default): fleetcheck logs in; `none`: it never does, only the outside key probe runs. */
  access: checked((v) => (v === 'login' || v === 'none' ? ok(v as 'login' | 'none') : no('expected `login` or `none`'))),
  /** Account names the key acceptance probe asks about besides root, provider.accounts and the login user. */
  probeAccounts: z.array(text('a user name', /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/)),
};

const bmcSettings = {
  port,
  cipherSuite: integer(0, 17, 'an IPMI cipher suite'),
  channel: integer(1, 15, 'an IPMI LAN channel'),
  timeout: duration,
  retries: integer(0, 10, 'a retry count'),
};

const optionalAll = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };

const defaultsSsh = z.strictObject({
  ...optionalAll(sshSettings),
  address: notHere('set ssh.address on each host, not in defaults'),
});

const defaultsBmc = z.strictObject({
  ...optionalAll(bmcSettings),
  address: notHere('set bmc.address on each host, not in defaults'),
});

/** `defaults:` at the top of the file: settings every host inherits, and the fleet-wide concurrency. */
export const defaultsSchema = z.strictObject({
  ssh: defaultsSsh.optional(),
  bmc: defaultsBmc.optional(),
  hostTimeout: duration.optional(),
  concurrency: z.strictObject({ global: concurrency.optional(), perRack: concurrency.optional(), bmc: concurrency.optional() }).optional(),
});

/** `defaults:` inside a rack: overrides the top-level defaults for that rack's hosts. */
export const rackDefaultsSchema = z.strictObject({
  ssh: defaultsSsh.optional(),
  bmc: defaultsBmc.optional(),
  hostTimeout: duration.optional(),
  concurrency: z
    .strictObject({
      perRack: concurrency.optional(),
      global: notHere('global concurrency applies to the whole fleet; set it in the top-level defaults'),
      bmc: notHere('bmc concurrency applies to the whole fleet; set it in the top-level defaults'),
    })
    .optional(),
});

const contractSchema = z
  .strictObject({
    id: text('a contract id', PRINTABLE),
    customer: text('a customer name', PRINTABLE),
    start: date.optional(),
    end: date,
    handover: date.optional(),
  })
  .superRefine((contract, ctx) => {
    if (contract.start !== undefined && contract.end < contract.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `contract ends before it starts (${contract.start})` });
    }
    if (contract.start !== undefined && contract.handover !== undefined && contract.handover < contract.start) {
      ctx.addIssue({ code: 'custom', path: ['handover'], message: `handover is before the contract starts (${contract.start})` });
    }
  });

/** How a Redfish BMC's certificate is trusted, as written: exactly one of the four keys. */
export type RedfishTrustInput = { kind: 'pinned'; sha256: string } | { kind: 'pinned-file'; file: string } | { kind: 'ca'; caFile: string } | { kind: 'insecure' };

const fingerprint = checked((v) =>
  typeof v === 'string' && parseSha256Fingerprint(v) !== undefined ? ok(v) : no('expected a SHA-256 certificate fingerprint (SHA256:AB:CD:… or 64 hex digits)'),
);
const insecureFlag = checked((v) =>
  v === true ? ok(true as const) : no('`insecure:` may only be `true`; to check the certificate set `fingerprint:`, `fingerprintFile:` or `caFile:` instead'),
);

/** `bmc.redfish:` of a host: where the Redfish service listens and how its certificate is trusted. */
const redfishSchema = z
  .strictObject({
    address: address.optional(),
    port: port.optional(),
    fingerprint: fingerprint.optional(),
    fingerprintFile: filePath.optional(),
    caFile: filePath.optional(),
    insecure: insecureFlag.optional(),
    timeout: duration.optional(),
  })
  .transform((r, ctx) => {
    const trusts: RedfishTrustInput[] = [
      ...(r.fingerprint !== undefined ? [{ kind: 'pinned' as const, sha256: r.fingerprint }] : []),
      ...(r.fingerprintFile !== undefined ? [{ kind: 'pinned-file' as const, file: r.fingerprintFile }] : []),
      ...(r.caFile !== undefined ? [{ kind: 'ca' as const, caFile: r.caFile }] : []),
      ...(r.insecure === true ? [{ kind: 'insecure' as const }] : []),
    ];
    if (trusts.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected exactly one way to trust the BMC\'s certificate: `fingerprint:`, `fingerprintFile:`, `caFile:` or (unchecked, flagged in every report) `insecure: true`',
      });
      return z.NEVER;
    }
    return { address: r.address, port: r.port, timeout: r.timeout, trust: trusts[0]! };
  });

/** One host under `racks.<rack>.hosts`: its addresses and any setting it overrides. */
export const hostSchema = z.strictObject({
  ssh: z.strictObject({ address, ...optionalAll(sshSettings) }),
  bmc: z
    .strictObject({
      address,
      ...optionalAll(bmcSettings),
      /** false: IPMI over LAN is off on this BMC; IPMI-only checks do not apply. */
      ipmi: z.boolean().optional(),
      redfish: redfishSchema.optional(),
    })
    .optional(),
  contract: contractSchema.optional(),
  secrets: text('a key in the secret store', PRINTABLE).optional(),
  hostTimeout: duration.optional(),
  /** Other names and addresses the host is known by on the provider's systems (backup clients, FQDNs, old addresses). */
  aliases: list(text('a name or address the host is known by', /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$/, 253)),
});

/** `SYSTEM/NAME`: the `systems.SYSTEM.NAME` entry of the secret store (a repository password), never the password. */
const systemSecretRef = checked((v) => {
  const m = typeof v === 'string' ? /^([A-Za-z0-9][A-Za-z0-9_.-]{0,62})\/([A-Za-z0-9][A-Za-z0-9_.-]{0,62})$/.exec(v) : null;
  return m ? ok({ system: m[1]!, name: m[2]! }) : no('expected a store reference SYSTEM/NAME like backup01/restic-main (the password itself goes into the secret store)');
});

const absolutePath = text('an absolute path', /^\/[^\u0000-\u001f\u007f]*$/, 4096);
const repositoryPath = text('a repository path or URL', PRINTABLE, 4096);

/** One provider system under `provider.systems`: an SSH target like a host, its role, and where to look. */
export const providerSystemSchema = z.strictObject({
  role: text('a role: backup, storage, billing, staff or another name', /^[a-z][a-z0-9-]{0,31}$/),
  ssh: z.strictObject({ address, ...optionalAll(sshSettings), access: notHere('a provider system is always logged in to; remove ssh.access') }),
  hostTimeout: duration.optional(),
  bacula: z.strictObject({ config: absolutePath.optional(), catalog: absolutePath.optional(), bconsole: absolutePath.optional() }).optional(),
  restic: list(z.strictObject({ repository: repositoryPath, password: systemSecretRef })),
  borg: list(z.strictObject({ repository: repositoryPath, passphrase: systemSecretRef.optional() })),
  rsnapshot: z.strictObject({ config: absolutePath }).optional(),
  trees: list(absolutePath),
  snapshotRoots: list(absolutePath),
  files: list(absolutePath),
});

/** One rack: optional defaults and its hosts (each checked with hostSchema). */
export const rackSchema = z.strictObject({
  defaults: z.unknown().optional(),
  hosts: mapping('a mapping of host names to hosts'),
});

const envName = text('an environment variable name', /^[A-Za-z_][A-Za-z0-9_]{0,127}$/);
const ageRecipient = text('an age recipient (age1…)', /^age1[02-9ac-hj-np-z]{58}$/);

/** Where the age identity is read from: a file, or an environment variable; never the identity itself. */
const ageIdentity = z
  .strictObject({ file: filePath.optional(), env: envName.optional() })
  .transform((source, ctx) => {
    if ((source.file === undefined) === (source.env === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of `file:` (an identity file) or `env:` (a variable holding the identity)' });
      return z.NEVER;
    }
    return source.file !== undefined ? { kind: 'file' as const, path: source.file } : { kind: 'env' as const, name: source.env! };
  });

/** The kinds of secret store, one key each; a new kind is one more entry here and one member of SecretsSource. */
const secretKinds = {
  /** Plain YAML, for the lab and tests. */
  file: filePath,
  /** The default: an age-encrypted YAML document. */
  age: z.strictObject({ file: filePath, identity: ageIdentity, recipients: list(ageRecipient) }),
  /** password-store: one entry per host under `prefix`. */
  pass: z.strictObject({ prefix: text('a folder in the password store', /^[A-Za-z0-9_.@+-][A-Za-z0-9_.@+/-]{0,199}$/), dir: filePath.optional(), timeout: duration.optional() }),
  /** An operator's helper; its argv, never a secret, and the host key appended. */
  command: z.strictObject({ run: z.array(text('a command word', PRINTABLE, 4096)).min(1), timeout: duration.optional() }),
};

/** `secrets:` as written: exactly one kind. Paths are still relative; parse-inventory resolves them. */
export type SecretsInput =
  | { kind: 'file'; path: string }
  | { kind: 'age'; path: string; identity: { kind: 'file'; path: string } | { kind: 'env'; name: string }; recipients: string[] }
  | { kind: 'pass'; prefix: string; dir?: string; timeoutMs?: number }
  | { kind: 'command'; run: string[]; timeoutMs?: number };

const secretsSchema = z
  .strictObject(optionalAll(secretKinds))
  .transform((source, ctx): SecretsInput => {
    const kinds = Object.keys(source).filter((k) => source[k as keyof typeof source] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `expected exactly one secret store: ${Object.keys(secretKinds).join(', ')}` });
      return z.NEVER;
    }
    if (source.file !== undefined) return { kind: 'file', path: source.file };
    if (source.age !== undefined) return { kind: 'age', path: source.age.file, identity: source.age.identity, recipients: source.age.recipients ?? [] };
    if (source.pass !== undefined) {
      const p = source.pass;
      return { kind: 'pass', prefix: p.prefix, ...(p.dir === undefined ? {} : { dir: p.dir }), ...(p.timeout === undefined ? {} : { timeoutMs: p.timeout }) };
    }
    const c = source.command!;
    return { kind: 'command', run: c.run, ...(c.timeout === undefined ? {} : { timeoutMs: c.timeout }) };
  });

/** One waiver: a check id or glob, the hosts and/or racks it covers, why, and until when (InSpec's model). */
const waiverSchema = z
  .strictObject({
    check: text('a check id or pattern like bmc.*', /^[a-z0-9*][a-z0-9.*-]{0,99}$/),
    hosts: list(text('a host name or pattern like a3-*', /^[a-z0-9*?][a-z0-9*?-]{0,62}$/)),
    racks: list(text('a rack name or pattern', /^[A-Za-z0-9*?][A-Za-z0-9_*?-]{0,62}$/)),
    reason: text('a reason', PRINTABLE, 500),
    expires: date,
  })
  .superRefine((w, ctx) => {
    if ((w.hosts ?? []).length === 0 && (w.racks ?? []).length === 0) {
      ctx.addIssue({ code: 'custom', message: 'a waiver must name the hosts or racks it covers (`hosts:` or `racks:`; use `hosts: ["*"]` for all)' });
    }
  });

const providerSchema = z.strictObject({
  sshKeys: list(
    checked((v) => (typeof v === 'string' ? parseProviderKey(v) : no('expected an OpenSSH public key line or a SHA256: fingerprint'))),
  ),
  accounts: list(text('an account name', /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\$?$/)),
  backup: z
    .strictObject({
      hosts: list(address),
      cidrs: list(checked((v) => (typeof v === 'string' && isCidr(v) ? ok(v) : no('expected a network like 10.250.0.0/16')))),
      domains: list(checked((v) => (typeof v === 'string' && isDnsName(v) ? ok(v) : no('expected a domain name')))),
      agents: list(text('a backup agent name', PRINTABLE, 100)),
    })
    .optional(),
  retention: checked(parseRetention).optional(),
  /** The provider's own systems, checked one by one (providerSystemSchema). */
  systems: mapping('a mapping of system names to provider systems').optional(),
});

/** The whole file, with `defaults` and each rack left for their own schemas. */
export const fileSchema = z.strictObject({
  version: checked((v) =>
    v === 1 ? ok(1 as const) : no(typeof v === 'number' ? `unsupported version ${v}; this fleetcheck reads version 1` : 'expected version: 1'),
  ),
  defaults: z.unknown().optional(),
  secrets: secretsSchema,
  provider: providerSchema,
  waivers: list(waiverSchema),
  /** Where `scan --save` keeps fleetcheck's own reports (judged by residue.store-retention, purged by `secrets purge`). */
  reports: z.strictObject({ dir: filePath }).optional(),
  racks: mapping('a mapping of rack names to racks'),
});

/** Top-level defaults as written (durations already in milliseconds). */
export type DefaultsInput = z.output<typeof defaultsSchema>;
/** Rack defaults as written. */
export type RackDefaultsInput = z.output<typeof rackDefaultsSchema>;
/** One provider system as written. */
export type ProviderSystemInput = z.output<typeof providerSystemSchema>;
/** One host as written. */
export type HostInput = z.output<typeof hostSchema>;
/** The top level of the file as written. */
export type FileInput = z.output<typeof fileSchema>;
