import { describe, expect, it } from 'vitest';
import type { BackupSchedulesFact } from '../../../../src/facts/backup-schedules.js';
import type { BackupTargetsFact } from '../../../../src/facts/backup-targets.js';
import type { NameResolutionFact } from '../../../../src/facts/name-resolution.js';
import { backupRemoteTargets } from '../../../../src/checks/backup/remote-targets.js';
import type { CheckContext } from '../../../../src/checks/check.js';
import { testContext, testProvider } from '../../support/hosts.js';

function context(): CheckContext {
  const provider = testProvider();
  provider.backup = { hosts: ['backup01.provider.example'], cidrs: ['10.250.0.0/16', 'fd00:250::/32'], domains: ['backup.provider.example'], agents: [] };
  return testContext({ provider });
}

const noSchedules: BackupSchedulesFact = { commands: [], timers: [], unreadable: [], truncated: [], programs: [], notFollowed: [] };
/** Targets and what the host's resolver answered, exactly as given (no name asked unless listed). */
const targets = (f: Partial<BackupTargetsFact>, resolution: Partial<NameResolutionFact> = {}) => ({
  'ssh.backup-targets': { mounts: [], repositories: [], unreadable: [], truncated: [], ...f },
  'ssh.backup-schedules': noSchedules,
  'ssh.name-resolution': { names: [], notAsked: [], ...resolution },
});

const vaultMount = { origin: '/etc/fstab:4', source: 'vault.example.net:/export/backup', target: '/mnt/vault', type: 'nfs', options: 'rw,hard' };
const vaultDetail = 'nfs vault.example.net:/export/backup on /mnt/vault (in fstab, options rw,hard)';

describe('backup.remote-targets', () => {
  it('passes when only local rclone remotes are configured, counting the settings it read', () => {
    const out = backupRemoteTargets.evaluate(
      targets({ repositories: [{ origin: '/root/.config/rclone/rclone.conf:1', kind: 'rclone remote l', value: 'type=local' }] }),
      context(),
    );
    expect(out).toEqual({ status: 'pass', message: 'no remote backup target found (0 network mount(s), 1 repository setting(s))', evidence: [] });
  });

  // rclone writes `type` first, but a remote written by hand can list it anywhere.
  it.each([
    ['type=alias remote=/mnt/backup'],
    ['remote=/mnt/backup type=alias'],
    ['upstreams=/srv/a /srv/b type=union'],
  ])('skips an rclone remote that stays on the host: %s', (value) => {
    const out = backupRemoteTargets.evaluate(targets({ repositories: [{ origin: '/root/.config/rclone/rclone.conf:4', kind: 'rclone remote x', value }] }), context());
    expect(out.status).toBe('pass');
  });

  it('names the lookup that failed even when other names were asked before it, and says "failed" when the resolver gave no reason', () => {
    const out = backupRemoteTargets.evaluate(
      targets(
        { mounts: [{ ...vaultMount, source: 'nas.customer.example:/b' }, vaultMount] },
        { names: [{ name: 'nas.customer.example', outcome: 'resolved', addresses: ['192.0.2.5'] }, { name: 'vault.example.net', outcome: 'failed', addresses: [] }] },
      ),
      context(),
    );
    expect(out).toEqual({
      status: 'error',
      message: 'could not examine 1 part(s) of the host for remote backup target',
      evidence: [
        { source: '/etc/fstab:4', detail: 'could not resolve vault.example.net on the host (failed)' },
        { source: '/etc/fstab:4', detail: 'nfs nas.customer.example:/b on /mnt/vault (in fstab, options rw,hard)' },
        { source: '/etc/fstab:4', detail: vaultDetail },
      ],
    });
  });

  it('does not hold a name left unasked against a target that names another, answered one', () => {
    const out = backupRemoteTargets.evaluate(
      targets({ mounts: [vaultMount] }, { names: [{ name: 'vault.example.net', outcome: 'unknown', addresses: [] }], notAsked: [{ name: 'nas.customer.example', why: 'more than 32 names to resolve' }] }),
      context(),
    );
    expect(out).toEqual({
      status: 'warn',
      message: '1 remote backup target trace(s) not attributable to the provider; review',
      evidence: [{ source: '/etc/fstab:4', detail: vaultDetail }],
    });
  });

  // /proc/mounts of an NFS client: the server's address is in the options.
  it('fails a mounted share on the provider by every reference, without asking whether its name resolved', () => {
    const out = backupRemoteTargets.evaluate(
      targets({ mounts: [{ origin: '/proc/mounts:31', source: 'files.backup.provider.example:/export/s13', target: '/mnt/backup', type: 'nfs4', options: 'rw,relatime,vers=4.2,addr=10.250.4.20' }] }),
      context(),
    );
    expect(out).toEqual({
      status: 'fail',
      message: '1 remote backup target trace(s) point at the provider',
      evidence: [{
        source: '/proc/mounts:31',
        detail: 'nfs4 files.backup.provider.example:/export/s13 on /mnt/backup (mounted, options rw,relatime,vers=4.2,addr=10.250.4.20) → files.backup.provider.example in provider backup domain backup.provider.example, 10.250.4.20 in a provider backup network',
      }],
    });
  });

  it('shows an fstab line without options as "-"', () => {
    const out = backupRemoteTargets.evaluate(
      targets({ mounts: [{ origin: '/etc/fstab:7', source: '//nas.customer.example/backup', target: '/mnt/smb', type: 'cifs', options: '' }] }, { names: [{ name: 'nas.customer.example', outcome: 'unknown', addresses: [] }] }),
      context(),
    );
    expect(out.evidence).toEqual([{ source: '/etc/fstab:7', detail: 'cifs //nas.customer.example/backup on /mnt/smb (in fstab, options -)' }]);
  });

  it('fails a repository on the provider by every reference, without asking whether its name resolved', () => {
    const out = backupRemoteTargets.evaluate(
      targets({ repositories: [{ origin: '/etc/restic/env:2', kind: 'RESTIC_REPOSITORY', value: 'rest:https://s13:pw@files.backup.provider.example:8000/s13' }] }),
      context(),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([{
      source: '/etc/restic/env:2',
      detail: 'RESTIC_REPOSITORY: rest:https://s13:***@files.backup.provider.example:8000/s13 → files.backup.provider.example in provider backup domain backup.provider.example',
    }]);
  });

  it('names every reference of a repository', () => {
    const out = backupRemoteTargets.evaluate(
      targets(
        { repositories: [{ origin: '/etc/restic/env:2', kind: 'RESTIC_REPOSITORY', value: 'sftp:s13@vault.backup.provider.example:/srv/restic/s13' }] },
        { names: [{ name: 'vault.backup.provider.example', outcome: 'resolved', addresses: ['10.250.7.7'] }] },
      ),
      context(),
    );
    expect(out.evidence).toEqual([{
      source: '/etc/restic/env:2',
      detail: 'RESTIC_REPOSITORY: sftp:s13@vault.backup.provider.example:/srv/restic/s13 → vault.backup.provider.example in provider backup domain backup.provider.example, vault.backup.provider.example resolved on the host to 10.250.7.7, in a provider backup network',
    }]);
  });
});
