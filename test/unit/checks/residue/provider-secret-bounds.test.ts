// residue.provider-secret-in-files at the minimum secret length, with exact messages: a secret of
// six characters is searched, one of five is only counted as not searched.
import { describe, expect, it } from 'vitest';
import { MIN_SEARCHABLE_SECRET, providerSecretInFiles } from '../../../../src/checks/residue/provider-secret-in-files.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import type { LeftoverFile } from '../../../../src/facts/leftover-files.js';
import { Secret } from '../../../../src/model/secret.js';
import { checkContext } from '../check-context.js';
import { leftover, noWalk } from './fact-builders.js';

const store = (...passwords: string[]): HostSecrets => ({
  bmcAccounts: [],
  osCredentials: passwords.map((p, i) => ({ user: `user${i}`, password: new Secret(p) })),
  diskPassphrases: [],
});
/** Only the leftovers: the text-file walk found nothing more. */
const judge = (files: LeftoverFile[], s: HostSecrets) =>
  providerSecretInFiles.evaluate({ 'ssh.residue-files': { files }, 'ssh.text-files': noWalk, 'store.host-secrets': s }, checkContext());

describe('residue.provider-secret-in-files at the minimum length', () => {
  it('searches a secret of exactly the minimum length', () => {
    expect(MIN_SEARCHABLE_SECRET).toBe(6);
    expect(judge([leftover('/root/notes', 'history', 'pw is q7Zx9k\n')], store('q7Zx9k'))).toEqual({
      status: 'fail',
      message: 'a stored secret appears on 1 line(s) on the host',
      evidence: [{ source: '/root/notes:1', detail: 'history: the stored OS password of user0 (value masked)' }],
    });
  });

  it('does not search a shorter one, and says how many were left out', () => {
    expect(judge([leftover('/root/notes', 'history', 'pw is q7Zx9\n')], store('q7Zx9', 'Long-Secret-1'))).toEqual({
      status: 'pass',
      message: 'none of 1 stored secret(s) in 1 text file(s) (0 binary file(s) skipped); 1 secret(s) shorter than 6 characters not searched',
      evidence: [],
    });
  });

  it('names every line a secret is on, and every stored kind', () => {
    const s: HostSecrets = {
      bmcAccounts: [{ user: 'ADMIN', password: new Secret('Bmc-Init-1'), privilege: 'administrator' }],
      osCredentials: [],
      diskPassphrases: [{ device: '/dev/md1', passphrase: new Secret('Disk-Init-2') }],
      biosPassword: new Secret('Bios-Init-3'),
    };
    const out = judge([leftover('/root/ks.cfg', 'kickstart', 'Disk-Init-2\nx\nBios-Init-3 Bmc-Init-1\nDisk-Init-2')], s);
    expect(out.message).toBe('a stored secret appears on 4 line(s) on the host');
    expect(out.evidence).toEqual([
      { source: '/root/ks.cfg:1', detail: 'kickstart: the stored disk passphrase of /dev/md1 (value masked)' },
      { source: '/root/ks.cfg:4', detail: 'kickstart: the stored disk passphrase of /dev/md1 (value masked)' },
      { source: '/root/ks.cfg:3', detail: 'kickstart: the stored BMC password of ADMIN (value masked)' },
      { source: '/root/ks.cfg:3', detail: 'kickstart: the stored BIOS password (value masked)' },
    ]);
  });

  it('is an error with the unread file before the cut one, and a warning for a cut file alone', () => {
    const unread = leftover('/root/.netrc', 'netrc', '', { state: 'unreadable' });
    const cut = leftover('/var/log/installer/syslog', 'installer-log', 'nothing\n', { truncated: true });
    expect(judge([cut, unread], store('Long-Secret-1'))).toEqual({
      status: 'error',
      message: '1 file(s) could not be read',
      evidence: [
        { source: '/root/.netrc', detail: 'cannot read' },
        { source: '/var/log/installer/syslog', detail: 'too large: only the first part was read' },
      ],
    });
    expect(judge([cut], store('Long-Secret-1', 'abc'))).toEqual({
      status: 'warn',
      message: 'no stored secret found, but the search did not cover everything (1 limit(s) reached or file(s) read in part); 1 secret(s) shorter than 6 characters not searched',
      evidence: [{ source: '/var/log/installer/syslog', detail: 'too large: only the first part was read' }],
    });
  });
});
