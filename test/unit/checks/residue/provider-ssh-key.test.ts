import { describe, expect, it } from 'vitest';
import type { AuthorizedKeysFile } from '../../../../src/facts/authorized-keys.js';
import { providerSshKey } from '../../../../src/checks/residue/provider-ssh-key.js';
import { EVIDENCE_LIMITS, OMITTED_SOURCE } from '../../../../src/model/evidence-limit.js';
import { testContext, testProvider } from '../../support/hosts.js';

const PROVIDER = 'SHA256:' + 'P'.repeat(43);
const CUSTOMER = 'SHA256:' + 'C'.repeat(43);

function file(path: string, fingerprints: string[], extra: Partial<AuthorizedKeysFile> = {}): AuthorizedKeysFile {
  return {
    path,
    user: path.startsWith('/root') ? 'root' : 'deploy',
    state: 'read',
    truncated: false,
    unparsedLines: [],
    unparsedCount: 0,
    keys: fingerprints.map((fingerprint, i) => ({ line: i + 1, key: { type: 'ssh-ed25519', fingerprint, options: [], comment: '' } })),
    ...extra,
  };
}

const judge = (files: AuthorizedKeysFile[]) =>
  providerSshKey.evaluate({ 'ssh.authorized-keys': { files, config: [], options: [], trustedCaFiles: [], principalsFiles: [] } }, testContext({ provider: testProvider({ 'ops@provider': PROVIDER }) }));

describe('residue.provider-ssh-key', () => {
  it('passes when only other keys are authorized', () => {
    const outcome = judge([file('/root/.ssh/authorized_keys', [CUSTOMER])]);
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toBe('no provider key among 1 key(s) in 1 authorized keys file(s)');
  });

  it('fails with the file and line of each provider key', () => {
    const outcome = judge([file('/root/.ssh/authorized_keys', [CUSTOMER, PROVIDER]), file('/home/deploy/.ssh/authorized_keys2', [PROVIDER])]);
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence.map((e) => e.source)).toEqual(['/root/.ssh/authorized_keys:2', '/home/deploy/.ssh/authorized_keys2:1']);
    expect(outcome.evidence[1]!.detail).toBe(`provider key ops@provider (${PROVIDER}) grants access as deploy`);
  });

  it('is an error, not a pass, when a file could not be read', () => {
    const outcome = judge([file('/root/.ssh/authorized_keys', [CUSTOMER]), file('/home/deploy/.ssh/authorized_keys', [], { state: 'unreadable' })]);
    expect(outcome.status).toBe('error');
    expect(outcome.evidence).toEqual([{ source: '/home/deploy/.ssh/authorized_keys', detail: 'cannot read (account deploy)' }]);
  });

  it('treats a truncated file as not proven clean', () => {
    expect(judge([file('/root/.ssh/authorized_keys', [CUSTOMER], { truncated: true })]).status).toBe('error');
  });

  it('still fails when another file is unreadable, and lists both', () => {
    const outcome = judge([file('/root/.ssh/authorized_keys', [PROVIDER]), file('/home/x/.ssh/authorized_keys', [], { state: 'unreadable' })]);
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toHaveLength(2);
  });

  it('warns when a line is neither a comment nor a key it can read', () => {
    const outcome = judge([file('/root/.ssh/authorized_keys', [CUSTOMER], { unparsedLines: [4], unparsedCount: 1 })]);
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence).toEqual([{ source: '/root/.ssh/authorized_keys:4', detail: 'not a key fleetcheck can read; check what sshd makes of it' }]);
  });

  it('keeps a file of 100,000 junk lines to a few entries and a count, and still finds the provider key', () => {
    const junk = Array.from({ length: 100_000 }, (_, i) => i + 2);
    const outcome = judge([file('/root/.ssh/authorized_keys', [PROVIDER], { unparsedLines: junk, unparsedCount: junk.length })]);
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence[0]!.source).toBe('/root/.ssh/authorized_keys:1');
    expect(outcome.evidence.length).toBeLessThanOrEqual(EVIDENCE_LIMITS.entriesPerFinding + 1);
    expect(outcome.evidence.at(-1)).toEqual({ source: OMITTED_SOURCE, detail: expect.stringMatching(/^and 99951 more /) });
    const warn = judge([file('/root/.ssh/authorized_keys', [CUSTOMER], { unparsedLines: junk, unparsedCount: junk.length })]);
    expect(warn.status).toBe('warn');
    expect(warn.message).toBe('no provider key among 1 key(s), but 100000 line(s) could not be read as keys');
    expect(JSON.stringify(warn).length).toBeLessThan(EVIDENCE_LIMITS.charsPerFinding + 1024);
  });

  it('strips terminal escapes from paths a host reports', () => {
    const outcome = judge([file('/home/\x1b[31mevil/.ssh/authorized_keys', [PROVIDER])]);
    expect(outcome.evidence[0]!.source).toBe('/home/?[31mevil/.ssh/authorized_keys:1');
  });

  it('names every account for a fixed AuthorizedKeysFile path, and leaves cert-authority lines to the CA check', () => {
    const shared = file('/etc/ssh/authorized_keys', [PROVIDER], { user: '*' });
    expect(judge([shared]).evidence[0]!.detail).toMatch(/grants access as any account$/);
    const ca = file('/root/.ssh/authorized_keys', [PROVIDER]);
    ca.keys[0]!.key.options = ['cert-authority'];
    expect(judge([ca]).status).toBe('pass');
  });
});

describe('residue.provider-ssh-key: counts and names', () => {
  it('counts provider keys and the files they are in, a file with two keys once', () => {
    const root = file('/root/.ssh/authorized_keys', [PROVIDER]);
    root.keys.push({ line: 12, key: { type: 'ssh-ed25519', fingerprint: PROVIDER, options: [], comment: 'ops@provider' } });
    const outcome = judge([root, file('/home/deploy/.ssh/authorized_keys2', [PROVIDER])]);
    expect(outcome.message).toBe('3 provider key(s) left in 2 authorized keys file(s)');
    expect(judge([root]).message).toBe('2 provider key(s) left in 1 authorized keys file(s)');
  });

  it('names the options a provider key hides behind', () => {
    const restricted = file('/root/.ssh/authorized_keys', [PROVIDER]);
    restricted.keys[0]!.key.options = ['from="203.0.113.0/24"', 'no-pty', 'command="/usr/local/bin/backup-only"'];
    expect(judge([restricted]).evidence).toEqual([
      { source: '/root/.ssh/authorized_keys:1', detail: `provider key ops@provider (${PROVIDER}) grants access as root with options from="203.0.113.0/24",no-pty,command="/usr/local/bin/backup-only"` },
    ]);
  });

  it('names a key the inventory lists by fingerprint only once', () => {
    const outcome = providerSshKey.evaluate(
      { 'ssh.authorized-keys': { files: [file('/root/.ssh/authorized_keys', [PROVIDER])], config: [], options: [], trustedCaFiles: [], principalsFiles: [] } },
      testContext({ provider: testProvider({ [PROVIDER]: PROVIDER }) }),
    );
    expect(outcome.evidence).toEqual([{ source: '/root/.ssh/authorized_keys:1', detail: `provider key ${PROVIDER} grants access as root` }]);
  });
});
