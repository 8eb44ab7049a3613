import { describe, expect, it } from 'vitest';
import { normalisePrivilegeLimit, parseUserList } from '../../../../src/transport/ipmi/parse-user-list.js';
import { ipmitoolFixture } from './ipmitool-fixture.js';

const HEADER = 'ID  Name\t     Callin  Link Auth\tIPMI Msg   Channel Priv Limit';

/** One row exactly as ipmitool prints it: printf("%-4d%-17s%-8s%-11s%-11s%s"). */
function row(id: number, name: string, callin: string, link: string, msg: string, priv: string): string {
  return `${String(id).padEnd(4)}${name.padEnd(17)}${callin.padEnd(8)}${link.padEnd(11)}${msg.padEnd(11)}${priv}`;
}

describe('parseUserList', () => {
  it('reads every slot of the captured ipmi_sim table', () => {
    const { rows, unparsed } = parseUserList(ipmitoolFixture('user-list').stdout);
    expect(unparsed).toEqual([]);
    expect(rows).toHaveLength(63);
    expect(rows.slice(0, 5)).toEqual([
      { id: 1, name: '', callin: true, linkAuth: false, ipmiMsg: true, privilege: 'user', privilegeText: 'USER' },
      { id: 2, name: 'ADMIN', callin: true, linkAuth: false, ipmiMsg: true, privilege: 'administrator', privilegeText: 'ADMINISTRATOR' },
      { id: 3, name: 'viewer', callin: true, linkAuth: false, ipmiMsg: true, privilege: 'user', privilegeText: 'USER' },
      { id: 4, name: 'oper', callin: true, linkAuth: false, ipmiMsg: true, privilege: 'operator', privilegeText: 'OPERATOR' },
      // ipmi_sim's disabled user: only "IPMI Msg" shows it; `user list` has no enabled column.
      { id: 5, name: 'disabled', callin: true, linkAuth: false, ipmiMsg: false, privilege: 'administrator', privilegeText: 'ADMINISTRATOR' },
    ]);
    expect(rows[5]).toMatchObject({ id: 6, name: '', privilege: 'unknown', privilegeText: 'Unknown (0x00)' });
    expect(rows.every((r) => r.enabled === undefined)).toBe(true);
  });

  it('reads names with spaces, the name "true", 16-character names and NO ACCESS', () => {
    const text = [
      HEADER,
      row(2, 'remote hands', 'true', 'true', 'true', 'OPERATOR'),
      row(3, 'true', 'true', 'false', 'true', 'USER'),
      row(4, 'abcdefghijklmnop', 'false', 'false', 'false', 'NO ACCESS'),
      row(10, 'cb', 'true', 'false', 'true', 'CALLBACK'),
      row(11, 'vendor', 'true', 'false', 'true', 'OEM'),
      '',
    ].join('\n');
    const { rows, unparsed } = parseUserList(text);
    expect(unparsed).toEqual([]);
    expect(rows.map((r) => [r.id, r.name, r.callin, r.linkAuth, r.ipmiMsg, r.privilege])).toEqual([
      [2, 'remote hands', true, true, true, 'operator'],
      [3, 'true', true, false, true, 'user'],
      [4, 'abcdefghijklmnop', false, false, false, 'no-access'],
      [10, 'cb', true, false, true, 'callback'],
      [11, 'vendor', true, false, true, 'oem'],
    ]);
  });

  it('keeps lines it cannot read instead of guessing', () => {
    const { rows, unparsed } = parseUserList(`${HEADER}\nGet User Access command failed (channel 1, user 1)\n`);
    expect(rows).toEqual([]);
    expect(unparsed).toEqual(['Get User Access command failed (channel 1, user 1)']);
  });

  it('normalises privilege names', () => {
    expect(normalisePrivilegeLimit('ADMINISTRATOR')).toBe('administrator');
    expect(normalisePrivilegeLimit('NO ACCESS')).toBe('no-access');
    expect(normalisePrivilegeLimit('Unknown (0x0e)')).toBe('unknown');
  });
});
