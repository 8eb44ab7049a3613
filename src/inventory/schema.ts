// The inventory format, one zod schema per piece of the file that is checked on its own.
import { z } from 'zod';
import { isAddress, isCidr, isDnsName } from './address.js';
import { isCalendarDate } from './calendar-date.js';
import { MISSING, type Checked } from './checked.js';
import { parseDuration } from './duration.js';
import { parseProviderKey } from './provider-key.js';


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
};

const bmcSettings = {
  port,
  cipherSuite: integer(0, 17, 'an IPMI cipher suite'),
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

/** One host under `racks.<rack>.hosts`: its addresses and any setting it overrides. */
export const hostSchema = z.strictObject({
  ssh: z.strictObject({ address, ...optionalAll(sshSettings) }),
  bmc: z.strictObject({ address, ...optionalAll(bmcSettings) }).optional(),
  contract: contractSchema.optional(),
  secrets: text('a key in the secret store', PRINTABLE).optional(),
  hostTimeout: duration.optional(),
});

/** One rack: optional defaults and its hosts (each checked with hostSchema). */
export const rackSchema = z.strictObject({
  defaults: z.unknown().optional(),
  hosts: mapping('a mapping of host names to hosts'),
});

/** The kinds of secret store, one key each; a new kind (age, pass, command) is one more entry here. */
const secretKinds = {
  file: filePath,
};

const secretsSchema = z
  .strictObject(optionalAll(secretKinds))
  .transform((source, ctx) => {
    const kinds = Object.keys(source).filter((k) => source[k as keyof typeof source] !== undefined);
    if (kinds.length !== 1 || source.file === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected exactly one secret store: ${Object.keys(secretKinds).join(', ')}` });
      return z.NEVER;
    }
    return { kind: 'file' as const, path: source.file };
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
});

/** The whole file, with `defaults` and each rack left for their own schemas. */
export const fileSchema = z.strictObject({
  version: checked((v) =>
    v === 1 ? ok(1 as const) : no(typeof v === 'number' ? `unsupported version ${v}; this fleetcheck reads version 1` : 'expected version: 1'),
  ),
  defaults: z.unknown().optional(),
  secrets: secretsSchema,
  provider: providerSchema,
  racks: mapping('a mapping of rack names to racks'),
});

/** Top-level defaults as written (durations already in milliseconds). */
export type DefaultsInput = z.output<typeof defaultsSchema>;
/** Rack defaults as written. */
export type RackDefaultsInput = z.output<typeof rackDefaultsSchema>;
/** One host as written. */
export type HostInput = z.output<typeof hostSchema>;
/** The top level of the file as written. */
export type FileInput = z.output<typeof fileSchema>;
