import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../../../src/checks/backup/mask-secrets.js';

describe('maskSecrets', () => {
  it.each([
    ['restic -r x --password=abc backup', 'restic -r x --password=*** backup'],
    ['duplicity --passphrase abc /srv sftp://h/x', 'duplicity --passphrase *** /srv sftp://h/x'],
    ['mysqldump -uroot -pabc db', 'mysqldump -uroot -p*** db'],
    ['rsync /srv rsync://user:abc@host/m', 'rsync /srv rsync://user:***@host/m'],
    ['RESTIC_PASSWORD=abc restic backup', 'RESTIC_PASSWORD=*** restic backup'],
    ["BORG_PASSPHRASE='a b' borg create", 'BORG_PASSPHRASE=*** borg create'],
    ['Environment=AWS_SECRET_ACCESS_KEY=abc', 'Environment=AWS_SECRET_ACCESS_KEY=***'],
    ['  Password = "abc"', '  Password = ***'],
    ['username=c,password=abc,_netdev', 'username=c,password=***,_netdev'],
    ['sshpass -p abc ssh h', 'sshpass -p *** ssh h'],
  ])('%s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });

  it('keeps paths of password files and ordinary options', () => {
    expect(maskSecrets('restic --password-file /etc/restic/pw -r x backup')).toBe('restic --password-file /etc/restic/pw -r x backup');
    expect(maskSecrets('RESTIC_PASSWORD_FILE=/etc/restic/pw')).toBe('RESTIC_PASSWORD_FILE=/etc/restic/pw');
    expect(maskSecrets('rsync -a -p /srv/ h:/b/')).toBe('rsync -a -p /srv/ h:/b/');
  });
});
