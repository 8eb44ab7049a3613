import { describe, expect, it } from 'vitest';
import { canLogInOverLan } from '../../../src/collect/bmc/user-row.js';
import { normalisePrivilegeLimit, parseChannelAccess } from './ipmitool-channel-access.js';
import { ipmitoolFixture } from '../transport/ipmi/ipmitool-fixture.js';

describe('parseChannelAccess on captured ipmi_sim output', () => {
  it('reads every slot with name, messaging bit, privilege and enable status', () => {
    const parsed = parseChannelAccess(ipmitoolFixture('channel-getaccess-anon-on').stdout);
    expect(parsed.unparsed).toEqual([]);
    expect(parsed.enabledCount).toBe(4);
    expect(parsed.rows).toHaveLength(63);
    expect(parsed.rows.slice(0, 5).map((r) => [r.id, r.name, r.ipmiMessaging, r.privilege, r.enableStatus])).toEqual([
      [1, '', true, 'user', 'unknown'],
      [2, 'ADMIN', true, 'administrator', 'unknown'],
      [3, 'viewer', true, 'user', 'unknown'],
      [4, 'disabled', false, 'administrator', 'unknown'],
      [5, 'root', true, 'administrator', 'unknown'],
    ]);
  });

  it('derives who can log in over LAN: the same count as the BMC’s own "Enabled User IDs"', () => {
    for (const name of ['channel-getaccess-anon-on', 'channel-getaccess-anon-off']) {
      const parsed = parseChannelAccess(ipmitoolFixture(name).stdout);
      expect(parsed.rows.filter(canLogInOverLan).length).toBe(parsed.enabledCount);
    }
    const off = parseChannelAccess(ipmitoolFixture('channel-getaccess-anon-off').stdout);
    expect(off.rows.filter(canLogInOverLan).map((r) => r.name)).toEqual(['ADMIN', 'viewer', 'root']);
  });

  it('trusts an explicit enable status from a real BMC', () => {
    const text = 'User ID              : 3\nUser Name            : ops\nIPMI Messaging       : enabled\nPrivilege Level      : OPERATOR\nEnable Status        : disabled\n';
    const [row] = parseChannelAccess(text).rows;
    expect(row).toMatchObject({ id: 3, name: 'ops', enableStatus: 'disabled' });
    expect(canLogInOverLan(row!)).toBe(false);
  });

  it('keeps a block without a user id as unparsed', () => {
    expect(parseChannelAccess('User Name : x\nPrivilege Level : USER\n').unparsed).toHaveLength(1);
  });
});

describe('normalisePrivilegeLimit', () => {
  it('names the limits ipmitool prints and calls anything else unknown', () => {
    expect(normalisePrivilegeLimit('ADMINISTRATOR')).toBe('administrator');
    expect(normalisePrivilegeLimit(' NO ACCESS ')).toBe('no-access');
    expect(normalisePrivilegeLimit('Unknown (0x0e)')).toBe('unknown');
  });
});
