import { describe, expect, it } from 'vitest';
import { providerSecretInFiles } from '../../../../src/checks/residue/provider-secret-in-files.js';
import { Secret } from '../../../../src/model/secret.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import type { LeftoverFile } from '../../../../src/facts/leftover-files.js';
import { testContext } from '../../support/hosts.js';
import { leftover, stored } from './fact-builders.js';

const judge = (files: LeftoverFile[], store: HostSecrets = stored()) =>
  providerSecretInFiles.evaluate({ 'ssh.residue-files': { files }, 'store.host-secrets': store }, testContext());

describe('residue.provider-secret-in-files', () => {
  const store = stored({ osCredentials: [{ user: 'root', password: new Secret('Root-Init-77q'), handover: '2026-01-02' }], diskPassphrases: [{ device: '/dev/md1', passphrase: new Secret('abc') }] });

  it('fails where a stored secret appears, naming which secret and never its value', () => {
    const out = judge([leftover('/var/log/provision.log', 'provisioning-log', 'step 1\nroot pw Root-Init-77q set\nBmc-Initial-9x\n')], store);
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      { source: '/var/log/provision.log:2', detail: 'provisioning-log: the stored OS password of root (value masked)' },
      { source: '/var/log/provision.log:3', detail: 'provisioning-log: the stored BMC password of ADMIN (value masked)' },
    ]);
    expect(JSON.stringify(out)).not.toMatch(/Root-Init-77q|Bmc-Initial-9x/);
    expect(out.message).toMatch(/1 secret\(s\) shorter than 6 characters not searched/);
  });

  it('searches a secret of the minimum length, six characters, and not one a character shorter', () => {
    const withDisk = (passphrase: string) => stored({ bmcAccounts: [], diskPassphrases: [{ device: '/dev/md1', passphrase: new Secret(passphrase) }] });
    const file = [leftover('/root/notes.txt', 'history', 'luks k3y-Ab\n')];
    const six = judge(file, withDisk('k3y-Ab'));
    expect(six).toMatchObject({ status: 'fail', evidence: [{ source: '/root/notes.txt:1', detail: 'history: the stored disk passphrase of /dev/md1 (value masked)' }] });
    expect(six.message).not.toMatch(/not searched/);
    const five = judge(file, withDisk('k3y-A'));
    expect(five).toMatchObject({ status: 'pass', message: 'none of 0 stored secret(s) in 1 collected file(s); 1 secret(s) shorter than 6 characters not searched' });
  });

  it('passes when no stored secret is in any file', () => {
    expect(judge([leftover('/root/.bash_history', 'history', 'ls -l\n')], store).status).toBe('pass');
  });

  it('is an error when a file could not be read', () => {
    expect(judge([leftover('/root/.bash_history', 'history', '', { state: 'unreadable' })]).status).toBe('error');
  });

  it('warns, not passes, when a clean file was cut at the read limit; still fails on a find', () => {
    const cut = leftover('/var/log/installer/syslog', 'installer-log', 'nothing here\n', { truncated: true });
    expect(judge([cut], store)).toMatchObject({ status: 'warn', evidence: [{ source: '/var/log/installer/syslog', detail: expect.stringMatching(/too large/) }] });
    const hit = leftover('/root/.bash_history', 'history', 'Bmc-Initial-9x\n');
    expect(judge([cut, hit], store).status).toBe('fail');
    expect(judge([cut, leftover('/root/.netrc', 'netrc', '', { state: 'unreadable' })], store).status).toBe('error');
  });
});

