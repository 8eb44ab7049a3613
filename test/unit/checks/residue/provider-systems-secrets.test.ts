// residue.provider-systems-secrets on facts built in memory.
import { describe, expect, it } from 'vitest';
import { providerSystemsSecrets } from '../../../../src/checks/residue/provider-systems-secrets.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import type { ProviderFile, ProviderSystemRead } from '../../../../src/facts/provider-systems.js';
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
