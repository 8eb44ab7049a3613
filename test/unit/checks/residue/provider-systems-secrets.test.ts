// residue.provider-systems-secrets on facts built in memory.
import { describe, expect, it } from 'vitest';
import { providerSystemsSecrets } from '../../../../src/checks/residue/provider-systems-secrets.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import { FILES_SOURCE, type ProviderFile, type ProviderSystemRead } from '../../../../src/facts/provider-systems.js';
import { Secret } from '../../../../src/model/secret.js';
import { testHost, testProvider } from '../../support/hosts.js';

const file = (path: string, text: string, overrides: Partial<ProviderFile> = {}): ProviderFile => ({ path, state: 'read', truncated: false, content: new Secret(text), ...overrides });
const staff = (files: ProviderFile[], overrides: Partial<ProviderSystemRead> = {}): ProviderSystemRead => ({
  system: 'staff01', role: 'staff', searched: { copies: false, secrets: true }, reached: true,
  sources: [{ source: 'histories, home directories and configuration', state: 'read' }], holdings: [], files, ...overrides,
});
const store = (os: string[], disks: string[] = []): HostSecrets => ({
  bmcAccounts: [{ user: 'ADMIN', password: new Secret('bmc-password-1'), privilege: 'administrator' }],
  osCredentials: os.map((p) => ({ user: 'root', password: new Secret(p) })),
  diskPassphrases: disks.map((p) => ({ device: '/dev/sda2', passphrase: new Secret(p) })),
});
const judge = (systems: ProviderSystemRead[], secrets: HostSecrets) =>
  providerSystemsSecrets.evaluate({ 'provider.systems': { systems }, 'store.host-secrets': secrets }, { host: testHost(), provider: testProvider(), now: new Date(), mode: 'contract', modeReason: '' });

describe('residue.provider-systems-secrets', () => {
  it('fails on a stored OS password or disk passphrase in a file, naming system, file and line, never the value', () => {
    const f = judge([staff([file('/root/.bash_history', 'ls\nmysql -p"os-pass-123"\ncryptsetup open /dev/sda2 x # disk-pass-456')])], store(['os-pass-123'], ['disk-pass-456']));
    expect(f.status).toBe('fail');
    expect(f.evidence).toEqual([
      { source: 'staff01:/root/.bash_history:2', detail: 'the stored OS password of root (value masked)' },
      { source: 'staff01:/root/.bash_history:3', detail: 'the stored disk passphrase of /dev/sda2 (value masked)' },
    ]);
    expect(JSON.stringify(f)).not.toMatch(/os-pass-123|disk-pass-456/);
  });

  it('does not search for BMC or BIOS passwords (they are handed back, not erased)', () => {
    expect(judge([staff([file('/etc/ipmi.conf', 'password bmc-password-1')])], store(['os-pass-123'])).status).toBe('pass');
  });

  it('is error when a billing or staff system could not be searched, or a file not read; warn when a file was cut', () => {
    expect(judge([staff([], { reached: false, message: 'SSH: timeout', sources: [] })], store(['os-pass-123'])).status).toBe('error');
    expect(judge([staff([file('/root/.bash_history', '', { state: 'unreadable' })])], store(['os-pass-123'])).status).toBe('error');
    expect(judge([staff([file('/root/.bash_history', 'ls', { truncated: true })])], store(['os-pass-123'])).status).toBe('warn');
  });

  it('passes when the store holds nothing to leave behind, whatever could be read', () => {
    const f = judge([staff([], { reached: false, message: 'SSH: timeout', sources: [] })], store([]));
    expect(f.status).toBe('pass');
  });

  it('skips when the inventory names no billing or staff system', () => {
    expect(judge([{ ...staff([]), role: 'backup', searched: { copies: true, secrets: false } }], store(['os-pass-123'])).status).toBe('skip');
  });
});

describe('residue.provider-systems-secrets: messages and evidence', () => {
  const billing = (files: ProviderFile[], overrides: Partial<ProviderSystemRead> = {}) => staff(files, { system: 'billing01', role: 'billing', ...overrides });

  it('says why it skipped, with no evidence', () => {
    expect(judge([], store(['os-pass-123']))).toEqual({
      status: 'skip',
      message: 'no billing or staff system in the inventory (provider.systems with role billing or staff): nothing searched',
      evidence: [],
    });
  });

  it('names each system it could not search and why: its unreachable message, or the failed files source', () => {
    const f = judge(
      [
        staff([], { reached: false, message: 'SSH: timeout', sources: [] }),
        billing([], { reached: false, sources: [] }),
        staff([], {
          system: 'staff02',
          sources: [
            { source: 'zfs', state: 'failed', message: 'zfs list failed (exit 1)' },
            { source: FILES_SOURCE, state: 'failed', message: 'the section printed no status' },
          ],
        }),
        staff([], { system: 'staff03', sources: [{ source: 'zfs', state: 'read' }, { source: FILES_SOURCE, state: 'failed' }] }),
      ],
      store(['os-pass-123']),
    );
    expect(f).toEqual({
      status: 'error',
      message: '4 provider system(s) or file(s) could not be read',
      evidence: [
        { source: 'staff01', detail: 'could not be searched: SSH: timeout' },
        { source: 'billing01', detail: 'could not be searched: unreachable' },
        { source: 'staff02', detail: 'could not be searched: the section printed no status' },
        { source: 'staff03', detail: 'could not be searched: failed' },
      ],
    });
  });

  it('a failed source other than the files does not stop the search for secrets', () => {
    const f = judge([staff([file('/root/.bash_history', 'ls')], { sources: [{ source: 'zfs', state: 'failed', message: 'zfs list failed (exit 1)' }, { source: FILES_SOURCE, state: 'read' }] })], store(['os-pass-123']));
    expect(f).toEqual({ status: 'pass', message: 'none of 1 stored secret(s) in 1 file(s) on staff01', evidence: [] });
  });

  it('counts the files it searched on every system and names the systems', () => {
    const f = judge(
      [staff([file('/root/.bash_history', 'ls -l'), file('/etc/motd', 'welcome')]), billing([file('/home/billing/.bash_history', 'whmcs-cron run')])],
      store(['os-pass-123'], ['disk-pass-456']),
    );
    expect(f).toEqual({ status: 'pass', message: 'none of 2 stored secret(s) in 3 file(s) on staff01, billing01', evidence: [] });
  });

  it('does not search for a secret shorter than six characters, and says how many it left out', () => {
    // "abc12" would match all sorts of text; a six-character secret is searched.
    const short = judge([staff([file('/root/.bash_history', 'echo abc12')])], store(['os-pass-123', 'abc12']));
    expect(short).toEqual({ status: 'pass', message: 'none of 1 stored secret(s) in 1 file(s) on staff01; 1 secret(s) shorter than 6 characters not searched', evidence: [] });
    const six = judge([staff([file('/root/.bash_history', 'passwd <<< k9p2x7')])], store(['k9p2x7']));
    expect(six).toEqual({
      status: 'fail',
      message: 'a stored secret of this host appears 1 time(s) on staff01',
      evidence: [{ source: 'staff01:/root/.bash_history:1', detail: 'the stored OS password of root (value masked)' }],
    });
  });

  it('fails with every place the secret appears, then what could not be read or was cut', () => {
    const f = judge(
      [
        staff([file('/root/.bash_history', 'sshpass -p os-pass-123 ssh root@203.0.113.7'), file('/root/notes.txt', '', { state: 'unreadable' })]),
        billing([file('/var/log/provision.log', 'root password: os-pass-123\nabc12', { truncated: true })]),
      ],
      store(['os-pass-123', 'abc12']),
    );
    expect(f).toEqual({
      status: 'fail',
      message: 'a stored secret of this host appears 2 time(s) on staff01, billing01; 1 secret(s) shorter than 6 characters not searched',
      evidence: [
        { source: 'staff01:/root/.bash_history:1', detail: 'the stored OS password of root (value masked)' },
        { source: 'billing01:/var/log/provision.log:1', detail: 'the stored OS password of root (value masked)' },
        { source: 'staff01:/root/notes.txt', detail: 'cannot read' },
        { source: 'billing01:/var/log/provision.log', detail: 'too large: only the first part was read' },
      ],
    });
  });

  it('passes with no evidence when the store holds no OS password or disk passphrase, even with files unread', () => {
    expect(judge([staff([file('/root/notes.txt', '', { state: 'unreadable' })])], store([]))).toEqual({
      status: 'pass',
      message: 'the store holds no OS password or disk passphrase for this host: none can be left on provider systems',
      evidence: [],
    });
  });

  it('is error for an unreadable file, with the cut files after it', () => {
    const f = judge([staff([file('/root/notes.txt', '', { state: 'unreadable' }), file('/root/.bash_history', 'ls', { truncated: true })])], store(['os-pass-123']));
    expect(f).toEqual({
      status: 'error',
      message: '1 provider system(s) or file(s) could not be read',
      evidence: [
        { source: 'staff01:/root/notes.txt', detail: 'cannot read' },
        { source: 'staff01:/root/.bash_history', detail: 'too large: only the first part was read' },
      ],
    });
  });

  it('warns when a file was only read in part, naming it', () => {
    const f = judge([staff([file('/root/.bash_history', 'ls', { truncated: true })])], store(['os-pass-123', 'abc12']));
    expect(f).toEqual({
      status: 'warn',
      message: 'no stored secret found, but 1 file(s) were only read in part; 1 secret(s) shorter than 6 characters not searched',
      evidence: [{ source: 'staff01:/root/.bash_history', detail: 'too large: only the first part was read' }],
    });
  });
});
