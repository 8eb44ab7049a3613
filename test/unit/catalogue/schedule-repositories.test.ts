import { describe, expect, it } from 'vitest';
import { repositoryAssignments } from '../../../src/catalogue/schedule-repositories.js';

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
