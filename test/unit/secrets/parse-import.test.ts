import { describe, expect, it } from 'vitest';
import { parseCsvImport, parseImport } from '../../../src/secrets/parse-import.js';

const SECRET = 'Imp0rt-Secret-"q,x';
const CLEAN = 'Imp0rt-Secret-clean';

describe('parseCsvImport', () => {
  it('reads one BMC account per row, with the BIOS password when given', () => {
    const csv = 'host,user,password,privilege,bios_password\na3-01,ADMIN,Pw-a301,administrator,Bios-a301\na3-01,op,Pw-op,operator,\nb1-02,ADMIN,Pw-b102,,\n';
    const got = parseCsvImport(csv, 'in.csv');
    expect(got).toEqual({
      ok: true,
      value: {
        hosts: {
          'a3-01': {
            bmc: {
              accounts: [
                { user: 'ADMIN', password: 'Pw-a301', privilege: 'administrator' },
                { user: 'op', password: 'Pw-op', privilege: 'operator' },
              ],
            },
            bios: { password: 'Bios-a301' },
          },
          'b1-02': { bmc: { accounts: [{ user: 'ADMIN', password: 'Pw-b102', privilege: 'administrator' }] } },
        },
      },
    });
  });

  it('takes columns in any order, a header in any case, CRLF, blank and comment lines', () => {
    const csv = 'User,Password,HOST\r\n# handed over 2026-11\r\n\r\nADMIN,Pw-1,c2-01\r\n';
    expect(parseCsvImport(csv, 'in.csv')).toEqual({ ok: true, value: { hosts: { 'c2-01': { bmc: { accounts: [{ user: 'ADMIN', password: 'Pw-1', privilege: 'administrator' }] } } } } });
  });

  it('keeps quoted fields whole: commas, doubled quotes and spaces inside the password', () => {
    const csv = `host,user,password\na3-01,ADMIN,"${SECRET.replace(/"/g, '""')}"\na3-02,ADMIN," lead and trail "\n`;
    const got = parseCsvImport(csv, 'in.csv');
    expect(got.ok && got.value.hosts['a3-01']?.bmc?.accounts[0]?.password).toBe(SECRET);
    expect(got.ok && got.value.hosts['a3-02']?.bmc?.accounts[0]?.password).toBe(' lead and trail ');
  });

  it('a later row for the same account replaces the earlier one', () => {
    const got = parseCsvImport('host,user,password\na3-01,ADMIN,first\na3-01,ADMIN,second\n', 'in.csv');
    expect(got.ok && got.value.hosts['a3-01']?.bmc?.accounts).toEqual([{ user: 'ADMIN', password: 'second', privilege: 'administrator' }]);
  });

  it.each([
    ['user,password\nADMIN,x\n', 'in.csv:1 expected a header with host,user,password'],
    ['', 'in.csv:1 expected a header with host,user,password'],
    [`host,user,password\na3-01,ADMIN\n`, 'in.csv:2 expected 3 fields'],
    [`host,user,password\na3-01,ADMIN,"${SECRET}\n`, 'in.csv:2 expected 3 fields'],
    [`host,user,password\nA3_01,ADMIN,${SECRET.replace(/[",]/g, '')}\n`, 'in.csv:2 host must be a host name like a3-01'],
    [`host,user,password\na3-01,,${SECRET.replace(/[",]/g, '')}\n`, 'in.csv:2 user must be 1-16 characters'],
    [`host,user,password\na3-01,averyveryverylonguser,pw\n`, 'in.csv:2 user must be 1-16 characters'],
    [`host,user,password,privilege\n\na3-01,ADMIN,pw,root\n`, 'in.csv:3 privilege must be user, operator or administrator'],
  ])('rejects %j with a message naming the line', (csv, message) => {
    const got = parseCsvImport(csv, 'in.csv');
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.message.startsWith(message)).toBe(true);
    expect(got.message).not.toContain('Imp0rt-Secret');
  });
});

describe('parseImport', () => {
  it('reads .csv (any case) as CSV and anything else as the store’s YAML layout', () => {
    expect(parseImport('host,user,password\na3-01,ADMIN,pw\n', 'HANDOVER.CSV').ok).toBe(true);
    const yaml = 'hosts:\n  d4-10:\n    os:\n      - { user: root, password: "Os-pw", handover: 2026-01-02 }\n    disks:\n      - { device: /dev/md1, passphrase: "Disk-pw" }\n    bios: { password: "Bios-pw" }\n';
    expect(parseImport(yaml, 'initial.yaml')).toEqual({
      ok: true,
      value: { hosts: { 'd4-10': { os: [{ user: 'root', password: 'Os-pw', handover: '2026-01-02' }], disks: [{ device: '/dev/md1', passphrase: 'Disk-pw' }], bios: { password: 'Bios-pw' } } } },
    });
  });

  it('reads an empty YAML file as nothing to import', () => {
    expect(parseImport('', 'empty.yaml')).toEqual({ ok: true, value: { hosts: {} } });
  });

  it.each([
    [`hosts: [${SECRET}`, 'initial.yaml is not valid YAML'],
    [`hosts:\n  a3-01:\n    bmc:\n      accounts:\n        - { user: ADMIN, pasword: "${CLEAN}" }\n`, "initial.yaml has an invalid entry at 'hosts.a3-01.bmc.accounts.0.password'"],
    [`hosts:\n  a3-01:\n    os:\n      - { user: root, password: "x", handover: "${CLEAN}" }\n`, "initial.yaml has an invalid entry at 'hosts.a3-01.os.0.handover'"],
    [`machines: {}\n`, 'initial.yaml has an invalid entry'],
  ])('rejects bad YAML without quoting a value: %#', (yaml, message) => {
    const got = parseImport(yaml, 'initial.yaml');
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.message.startsWith(message)).toBe(true);
    expect(got.message).not.toContain('Imp0rt-Secret');
  });
});
