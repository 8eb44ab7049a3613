import { describe, expect, it } from 'vitest';
import { ipmiWireGuid, renderLanConf } from '../../../lab/bmc/ipmi-sim-config.js';
import { passwdEntry, withAccounts } from '../../../lab/host/accounts.js';
import { renderSshdConfig } from '../../../lab/host/sshd-config.js';
import { renderKnownHosts } from '../../../lab/keys/known-hosts.js';
import { procNetAddress, udpBound } from '../../../lab/process/readiness.js';
import { renderSummaryTable } from '../../../lab/report/summary-table.js';

describe('lab renderers', () => {
  it('lan.conf carries the address, GUID in IPMI byte order and every user', () => {
    const text = renderLanConf('a3-01', {
      address: '127.11.3.1',
      port: 623,
      simulated: true,
      anonymous: false,
      guid: '00112233445566778899aabbccddeeff',
      users: [{ id: 2, name: 'ADMIN', privilege: 'admin', password: 'pw-1', initial: true }],
    });
    expect(text).toContain('    addr 127.11.3.1 623\n');
    expect(text).toContain('    guid ffeeddccbbaa99887766554433221100\n');
    expect(text).toContain('  user 2 true "ADMIN" "pw-1" admin 10 none md2 md5 straight\n');
    expect(text).toContain('  user 1 false "" "" user 10 ');
    expect(ipmiWireGuid('0102')).toBe('0201');
  });

  it('sshd config listens on the host address only, keys only, no PAM', () => {
    const text = renderSshdConfig({ name: 'a3-01', address: '127.10.3.1', port: 22 });
    for (const line of ['ListenAddress 127.10.3.1:22', 'PermitRootLogin prohibit-password', 'PasswordAuthentication no', 'UsePAM no']) {
      expect(text.split('\n')).toContain(line);
    }
  });

  it('accounts are appended once, with an unlocked no-password shadow entry', () => {
    const base = { passwd: 'root:x:0:0:root:/root:/bin/bash\n', group: 'root:x:0:\n', shadow: 'root:*:1:0:99999:7:::\n' };
    const audit = { name: 'audit', uid: 1002, gid: 1002, home: '/home/audit', shell: '/bin/bash' };
    const once = withAccounts(base, [audit]);
    expect(withAccounts(once, [audit])).toEqual(once);
    expect(once.shadow).toMatch(/^audit:\*:/m);
    expect(passwdEntry(once.passwd, 'audit')).toEqual({ uid: 1002, gid: 1002, home: '/home/audit' });
    expect(passwdEntry(once.passwd, 'nobody')).toBeUndefined();
  });

  it('known_hosts uses the bare address on port 22 and drops comments', () => {
    expect(
      renderKnownHosts([
        { address: '127.10.3.1', port: 22, publicKey: 'ssh-ed25519 AAAAkey root@a3-01\n' },
        { address: '127.10.3.2', port: 2222, publicKey: 'ssh-ed25519 BBBBkey' },
      ]),
    ).toBe('127.10.3.1 ssh-ed25519 AAAAkey\n[127.10.3.2]:2222 ssh-ed25519 BBBBkey\n');
  });

  it('finds a bound UDP socket in /proc/net/udp', () => {
    expect(procNetAddress('127.11.3.1', 623)).toBe('01030B7F:026F');
    const table = '  sl  local_address rem_address   st\n 10785: 01030B7F:026F 00000000:0000 07 0\n';
    expect(udpBound('127.11.3.1', 623, table)).toBe(true);
    expect(udpBound('127.11.3.2', 623, table)).toBe(false);
  });

  it('pads the summary table', () => {
    expect(renderSummaryTable([{ host: 'a3-01', ssh: 'root@127.10.3.1', bmc: '127.11.3.1', scenario: 'clean', state: 'ssh started' }])).toBe(
      'HOST   SSH              BMC         SCENARIO  STATE\na3-01  root@127.10.3.1  127.11.3.1  clean     ssh started',
    );
  });
});
