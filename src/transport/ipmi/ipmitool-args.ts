// The argv of one ipmitool run. No shell ever sees it, and the password is never part of it:
// `-E` makes ipmitool read IPMI_PASSWORD from its own environment.
import type { BmcPrivilege } from './bmc-target.js';

/** What one ipmitool invocation needs besides the command; all values come from a validated inventory. */
export interface IpmitoolArgsInput {
  address: string;
  port: number;
  user: string;
  cipherSuite: number;
  privilege: BmcPrivilege;
  packetTimeoutSeconds: number;
  /** Sends per packet, first one included (ipmitool's `-R`). */
  attempts: number;
  /** `-v`: the only way ipmitool says why a session failed (wrong password, unknown user, no answer). */
  verbose: boolean;
}

const PRIVILEGE_NAMES: Record<BmcPrivilege, string> = {
  user: 'USER',
  operator: 'OPERATOR',
  administrator: 'ADMINISTRATOR',
};

/** The `-L` spelling of a privilege. */
export function ipmitoolPrivilegeName(privilege: BmcPrivilege): string {
  return PRIVILEGE_NAMES[privilege];
}

function requireText(name: string, value: string, allowEmpty: boolean): void {
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0) || value.includes('\0')) {
    throw new TypeError(`${name} must be a ${allowEmpty ? '' : 'non-empty '}string without NUL`);
  }
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/**
 * `-I lanplus -H … -p … -U … -E -C … -L … -N … -R … [-v] -- command…`. The `--` matters:
 * ipmitool's getopt permutes argv, so without it a command argument such as `-v` would be
 * taken as an option. Throws only on values a validated inventory cannot produce.
 */
export function buildIpmitoolArgs(input: IpmitoolArgsInput, command: readonly string[]): string[] {
  requireText('address', input.address, false);
  if (/[\s\u0000-\u001f]/.test(input.address)) throw new TypeError('address must not contain whitespace');
  requireText('user', input.user, true); // the empty name is IPMI's anonymous user 1
  requireInteger('port', input.port, 1, 65535);
  requireInteger('cipherSuite', input.cipherSuite, 0, 255);
  requireInteger('packetTimeoutSeconds', input.packetTimeoutSeconds, 1, 60);
  requireInteger('attempts', input.attempts, 1, 10);
  const privilege = PRIVILEGE_NAMES[input.privilege];
  if (privilege === undefined) throw new TypeError(`unknown privilege ${String(input.privilege)}`);
  if (command.length === 0) throw new TypeError('command must have at least one word');
  command.forEach((word, i) => requireText(`command word ${i}`, word, i > 0));

  return [
    '-I', 'lanplus',
    '-H', input.address,
    '-p', String(input.port),
    '-U', input.user,
    '-E',
    '-C', String(input.cipherSuite),
    '-L', privilege,
    '-N', String(input.packetTimeoutSeconds),
    '-R', String(input.attempts),
    ...(input.verbose ? ['-v'] : []),
    '--',
    ...command,
  ];
}
