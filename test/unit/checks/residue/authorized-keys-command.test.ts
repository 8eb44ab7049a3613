import { describe, expect, it } from 'vitest';
import { authorizedKeysCommand } from '../../../../src/checks/residue/authorized-keys-command.js';
import type { SshdAuthOption } from '../../../../src/facts/authorized-keys.js';
import { testContext, testProvider } from '../../support/hosts.js';
import { keysFact } from './fact-builders.js';

const option = (keyword: string, value: string, conditional = false): SshdAuthOption => ({ file: '/etc/ssh/sshd_config', line: 9, keyword, value, conditional });
const provider = { ...testProvider(), accounts: ['provops'], backup: { hosts: [], cidrs: [], domains: ['keys.provider.example'], agents: [] } };
const judge = (options: SshdAuthOption[]) =>
  authorizedKeysCommand.evaluate({ 'ssh.authorized-keys': keysFact({ options }) }, testContext({ provider }));

describe('residue.authorized-keys-command', () => {
  it('passes when no helper is configured, or it is none', () => {
    expect(judge([]).status).toBe('pass');
    expect(judge([option('authorizedkeyscommand', 'none')]).status).toBe('pass');
  });

  it('fails on a known provider helper from the catalogue', () => {
    const out = judge([option('authorizedkeyscommand', '/usr/share/ec2-instance-connect/eic_run_authorized_keys %u %f')]);
    expect(out.status).toBe('fail');
    expect(out.evidence[0]!.detail).toMatch(/eic_run_authorized_keys, the AWS EC2 Instance Connect helper/);
  });

  it('fails on a helper run as a provider account or fetching from a provider domain', () => {
    expect(judge([option('authorizedkeyscommand', '/usr/local/bin/keys %u'), option('authorizedkeyscommanduser', 'provops')]).status).toBe('fail');
    expect(judge([option('authorizedprincipalscommand', '/usr/bin/curl -sf https://keys.provider.example/%u', true)]).evidence[0]!.detail).toMatch(/inside a Match block/);
  });

  it('warns about any other helper: its keys cannot be checked', () => {
    expect(judge([option('authorizedkeyscommand', '/usr/bin/sss_ssh_authorizedkeys')]).status).toBe('warn');
  });
});

describe('residue.authorized-keys-command: what ties a helper to the provider', () => {
  // A provider whose account is a common word part and whose domain is the parent of the helper's host.
  const wide = { ...testProvider(), accounts: ['ops'], backup: { hosts: [], cidrs: [], domains: ['provider.example'], agents: [] } };
  const judgeFor = (options: SshdAuthOption[]) => authorizedKeysCommand.evaluate({ 'ssh.authorized-keys': keysFact({ options }) }, testContext({ provider: wide }));

  it('fails on a helper that names a provider account as a whole word in its arguments, naming the account', () => {
    expect(judge([option('authorizedkeyscommand', '/usr/local/bin/fetch-keys --owner provops %u')])).toEqual({
      status: 'fail',
      message: '1 provider key helper(s) configured in sshd',
      evidence: [{ source: '/etc/ssh/sshd_config:9', detail: 'AuthorizedKeysCommand runs fetch-keys, a helper tied to provider name provops' }],
    });
  });

  it('does not take an account name inside a longer word for the account', () => {
    expect(judgeFor([option('authorizedkeyscommand', '/usr/local/bin/devops-keys %u')]).status).toBe('warn');
  });

  it('fails on a helper fetching from a host under a provider domain, names the principals command as such', () => {
    expect(judgeFor([option('authorizedprincipalscommand', '/usr/bin/curl -sf https://vault.Provider.example/ssh/%u')])).toEqual({
      status: 'fail',
      message: '1 provider key helper(s) configured in sshd',
      evidence: [{ source: '/etc/ssh/sshd_config:9', detail: 'AuthorizedPrincipalsCommand runs curl, a helper tied to provider name provider.example' }],
    });
  });

  it('names a catalogue helper and where it sits', () => {
    expect(judge([option('authorizedkeyscommand', '/usr/bin/google_authorized_keys', true)]).evidence).toEqual([
      { source: '/etc/ssh/sshd_config:9', detail: 'AuthorizedKeysCommand runs google_authorized_keys, the Google Compute Engine guest agent helper (inside a Match block)' },
    ]);
  });

  it('warns with the number of helpers it cannot see into, naming each', () => {
    expect(judge([option('authorizedkeyscommand', '/usr/bin/sss_ssh_authorizedkeys %u'), option('authorizedkeyscommanduser', 'nobody')])).toEqual({
      status: 'warn',
      message: '1 key helper(s) configured in sshd that fleetcheck cannot see into',
      evidence: [{ source: '/etc/ssh/sshd_config:9', detail: 'AuthorizedKeysCommand runs sss_ssh_authorizedkeys: the keys it returns cannot be checked' }],
    });
  });
});
