import { describe, expect, it } from 'vitest';
import {
  buildIpmitoolArgs,
  ipmitoolPrivilegeName,
  type IpmitoolArgsInput,
} from '../../../../src/transport/ipmi/ipmitool-args.js';
import { ipmitoolAttempts, unansweredSessionSeconds } from '../../../../src/model/ipmi-session-timing.js';

const input: IpmitoolArgsInput = {
  address: '127.99.0.1',
  port: 623,
  user: 'ADMIN',
  cipherSuite: 3,
  privilege: 'administrator',
  packetTimeoutSeconds: 1,
  attempts: 1,
  verbose: true,
};

describe('buildIpmitoolArgs', () => {
  it('builds the lanplus argv with -E and ends options with --', () => {
    expect(buildIpmitoolArgs(input, ['user', 'list', '1'])).toEqual([
      '-I', 'lanplus', '-H', '127.99.0.1', '-p', '623', '-U', 'ADMIN', '-E', '-C', '3',
      '-L', 'ADMINISTRATOR', '-N', '1', '-R', '1', '-v', '--', 'user', 'list', '1',
    ]);
  });

  it('omits -v when not verbose', () => {
    expect(buildIpmitoolArgs({ ...input, verbose: false }, ['mc', 'info'])).not.toContain('-v');
  });

  it('keeps a hostile user name as one argv element', () => {
    for (const user of ['-v', 'a b; rm -rf /', '$(id)', '', '"quoted"']) {
      const args = buildIpmitoolArgs({ ...input, user }, ['mc', 'info']);
      expect(args[args.indexOf('-U') + 1]).toBe(user);
      expect(args).toHaveLength(21);
    }
  });

  it('puts command words that look like options after --', () => {
    const args = buildIpmitoolArgs(input, ['echo', '-x']);
    expect(args.slice(args.indexOf('--'))).toEqual(['--', 'echo', '-x']);
  });

  it('names each privilege as ipmitool spells it', () => {
    expect(ipmitoolPrivilegeName('user')).toBe('USER');
    expect(ipmitoolPrivilegeName('operator')).toBe('OPERATOR');
    expect(buildIpmitoolArgs({ ...input, privilege: 'operator' }, ['mc', 'info'])).toContain('OPERATOR');
  });

  it('throws on values a validated inventory cannot produce', () => {
    expect(() => buildIpmitoolArgs({ ...input, port: 0 }, ['mc'])).toThrow(RangeError);
    expect(() => buildIpmitoolArgs({ ...input, cipherSuite: 256 }, ['mc'])).toThrow(RangeError);
    expect(() => buildIpmitoolArgs({ ...input, address: '' }, ['mc'])).toThrow(TypeError);
    expect(() => buildIpmitoolArgs({ ...input, address: 'a b' }, ['mc'])).toThrow(TypeError);
    expect(() => buildIpmitoolArgs({ ...input, user: 'a\0b' }, ['mc'])).toThrow(TypeError);
    expect(() => buildIpmitoolArgs(input, [])).toThrow(TypeError);
    expect(() => buildIpmitoolArgs(input, [''])).toThrow(TypeError);
  });
});

describe('ipmitoolAttempts', () => {
  it('counts the first send, because -R 0 would mean ipmitool\'s default of 4', () => {
    expect(ipmitoolAttempts(0)).toBe(1);
    expect(ipmitoolAttempts(2)).toBe(3);
    expect(() => ipmitoolAttempts(-1)).toThrow(RangeError);
    expect(() => ipmitoolAttempts(1.5)).toThrow(RangeError);
  });
});

describe('unansweredSessionSeconds', () => {
  it('matches the times measured against an address with no BMC', () => {
    // -N/-R pairs timed with ipmitool 1.8.19: seconds until "Unable to establish" on 127.99.0.250.
    const measured: [number, number, number][] = [
      [1, 1, 2], [1, 2, 6], [1, 3, 12], [1, 4, 20], [2, 1, 4], [2, 2, 10], [3, 1, 6], [5, 1, 10], [2, 4, 28],
    ];
    for (const [n, r, seconds] of measured) expect(unansweredSessionSeconds(n, r)).toBe(seconds);
  });
});
