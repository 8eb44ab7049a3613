import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAuthorizedKeysSection } from '../../../../src/collect/ssh/authorized-keys-section.js';
import { splitSections } from '../../../../src/collect/ssh/collecting-script.js';
import { parseAccountsSection } from '../../../../src/collect/ssh/residue/accounts-section.js';
import { leftoverCatalogue, kindOfPath } from '../../../../src/collect/ssh/residue/leftover-catalogue.js';
import { leftoverScript, parseLeftoverSection } from '../../../../src/collect/ssh/residue/leftover-files-section.js';
import { sshdAuthScript } from '../../../../src/collect/ssh/residue/sshd-auth-script.js';

// Output of the real collecting command on the lab's D4 hosts (fixtures/ssh/residue/README.md).
const M = '@@fc-test';
const section = (host: string, name: string): string => {
  const split = splitSections(readFileSync(`fixtures/ssh/residue/${host}.out`, 'utf8'), M);
  expect(split.complete).toBe(true);
  return split.sections.get(name)!.text;
};

describe('authorized-keys section on captured output', () => {
  it('follows the running sshd config into an Include and reads a custom AuthorizedKeysFile', () => {
    const fact = parseAuthorizedKeysSection(section('d4-03', 'authorized-keys'), M);
    expect(fact.config.map((c) => c.path)).toEqual(['/etc/ssh/sshd_lab.conf', '/etc/ssh/sshd_config', '/etc/ssh/sshd_config.d/40-central-keys.conf']);
    expect(fact.options).toEqual([
      { file: '/etc/ssh/sshd_config.d/40-central-keys.conf', line: 2, keyword: 'authorizedkeysfile', value: '.ssh/authorized_keys /etc/ssh/authorized_keys.d/%u', conditional: false },
    ]);
    const central = fact.files.find((f) => f.path === '/etc/ssh/authorized_keys.d/root');
    expect(central).toMatchObject({ user: 'root', state: 'read', truncated: false });
    expect(central!.keys[0]!.key.comment).toBe('provider-ops@provider.example');
  });

  it('reads TrustedUserCAKeys and AuthorizedPrincipalsFile', () => {
    const fact = parseAuthorizedKeysSection(section('d4-04', 'authorized-keys'), M);
    expect(fact.trustedCaFiles).toHaveLength(1);
    expect(fact.trustedCaFiles[0]!.keys[0]!.key.fingerprint).toBe('SHA256:SCtklcO9oCORRTiBeY+ZuDhy900gSo3i00qSMs8GuRY');
    expect(fact.principalsFiles).toEqual([
      { path: '/etc/ssh/auth_principals/root', user: 'root', state: 'read', truncated: false, principals: [{ line: 1, name: 'provider-ops' }, { line: 2, name: 'provider-oncall' }] },
    ]);
  });

  it('keeps the options of a key in a secondary account authorized_keys2', () => {
    const fact = parseAuthorizedKeysSection(section('d4-02', 'authorized-keys'), M);
    const f = fact.files.find((x) => x.path === '/home/webadmin/.ssh/authorized_keys2')!;
    expect(f.user).toBe('webadmin');
    expect(f.keys).toEqual([{ line: 2, key: expect.objectContaining({ options: ['from', 'command', 'no-port-forwarding', 'no-pty'] }) }]);
  });

  it('parses option lines written with =, inside Match, and unreadable files of every kind', () => {
    const text = [
      `${M} S /etc/ssh/sshd_config`,
      `${M} O 1 7 AuthorizedKeysCommand=/usr/bin/helper %u`,
      `${M} V /etc/ssh/sshd_config.d/secret.conf`,
      `${M} UF * /etc/ssh/keys`,
      `${M} UT * /etc/ssh/ca.pub`,
      `${M} UA bob /etc/ssh/principals/bob`,
    ].join('\n');
    const fact = parseAuthorizedKeysSection(text, M);
    expect(fact.options).toEqual([{ file: '/etc/ssh/sshd_config', line: 7, keyword: 'authorizedkeyscommand', value: '/usr/bin/helper %u', conditional: true }]);
    expect(fact.config[1]).toEqual({ path: '/etc/ssh/sshd_config.d/secret.conf', state: 'unreadable' });
    expect(fact.files[0]).toMatchObject({ user: '*', state: 'unreadable' });
    expect(fact.trustedCaFiles[0]!.state).toBe('unreadable');
    expect(fact.principalsFiles[0]!.state).toBe('unreadable');
  });

  it('is a lean POSIX script: no per-line subprocesses', () => {
    const script = sshdAuthScript(1024);
    expect(script).not.toMatch(/\b(awk|sed|grep|find|sshd -T)\b/);
    expect(script.match(/\bhead -c\b/g)).toHaveLength(1);
  });
});

describe('residue-accounts section on captured output', () => {
  it('reads accounts, password states (never hashes), sudoers and process owners', () => {
    const fact = parseAccountsSection(section('d4-05', 'residue-accounts'), M);
    expect(fact.passwd.find((p) => p.name === 'provops')).toEqual({ name: 'provops', uid: 1010, gid: 1010, home: '/home/provops', shell: '/bin/bash' });
    expect(fact.passwords?.get('provops')).toBe('locked');
    expect(fact.passwords?.get('root')).toBe('locked');
    expect(fact.sudoers).toContainEqual({ file: '/etc/sudoers.d/90-provops', line: 2, text: 'provops ALL=(ALL) NOPASSWD: ALL' });
    expect(fact.groups.get('provops')?.members).toEqual(['provops']);
    expect(fact.processesByUid.get(0)).toBeGreaterThan(0);
    expect(section('d4-05', 'residue-accounts')).not.toMatch(/\$[0-9a-z]+\$/);
  });

  it('knows when shadow or a sudoers file could not be read', () => {
    const fact = parseAccountsSection([`${M} U shadow /etc/shadow`, `${M} U sudoers /etc/sudoers.d/x`].join('\n'), M);
    expect(fact.passwords).toBeUndefined();
    expect(fact.unreadable).toEqual(['/etc/sudoers.d/x']);
  });
});

describe('residue-files section on captured output', () => {
  it('finds the kickstart rootpw, the cloud-init chpasswd entry and the ipmitool -P line', async () => {
    const hits = async (host: string) => {
      const fact = await parseLeftoverSection(section(host, 'residue-files'), M);
      return fact.files.flatMap((f) => f.credentials.map((c) => `${f.path}:${c.line} ${c.pattern}`));
    };
    expect(await hits('d4-06')).toEqual(['/root/anaconda-ks.cfg:30 kickstart-rootpw']);
    expect(await hits('d4-07')).toEqual(['/var/lib/cloud/instances/iid-d407/user-data.txt:7 cloud-config-chpasswd-entry']);
    expect(await hits('d4-08')).toEqual(['/root/.bash_history:2 ipmitool-password']);
    expect(await hits('d4-01')).toEqual([]);
  });

  it('keeps file text wrapped, so it never serialises', async () => {
    const fact = await parseLeftoverSection(section('d4-09', 'residue-files'), M);
    expect(fact.files.map((f) => [f.path, f.kind])).toEqual([['/var/log/provision.log', 'provisioning-log']]);
    expect(JSON.stringify(fact)).not.toContain('Init-Root');
    expect(fact.files[0]!.content.reveal()).toContain('Init-Root-d409-Vb7k');
  });

  it('finds generic secrets with secretlint and never keeps the matched text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-gen-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
    const key = readFileSync(join(dir, 'k'), 'utf8').trimEnd().split('\n');
    const text = [`${M} F /root/provision.sh`, '#!/bin/sh', ...key, 'curl https://deploy:S3cretPassw0rd@repo.internal.net/x', '', `${M} E`].join('\n');
    const fact = await parseLeftoverSection(text, M);
    expect(fact.files[0]!.generic).toEqual([{ line: 2, rule: 'privatekey' }, { line: key.length + 2, rule: 'basicauth' }]);
    expect(JSON.stringify(fact)).not.toContain('S3cretPassw0rd');
  });

  it('classifies paths by the catalogue and reads only safe globs', () => {
    const c = leftoverCatalogue();
    expect(kindOfPath(c, '/var/lib/cloud/instances/i-1/vendor-data.txt')).toBe('cloud-init');
    expect(kindOfPath(c, '/home/bob/.pgpass')).toBe('pgpass');
    expect(kindOfPath(c, '/etc/cloud/cloud.cfg.d/90_dpkg_maas.cfg')).toBe('cloud-config');
    const script = leftoverScript(c, 1024);
    expect(script).toContain('/root/anaconda-ks.cfg');
    expect(script).not.toMatch(/[;&|`$]\(/);
  });
});
