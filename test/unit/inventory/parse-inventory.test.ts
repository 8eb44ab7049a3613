import { describe, expect, it } from 'vitest';
import { FILE, inventoryOf, issuesOf, withRacks } from './support/inventory-text.js';

const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIBwQ18ESYzfkS//G3yTSxbsBYl00Qu66QCbpp+VSI0+e';
const ED25519_FP = 'SHA256:p4eTNwTH6p/uBMI56QcTMy1Ebyic3N/cEIHWx9j8rjg';

const oneHost = withRacks(['  A3:', '    hosts:', '      a3-01:', '        ssh: { address: 192.0.2.1 }'].join('\n'));

describe('parseInventory: a valid file', () => {
  it('fills built-in defaults and resolves relative and home paths', () => {
    const inv = inventoryOf(
      oneHost.replace('knownHosts: known_hosts', 'knownHosts: known_hosts, identity: ~/.ssh/id_ed25519').replace('secrets.yaml', '../secrets.yaml'),
    );
    expect(inv.file).toBe(FILE);
    expect(inv.hosts).toEqual([
      {
        name: 'a3-01',
        rack: 'A3',
        ssh: {
          address: '192.0.2.1',
          port: 22,
          user: 'root',
          identity: '/home/op/.ssh/id_ed25519',
          agent: false,
          knownHosts: '/srv/fleet/inventory/known_hosts',
          connectTimeoutMs: 5000,
          commandTimeoutMs: 20000,
          access: 'login',
          probeAccounts: [],
        },
        secretsKey: 'a3-01',
        aliases: [],
        hostTimeoutMs: 60000,
      },
    ]);
    expect(inv.secrets).toEqual({ kind: 'file', path: '/srv/fleet/secrets.yaml' });
    expect(inv.concurrency).toEqual({ global: 64, bmc: 32 });
    expect(inv.racks).toEqual([{ name: 'A3', hosts: inv.hosts, concurrency: 32 }]);
    expect(inv.provider).toEqual({ sshKeys: [], accounts: [], backup: { hosts: [], cidrs: [], domains: [], agents: [] }, systems: [] });
  });

  it('uses the ssh-agent when no identity is set', () => {
    expect(inventoryOf(oneHost).hosts[0]?.ssh).toMatchObject({ agent: true });
    expect(inventoryOf(oneHost).hosts[0]?.ssh.identity).toBeUndefined();
  });

  it('turns provider key lines into fingerprints, labelled by their comment, without duplicates', () => {
    const inv = inventoryOf(
      oneHost.replace(
        'provider: {}',
        [
          'provider:',
          '  sshKeys:',
          `    - ssh-ed25519 ${ED25519} ops@provider.example`,
          `    - sha256:${ED25519_FP.slice(7)}=`,
          '    - SHA256:8wiyzLR+BV90+GLEXVhZbdHwO43Wpf43GrMvHWmHuqY',
          '  accounts: [provops, provops]',
        ].join('\n'),
      ),
    );
    expect(inv.provider.sshKeys).toEqual([
      { fingerprint: ED25519_FP, publicKey: `ssh-ed25519 ${ED25519}`, label: 'ops@provider.example' },
      { fingerprint: 'SHA256:8wiyzLR+BV90+GLEXVhZbdHwO43Wpf43GrMvHWmHuqY', label: 'SHA256:8wiyzLR+BV90+GLEXVhZbdHwO43Wpf43GrMvHWmHuqY' },
    ]);
    expect(inv.provider.accounts).toEqual(['provops']);
  });

  it('keeps racks and hosts in file order, even with number-like names', () => {
    const inv = inventoryOf(
      withRacks(
        [
          '  "10":',
          '    hosts:',
          '      "10": { ssh: { address: 192.0.2.10 } }',
          '      "2": { ssh: { address: 192.0.2.2 } }',
          '      007: { ssh: { address: 192.0.2.7 } }',
          '  "2":',
          '    hosts:',
          '      b: { ssh: { address: 192.0.2.20 } }',
        ].join('\n'),
      ),
    );
    expect(inv.racks.map((r) => r.name)).toEqual(['10', '2']);
    expect(inv.hosts.map((h) => h.name)).toEqual(['10', '2', '007', 'b']);
  });

  it('accepts IPv6 literals and DNS names as addresses', () => {
    const inv = inventoryOf(
      withRacks(
        ['  A:', '    hosts:', '      a-1: { ssh: { address: "2001:db8::1" } }', '      a-2: { ssh: { address: node2.example.net } }'].join('\n'),
      ),
    );
    expect(inv.hosts.map((h) => h.ssh.address)).toEqual(['2001:db8::1', 'node2.example.net']);
  });

  it('accepts anchors and aliases', () => {
    const inv = inventoryOf(
      withRacks(
        [
          '  A:',
          '    hosts:',
          '      a-1: { ssh: { address: 192.0.2.1 }, contract: &c { id: C-1, customer: X, end: 2027-12-31 } }',
          '      a-2: { ssh: { address: 192.0.2.2 }, contract: *c }',
        ].join('\n'),
      ),
    );
    expect(inv.hosts[1]?.contract).toEqual({ id: 'C-1', customer: 'X', end: '2027-12-31' });
  });
});

describe('parseInventory: issues', () => {
  it('names an unknown field, where it is and the fix', () => {
    expect(issuesOf(oneHost.replace('address: 192.0.2.1', 'adress: 192.0.2.1'))).toEqual([
      `${FILE}:10 racks.A3.hosts.a3-01.ssh.adress: unknown field \`adress\`, did you mean \`address\`?`,
    ]);
  });

  it('lists the known fields when no name is close', () => {
    expect(issuesOf(oneHost.replace('version: 1', 'version: 1\nflavour: x'))).toEqual([
      `${FILE}:2 flavour: unknown field \`flavour\` (expected one of: version, defaults, secrets, provider, waivers, reports, racks)`,
    ]);
  });

  it('rejects a bad address at its line', () => {
    expect(issuesOf(oneHost.replace('{ address: 192.0.2.1 }', '{ address: 192.0.2.1 }\n        bmc:\n          address: 10.0.0.999'))).toEqual([
      `${FILE}:12 racks.A3.hosts.a3-01.bmc.address: expected an IP address or host name`,
    ]);
  });

  it('explains a setting written at the wrong level', () => {
    expect(issuesOf(oneHost.replace('knownHosts: known_hosts', 'knownHosts: known_hosts, address: 192.0.2.9'))).toEqual([
      `${FILE}:3 defaults.ssh.address: set ssh.address on each host, not in defaults`,
    ]);
    expect(issuesOf(oneHost.replace('    hosts:', '    defaults: { concurrency: { global: 2 } }\n    hosts:'))).toEqual([
      `${FILE}:8 racks.A3.defaults.concurrency.global: global concurrency applies to the whole fleet; set it in the top-level defaults`,
    ]);
  });

  it('reports a required field missing after inheritance at the host', () => {
    const text = oneHost.replace('  ssh: { knownHosts: known_hosts }', '  ssh: { user: root }');
    expect(issuesOf(text)).toEqual([
      `${FILE}:10 racks.A3.hosts.a3-01.ssh.knownHosts: required field is missing: set ssh.knownHosts on the host or in defaults`,
    ]);
  });

  it('refuses agent: false without an identity', () => {
    expect(issuesOf(oneHost.replace('address: 192.0.2.1', 'address: 192.0.2.1, agent: false'))).toEqual([
      `${FILE}:10 racks.A3.hosts.a3-01.ssh.agent: no identity to log in with: set ssh.identity, or agent: true to use the ssh-agent`,
    ]);
  });

  it('reports agent: false written in the defaults once, there, not at every host', () => {
    const text = ['version: 1', 'defaults:', '  ssh: { knownHosts: known_hosts, agent: false }', 'secrets: { file: secrets.yaml }', 'provider: {}', 'racks:',
      '  A3:', '    hosts:', '      a3-01: { ssh: { address: 192.0.2.1 } }', '      a3-02: { ssh: { address: 192.0.2.2 } }'].join('\n');
    expect(issuesOf(text)).toEqual([
      `${FILE}:3 defaults.ssh.agent: no identity to log in with: set ssh.identity, or agent: true to use the ssh-agent`,
    ]);
  });

  it('checks contract dates', () => {
    const contract = (c: string) => oneHost.replace('{ address: 192.0.2.1 }', `{ address: 192.0.2.1 }\n        contract: ${c}`);
    expect(issuesOf(contract('{ id: C-1, customer: X, start: 2026-02-29, end: 2027-12-31, handover: 2026-1-2 }'))).toEqual([
      `${FILE}:11 racks.A3.hosts.a3-01.contract.start: expected a date like 2027-12-31`,
      `${FILE}:11 racks.A3.hosts.a3-01.contract.handover: expected a date like 2027-12-31`,
    ]);
    expect(issuesOf(contract('{ id: C-1, customer: X }'))).toEqual([`${FILE}:11 racks.A3.hosts.a3-01.contract.end: required field is missing`]);
  });

  it('refuses a handover or an end one day before the contract starts, and takes them on its first day', () => {
    const contract = (c: string) => oneHost.replace('{ address: 192.0.2.1 }', `{ address: 192.0.2.1 }\n        contract: ${c}`);
    expect(issuesOf(contract('{ id: C-1, customer: X, start: 2026-03-01, end: 2027-12-31, handover: 2026-02-28 }'))).toEqual([
      `${FILE}:11 racks.A3.hosts.a3-01.contract.handover: handover is before the contract starts (2026-03-01)`,
    ]);
    expect(issuesOf(contract('{ id: C-1, customer: X, start: 2026-03-01, end: 2026-02-28 }'))).toEqual([
      `${FILE}:11 racks.A3.hosts.a3-01.contract.end: contract ends before it starts (2026-03-01)`,
    ]);
    const sameDay = inventoryOf(contract('{ id: C-1, customer: X, start: 2026-03-01, end: 2026-03-01, handover: 2026-03-01 }'));
    expect(sameDay.hosts[0]?.contract).toEqual({ id: 'C-1', customer: 'X', start: '2026-03-01', end: '2026-03-01', handover: '2026-03-01' });
  });

  it('rejects malformed provider keys at their line', () => {
    const text = oneHost.replace(
      'provider: {}',
      ['provider:', '  sshKeys:', '    - ssh-ed25519 AAAAbroken x', `    - no-pty ssh-ed25519 ${ED25519} x`, '    - hello'].join('\n'),
    );
    expect(issuesOf(text)).toEqual([
      `${FILE}:7 provider.sshKeys.0: key data is not a valid ssh-ed25519 public key`,
      `${FILE}:8 provider.sshKeys.1: options before the key type are not allowed here; write "<type> <base64> [comment]"`,
      `${FILE}:9 provider.sshKeys.2: expected "<type> <base64> [comment]" or a SHA256: fingerprint`,
    ]);
  });

  it('names both places of a duplicate host name, SSH endpoint and BMC endpoint', () => {
    const text = withRacks(
      [
        '  A3:',
        '    hosts:',
        '      a3-01:',
        '        ssh: { address: 192.0.2.1 }',
        '        bmc: { address: 198.51.100.1 }',
        '  B1:',
        '    hosts:',
        '      a3-01:',
        '        ssh: { address: 192.0.2.2 }',
        '      b1-01:',
        '        ssh: { address: 192.0.2.1, port: 22 }',
        '        bmc: { address: 198.51.100.1, port: 623 }',
        '      b1-02:',
        '        ssh: { address: "2001:db8::1" }',
        '      b1-03:',
        '        ssh: { address: "2001:DB8:0::1" }',
      ].join('\n'),
    );
    expect(issuesOf(text)).toEqual([
      `${FILE}:14 racks.B1.hosts.a3-01: host \`a3-01\` is also defined in rack A3 (line 9)`,
      `${FILE}:17 racks.B1.hosts.b1-01.ssh.address: SSH address 192.0.2.1 port 22 is also used by a3-01 (line 10)`,
      `${FILE}:18 racks.B1.hosts.b1-01.bmc.address: BMC address 198.51.100.1 port 623 is also used by a3-01 (line 11)`,
      `${FILE}:22 racks.B1.hosts.b1-03.ssh.address: SSH address 2001:DB8:0::1 port 22 is also used by b1-02 (line 20)`,
    ]);
  });

  it('does not call the same address on different ports a duplicate', () => {
    inventoryOf(withRacks(['  A:', '    hosts:', '      a-1: { ssh: { address: 192.0.2.1 } }', '      a-2: { ssh: { address: 192.0.2.1, port: 2222 } }'].join('\n')));
  });

  it('checks host and rack names', () => {
    expect(issuesOf(withRacks(['  "A 3":', '    hosts:', '      A3-01: { ssh: { address: 192.0.2.1 } }', '      a3_02: { ssh: { address: 192.0.2.2 } }'].join('\n')))).toEqual([
      `${FILE}:7 racks.A 3: rack name must be letters, digits, '_' and '-', starting with a letter or digit`,
      `${FILE}:9 racks.A 3.hosts.A3-01: host names are lowercase: write \`a3-01\``,
      `${FILE}:10 racks.A 3.hosts.a3_02: host name must be lowercase letters, digits and '-', starting with a letter or digit (like a3-01)`,
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(issuesOf('version: 1\nracks: [a\nb: 1\n')[0]).toMatch(/^inventory\/test\.yaml:3:1: .+/);
    expect(issuesOf('a: 1\na: 2\n')).toEqual([`${FILE}:2:1: Map keys must be unique`]);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expect(issuesOf('')).toEqual([`${FILE}:1: the inventory is empty`]);
    expect(issuesOf('# nothing\n')).toEqual([`${FILE}:1: the inventory is empty`]);
    expect(issuesOf('- 1\n')).toEqual([`${FILE}:1: expected a mapping at the top level (version, defaults, secrets, provider, racks)`]);
  });

  it('reports missing sections, wrong types and a wrong version, all at once and sorted by line', () => {
    expect(issuesOf('racks:\n  A:\n    hosts: {}\nversion: 3\nprovider: []\n')).toEqual([
      `${FILE}:1 secrets: required field is missing`,
      `${FILE}:1 racks: the inventory defines no hosts`,
      `${FILE}:4 version: unsupported version 3; this fleetcheck reads version 1`,
      `${FILE}:5 provider: expected a mapping, got a list`,
    ]);
  });

  it('reports issues in several hosts and sections in one pass', () => {
    const text = withRacks(
      [
        '  A3:',
        '    hosts:',
        '      a3-01: { ssh: { address: 192.0.2.1 }, bmc: { address: 198.51.100.1, port: 0 } }',
        '      a3-02: { ssh: { address: 192.0.2.2, connectTimeout: 5 minutes } }',
        '      a3-03: { ssh: { address: 192.0.2.2 } }',
        '      a3-04: { ssh: { address: 192.0.2.4 } }',
        '      a3-05: { ssh: { address: 192.0.2.4 } }',
      ].join('\n'),
    ).replace('secrets: { file: secrets.yaml }', 'secrets: {}');
    expect(issuesOf(text)).toEqual([
      `${FILE}:4 secrets: expected exactly one secret store: file, age, pass, command`,
      `${FILE}:9 racks.A3.hosts.a3-01.bmc.port: expected a port number (1-65535)`,
      `${FILE}:10 racks.A3.hosts.a3-02.ssh.connectTimeout: expected a duration like "500ms", "5s" or "2m", or integer milliseconds`,
      `${FILE}:13 racks.A3.hosts.a3-05.ssh.address: SSH address 192.0.2.4 port 22 is also used by a3-04 (line 12)`,
    ]);
  });

  it('asks for quotes when a text field was written as a number', () => {
    expect(issuesOf(oneHost.replace('{ address: 192.0.2.1 }', '{ address: 192.0.2.1 }\n        secrets: 42'))).toEqual([
      `${FILE}:11 racks.A3.hosts.a3-01.secrets: expected a key in the secret store; put the value in quotes`,
    ]);
  });

  it('never echoes terminal escapes or long input', () => {
    const evil = '\u001b[2J\u001b]0;owned\u0007' + 'x'.repeat(500);
    const [issue = ''] = issuesOf(oneHost.replace('version: 1', `version: 1\n"${evil.replace(/\u001b/g, '\\e').replace(/\u0007/g, '\\a')}": 1`));
    expect(issue).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(issue.length).toBeLessThan(260);
    expect(issue).toContain('unknown field `?[2J?]0;owned?');
  });

  it('survives alias bombs and self-referencing aliases', () => {
    const bomb = ['a0: &a0 [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 9; i++) bomb.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]`);
    expect(issuesOf(bomb.join('\n'))).toEqual([expect.stringContaining('the document expands to more than 200000 values')]);
    expect(issuesOf('a: &x [ *x ]\n')).toEqual([`${FILE}:1:9 a.0: alias *x refers to a value that contains it`]);
  });
});

describe('parseInventory: locate', () => {
  it('finds where a setting was written or inherited from', () => {
    const inv = inventoryOf(
      withRacks(
        [
          '  A3:',
          '    defaults:',
          '      ssh: { user: rack }',
          '    hosts:',
          '      a3-01:',
          '        ssh: { address: 192.0.2.1 }',
          '      a3-02:',
          '        ssh:',
          '          address: 192.0.2.2',
          '          knownHosts: other',
        ].join('\n'),
      ),
    );
    expect(inv.locate('racks.A3.hosts.a3-01.ssh.knownHosts')).toEqual({ file: FILE, line: 3 });
    expect(inv.locate('racks.A3.hosts.a3-02.ssh.knownHosts')).toEqual({ file: FILE, line: 16 });
    expect(inv.locate('racks.A3.hosts.a3-01.ssh.user')).toEqual({ file: FILE, line: 9 });
    expect(inv.locate('racks.A3.hosts.a3-02.ssh.address')).toEqual({ file: FILE, line: 15 });
    expect(inv.locate('secrets.file')).toEqual({ file: FILE, line: 4 });
    expect(inv.locate('racks.A3.hosts.a3-01.ssh.identity')).toBeUndefined();
  });
});
