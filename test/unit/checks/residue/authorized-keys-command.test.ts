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
