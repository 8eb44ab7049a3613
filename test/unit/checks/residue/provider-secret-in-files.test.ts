import { describe, expect, it } from 'vitest';
import { linesHolding, providerSecretInFiles } from '../../../../src/checks/residue/provider-secret-in-files.js';
import type { TextFilesFact } from '../../../../src/facts/text-files.js';
import { Secret } from '../../../../src/model/secret.js';
import type { HostSecrets } from '../../../../src/facts/host-secrets.js';
import type { LeftoverFile } from '../../../../src/facts/leftover-files.js';
import { testContext } from '../../support/hosts.js';
import { leftover, stored, noWalk } from './fact-builders.js';

const judge = (files: LeftoverFile[], store: HostSecrets = stored(), walk: Partial<TextFilesFact> = {}) =>
  providerSecretInFiles.evaluate({ 'ssh.residue-files': { files }, 'ssh.text-files': { ...noWalk, ...walk }, 'store.host-secrets': store }, testContext());
const text = (path: string, content: string, truncated = false) => ({ path, content: new Secret(content), truncated });

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
    expect(five).toMatchObject({ status: 'pass', message: 'none of 0 stored secret(s) in 1 text file(s) (0 binary file(s) skipped); 1 secret(s) shorter than 6 characters not searched' });
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


describe('residue.provider-secret-in-files over every text file of the walk', () => {
  const store = stored({ osCredentials: [{ user: 'root', password: new Secret('Root-Init-77q'), handover: '2026-01-02' }] });

  it('fails on a stored password in /etc/motd and in a note in /root, naming file and line, never the value', () => {
    const out = judge([], store, {
      files: [text('/etc/motd', 'Welcome!\n\nInitial root password: Root-Init-77q (please change)\n'), text('/root/notes.txt', 'bmc: Bmc-Initial-9x\nbmc again: Bmc-Initial-9x Bmc-Initial-9x'), text('/etc/hostname', 'web1\n')],
      examined: 3,
      bytes: 120,
    });
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      { source: '/etc/motd:3', detail: 'the stored OS password of root (value masked)' },
      { source: '/root/notes.txt:1', detail: 'the stored BMC password of ADMIN (value masked)' },
      { source: '/root/notes.txt:2', detail: 'the stored BMC password of ADMIN (value masked)' },
    ]);
    expect(out.message).toBe('a stored secret appears on 3 line(s) on the host');
    expect(JSON.stringify(out)).not.toMatch(/Root-Init-77q|Bmc-Initial-9x/);
  });

  it('passes when no text file holds a stored secret, and says how much it searched', () => {
    const out = judge([], store, { files: [text('/etc/motd', 'Welcome!\n')], examined: 4, binary: 3, bytes: 9 });
    expect(out).toMatchObject({ status: 'pass', message: 'none of 2 stored secret(s) in 1 text file(s) (3 binary file(s) skipped)' });
  });

  it('warns, never passes, when a walk limit was reached or a file was read only in part', () => {
    const files = judge([], store, { files: [text('/srv/a', 'x')], limits: [{ limit: 'files', value: 10000 }] });
    expect(files).toMatchObject({ status: 'warn', evidence: [{ source: 'text files', detail: expect.stringMatching(/^stopped at 10000 files examined/) }] });
    const bytes = judge([], store, { files: [text('/srv/a', 'x')], limits: [{ limit: 'bytes', value: 8388608 }] });
    expect(bytes).toMatchObject({ status: 'warn', evidence: [{ source: 'text files', detail: expect.stringMatching(/^stopped at 8388608 bytes of text read/) }] });
    const cut = judge([], store, { files: [text('/var/log/syslog', 'x', true)] });
    expect(cut).toMatchObject({ status: 'warn', evidence: [{ source: '/var/log/syslog', detail: 'too large: only the first part was read' }] });
    // A find before the limit still fails.
    expect(judge([], store, { files: [text('/srv/a', 'Root-Init-77q')], limits: [{ limit: 'bytes', value: 8 }] }).status).toBe('fail');
  });

  it('is an error when a file the walk found could not be read', () => {
    expect(judge([], store, { unreadable: ['/etc/odd'] })).toMatchObject({ status: 'error', evidence: [{ source: '/etc/odd', detail: 'cannot read' }] });
  });

  it('searches a leftover once, under its catalogue kind, when the walk read it too', () => {
    const out = judge([leftover('/root/.bash_history', 'history', 'echo Root-Init-77q\n')], store, { files: [text('/root/.bash_history', 'echo Root-Init-77q\n')] });
    expect(out.evidence).toEqual([{ source: '/root/.bash_history:1', detail: 'history: the stored OS password of root (value masked)' }]);
  });

  it('counts a leftover the walk also read as one text file', () => {
    const out = judge([leftover('/root/.bash_history', 'history', 'ls -l\n')], store, { files: [text('/root/.bash_history', 'ls -l\n'), text('/etc/motd', 'Welcome!\n')], binary: 1 });
    expect(out).toEqual({ status: 'pass', message: 'none of 2 stored secret(s) in 2 text file(s) (1 binary file(s) skipped)', evidence: [] });
  });

  it('reports a leftover the walk could not read either once, under its catalogue read', () => {
    const out = judge([leftover('/root/.netrc', 'netrc', '', { state: 'unreadable' })], store, { unreadable: ['/root/.netrc', '/etc/odd'] });
    expect(out).toEqual({ status: 'error', message: '2 file(s) could not be read', evidence: [{ source: '/root/.netrc', detail: 'cannot read' }, { source: '/etc/odd', detail: 'cannot read' }] });
  });

  it('reports a leftover cut at the read limit once, though the walk cut it too', () => {
    const out = judge([leftover('/var/log/installer/syslog', 'installer-log', 'nothing here\n', { truncated: true })], store, {
      files: [text('/var/log/installer/syslog', 'nothing here\n', true), text('/var/log/syslog', 'x', true)],
    });
    expect(out).toEqual({
      status: 'warn',
      message: 'no stored secret found, but the search did not cover everything (2 limit(s) reached or file(s) read in part)',
      evidence: [
        { source: '/var/log/installer/syslog', detail: 'too large: only the first part was read' },
        { source: '/var/log/syslog', detail: 'too large: only the first part was read' },
      ],
    });
  });

  it('never searches what is left of a leftover it could not read', () => {
    // The collector gives an unreadable file empty content (leftover-files-section); the check goes by the state, not by whatever content holds.
    const out = judge([leftover('/root/.netrc', 'netrc', 'password Root-Init-77q\n', { state: 'unreadable' })], store);
    expect(out).toEqual({ status: 'error', message: '1 file(s) could not be read', evidence: [{ source: '/root/.netrc', detail: 'cannot read' }] });
  });

  it('keeps a few dozen entries and a count when a file repeats a secret on every line', () => {
    const out = judge([], store, { files: [text('/var/log/junk', 'Root-Init-77q\n'.repeat(5000))] });
    expect(out.status).toBe('fail');
    expect(out.message).toBe('a stored secret appears on 5000 line(s) on the host');
    expect(out.evidence.length).toBe(51);
    expect(out.evidence[50]!.detail).toMatch(/^and 4950 more/);
  });
});

describe('linesHolding', () => {
  it.each([
    ['abc', 'abc', [1]],
    ['x\nabc\n\nabc abc\n', 'abc', [2, 4]],
    ['\n\n\n', 'abc', []],
    ['ab\nc', 'abc', []],
    ['aaaa', 'aa', [1]],
    // A value that begins with a line break is on the line that break ends.
    ['a\n\nb', '\nb', [2]],
  ])('%j holds %j on lines %j', (t, v, lines) => {
    expect(linesHolding(t, v)).toEqual(lines);
  });
});
