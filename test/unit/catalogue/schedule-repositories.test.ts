import { describe, expect, it } from 'vitest';
import { repositoryAssignments, scheduleRepositories } from '../../../src/catalogue/schedule-repositories.js';
import type { BackupSchedulesFact, EnvironmentAssignment, ScheduledCommand } from '../../../src/facts/backup-schedules.js';

describe('repositoryAssignments', () => {
  it.each([
    ['BORG_REPO=ssh://borg@10.250.7.7/./s13-03', [{ name: 'BORG_REPO', value: 'ssh://borg@10.250.7.7/./s13-03' }]],
    ['export RESTIC_REPOSITORY="sftp:r@h:/srv/x"', [{ name: 'RESTIC_REPOSITORY', value: 'sftp:r@h:/srv/x' }]],
    [
      'Environment="RESTIC_REPOSITORY=sftp:a@nas:/b" PBS_REPOSITORY=root@pam@pbs:store RESTIC_PASSWORD_FILE=/p',
      [{ name: 'RESTIC_REPOSITORY', value: 'sftp:a@nas:/b' }, { name: 'PBS_REPOSITORY', value: 'root@pam@pbs:store' }],
    ],
    ["RESTIC_REPOSITORY='' restic init", []],
    ['BORG_PASSPHRASE=x borg create ::a /srv', []],
    ['EnvironmentFile=/etc/borg/daily.env', []],
  ])('%s', (text, expected) => {
    expect(repositoryAssignments(text)).toEqual(expected);
  });
});

describe('repositoryAssignments, quoting', () => {
  it.each([
    // A blank value names no repository, whether the blank is quoted or not.
    ['BORG_REPO=" "', []],
    ["export RESTIC_REPOSITORY=' '", []],
    // Spaces kept inside quotes around the value are not part of it.
    ['RESTIC_REPOSITORY="sftp:bk@nas.customer.example:/srv/restic "', [{ name: 'RESTIC_REPOSITORY', value: 'sftp:bk@nas.customer.example:/srv/restic' }]],
    ['Environment="KOPIA_REPOSITORY= s3:kopia-backups "', [{ name: 'KOPIA_REPOSITORY', value: 's3:kopia-backups' }]],
  ])('%s', (text, expected) => {
    expect(repositoryAssignments(text)).toEqual(expected);
  });
});

const noSchedules: BackupSchedulesFact = { commands: [], timers: [], unreadable: [], truncated: [], programs: [], notFollowed: [] };
const job = (timer: string, environment: EnvironmentAssignment[], command = 'restic backup /srv'): ScheduledCommand => ({
  source: `${timer} → /etc/systemd/system/${timer.replace('.timer', '.service')}:8`, when: 'OnCalendar=daily', user: 'root', command, environment, timer,
});

describe('scheduleRepositories', () => {
  it('names an EnvironmentFile= that could not be read or was cut, with or without its "-", once however many jobs use it', () => {
    const shared: EnvironmentAssignment = { origin: '/etc/systemd/system/restic.service:6', text: 'EnvironmentFile=/etc/restic/env' };
    const other: EnvironmentAssignment = { origin: '/etc/systemd/system/restic-check.service:6', text: 'EnvironmentFile=/etc/restic/env' };
    const borg: EnvironmentAssignment = { origin: '/etc/systemd/system/borg.service:5', text: 'EnvironmentFile=-/etc/borg/env' };
    const out = scheduleRepositories({
      ...noSchedules,
      commands: [job('restic.timer', [shared]), job('restic.timer', [shared], 'restic forget --prune'), job('restic-check.timer', [other], 'restic check'), job('borg.timer', [borg], 'borg create ::x /srv')],
      unreadable: ['/etc/restic/env'],
      truncated: ['/etc/borg/env', '/etc/restic/env'],
    });
    expect(out).toEqual({ repositories: [], unreadable: ['/etc/restic/env'], truncated: ['/etc/restic/env', '/etc/borg/env'] });
  });

  it('leaves an environment file that was read whole out of both lists', () => {
    const out = scheduleRepositories({
      ...noSchedules,
      commands: [job('restic.timer', [
        { origin: '/etc/systemd/system/restic.service:6', text: 'EnvironmentFile=/etc/restic/env' },
        { origin: '/etc/restic/env:1', text: 'RESTIC_REPOSITORY=sftp:bk@nas.customer.example:/srv/restic' },
      ])],
      unreadable: ['/etc/cron.d/other'],
      truncated: ['/etc/cron.d/big'],
    });
    expect(out).toEqual({
      repositories: [{ origin: '/etc/restic/env:1', kind: 'RESTIC_REPOSITORY', value: 'sftp:bk@nas.customer.example:/srv/restic' }],
      unreadable: [],
      truncated: [],
    });
  });
});
