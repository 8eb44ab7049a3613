// "Could not look, so error, never pass": an sshd config fleetcheck could not read may name any
// AuthorizedKeysFile or key helper, so neither residue check may pass (or merely warn) over it.
import { describe, expect, it } from 'vitest';
import { authorizedKeysCommand } from '../../../../src/checks/residue/authorized-keys-command.js';
import { providerSshCa } from '../../../../src/checks/residue/provider-ssh-ca.js';
import { providerSshKey } from '../../../../src/checks/residue/provider-ssh-key.js';
import type { AuthorizedKeysFact, AuthorizedKeysFile, SshdAuthOption } from '../../../../src/facts/authorized-keys.js';
import { testProvider } from '../../support/hosts.js';
import { checkContext } from '../check-context.js';
import { keysFact, key, OTHER_FP, PROVIDER_FP } from './fact-builders.js';

const UNREADABLE_INCLUDE = { path: '/etc/ssh/sshd_config.d/50-provider.conf', state: 'unreadable' as const };
const MAIN_CONFIG = { path: '/etc/ssh/sshd_config', state: 'read' as const };
const context = checkContext({ provider: { ...testProvider({ 'ops@provider': PROVIDER_FP }), accounts: ['provops'] } });

const rootKeys = (fingerprints: string[]): AuthorizedKeysFile => ({
  path: '/root/.ssh/authorized_keys',
  user: 'root',
  state: 'read',
  truncated: false,
  unparsedLines: [],
  unparsedCount: 0,
  keys: fingerprints.map((fp, i) => ({ line: i + 1, key: key(fp) })),
});
const option = (keyword: string, value: string): SshdAuthOption => ({ file: '/etc/ssh/sshd_config', line: 12, keyword, value, conditional: false });

const sshKey = (fact: AuthorizedKeysFact) => providerSshKey.evaluate({ 'ssh.authorized-keys': fact }, context);
const helper = (fact: AuthorizedKeysFact) => authorizedKeysCommand.evaluate({ 'ssh.authorized-keys': fact }, context);

describe('residue.provider-ssh-key with an sshd config it could not read', () => {
  it('is an error naming the config, not a pass over the keys it did see', () => {
    const outcome = sshKey(keysFact({ config: [MAIN_CONFIG, UNREADABLE_INCLUDE], files: [rootKeys([OTHER_FP])] }));
    expect(outcome).toEqual({
      status: 'error',
      message: '1 file(s) sshd reads keys from could not be read in full',
      evidence: [{ source: '/etc/ssh/sshd_config.d/50-provider.conf', detail: 'sshd config file cannot be read: AuthorizedKeysFile unknown' }],
    });
  });

  it('is an error, not a warning, when some lines are also unreadable as keys', () => {
    const file = { ...rootKeys([OTHER_FP]), unparsedLines: [3], unparsedCount: 1 };
    const outcome = sshKey(keysFact({ config: [UNREADABLE_INCLUDE], files: [file] }));
    expect(outcome.status).toBe('error');
    expect(outcome.evidence).toEqual([
      { source: '/etc/ssh/sshd_config.d/50-provider.conf', detail: 'sshd config file cannot be read: AuthorizedKeysFile unknown' },
      { source: '/root/.ssh/authorized_keys:3', detail: 'not a key fleetcheck can read; check what sshd makes of it' },
    ]);
  });

  it('still fails on a provider key it found, and lists the unread config beside it', () => {
    const outcome = sshKey(keysFact({ config: [UNREADABLE_INCLUDE], files: [rootKeys([OTHER_FP, PROVIDER_FP])] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe('1 provider key(s) left in 1 authorized keys file(s)');
    expect(outcome.evidence).toEqual([
      { source: '/root/.ssh/authorized_keys:2', detail: `provider key ops@provider (${PROVIDER_FP}) grants access as root` },
      { source: '/etc/ssh/sshd_config.d/50-provider.conf', detail: 'sshd config file cannot be read: AuthorizedKeysFile unknown' },
    ]);
  });

  it('passes once every config was read', () => {
    expect(sshKey(keysFact({ config: [MAIN_CONFIG], files: [rootKeys([OTHER_FP])] })).status).toBe('pass');
  });
});

describe('residue.authorized-keys-command with an sshd config it could not read', () => {
  it('is an error naming the config when the configs it read have no helper', () => {
    expect(helper(keysFact({ config: [MAIN_CONFIG, UNREADABLE_INCLUDE] }))).toEqual({
      status: 'error',
      message: '1 sshd config file(s) could not be read',
      evidence: [{ source: '/etc/ssh/sshd_config.d/50-provider.conf', detail: 'cannot read' }],
    });
  });

  it('is an error, not a warning, when the configs it read name only a helper it cannot see into', () => {
    const outcome = helper(keysFact({ config: [MAIN_CONFIG, UNREADABLE_INCLUDE], options: [option('authorizedkeyscommand', '/usr/bin/sss_ssh_authorizedkeys')] }));
    expect(outcome.status).toBe('error');
    expect(outcome.message).toBe('1 sshd config file(s) could not be read');
    expect(outcome.evidence).toEqual([
      { source: '/etc/ssh/sshd_config.d/50-provider.conf', detail: 'cannot read' },
      { source: '/etc/ssh/sshd_config:12', detail: 'AuthorizedKeysCommand runs sss_ssh_authorizedkeys: the keys it returns cannot be checked' },
    ]);
  });

  it('still fails on a provider helper it found in a config it read, and lists the unread config beside it', () => {
    const outcome = helper(keysFact({ config: [MAIN_CONFIG, UNREADABLE_INCLUDE], options: [option('authorizedkeyscommand', '/usr/local/bin/keys %u'), option('authorizedkeyscommanduser', 'provops')] }));
    expect(outcome).toEqual({
      status: 'fail',
      message: '1 provider key helper(s) configured in sshd',
      evidence: [
        { source: '/etc/ssh/sshd_config:12', detail: 'AuthorizedKeysCommand runs keys, a helper tied to provider name provops' },
        { source: '/etc/ssh/sshd_config.d/50-provider.conf', detail: 'cannot read' },
      ],
    });
  });

  it('passes once every config was read and none names a helper', () => {
    expect(helper(keysFact({ config: [MAIN_CONFIG] }))).toEqual({ status: 'pass', message: 'no key or principals helper in 1 sshd config file(s)', evidence: [] });
  });
});

describe('residue.provider-ssh-ca with an sshd config it could not read', () => {
  const ca = (fact: AuthorizedKeysFact) => providerSshCa.evaluate({ 'ssh.authorized-keys': fact }, context);

  it('is an error naming the config: it may name a TrustedUserCAKeys file', () => {
    expect(ca(keysFact({ config: [MAIN_CONFIG, UNREADABLE_INCLUDE] }))).toEqual({
      status: 'error',
      message: '1 CA or key file(s) could not be read in full',
      evidence: [{ source: '/etc/ssh/sshd_config.d/50-provider.conf', detail: 'sshd config file cannot be read: TrustedUserCAKeys unknown' }],
    });
  });

  it('still fails on a provider CA it found, and lists the unread config beside it', () => {
    const trusted = { path: '/etc/ssh/ca.pub', state: 'read' as const, truncated: false, unparsedLines: [], unparsedCount: 0, keys: [{ line: 1, key: key(PROVIDER_FP) }] };
    const outcome = ca(keysFact({ config: [UNREADABLE_INCLUDE], trustedCaFiles: [trusted] }));
    expect(outcome).toEqual({
      status: 'fail',
      message: '1 provider CA trust(s) left',
      evidence: [
        { source: '/etc/ssh/ca.pub:1', detail: `TrustedUserCAKeys trusts provider CA ops@provider (${PROVIDER_FP}) for every account` },
        { source: '/etc/ssh/sshd_config.d/50-provider.conf', detail: 'sshd config file cannot be read: TrustedUserCAKeys unknown' },
      ],
    });
  });
});
