import { describe, expect, it } from 'vitest';
import { maskRcloneSettings, maskSecrets } from '../../../../src/checks/backup/mask-secrets.js';

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

describe('maskSecrets: JSON values and user:password options', () => {
  it.each([
    [
      'token={"access_token":"ya29.A0secret","token_type":"Bearer","refresh_token":"1//0refreshsecret","expiry":"2026-01-01T00:00:00Z"}',
      'token=***',
    ],
    ['token = {"access_token":"a","refresh_token":"r1"', 'token = ***'],
    ['"token": {"access_token": "a", "refresh_token": "r2"}, "type": "drive"', '"token": ***, "type": "drive"'],
    ['{"refresh_token":"r3","client_id":"x"}', '{"refresh_token":***,"client_id":"x"}'],
    ['curl -u backup:S3cretPw -T /srv/db.gz https://h/up', 'curl -u backup:*** -T /srv/db.gz https://h/up'],
    ['curl -ubackup:S3cretPw https://h/', 'curl -ubackup:*** https://h/'],
    ['curl --user backup:S3cretPw https://h/', 'curl --user backup:*** https://h/'],
    ['curl --user=backup:S3cretPw https://h/', 'curl --user=backup:*** https://h/'],
    ["curl -u 'backup:S3cret Pw' https://h/", "curl -u 'backup:***' https://h/"],
    ['smbclient //nas/b -U user%pw -c "put x"', 'smbclient //nas/b -U user%*** -c "put x"'],
    ['lftp -u user,pw -e "mirror -R /srv" ftp://h', 'lftp -u user,*** -e "mirror -R /srv" ftp://h'],
    ['smbclient --username=user%pw //nas/b', 'smbclient --username=user%*** //nas/b'],
  ])('%s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });

  it('keeps a user name alone and a host:/path after -u', () => {
    expect(maskSecrets('pg_dump -U postgres db')).toBe('pg_dump -U postgres db');
    expect(maskSecrets('rsync -u -a /srv h:/b/')).toBe('rsync -u -a /srv h:/b/');
    expect(maskSecrets('rsync -u h:/srv /b/')).toBe('rsync -u h:/srv /b/');
  });
});

describe('maskRcloneSettings', () => {
  it.each([
    ['type=b2 account=0012ab key=K001secretkey hard_delete=true', 'type=b2 account=*** key=*** hard_delete=***'],
    ['type=azureblob account=acct key=base64secret==', 'type=azureblob account=*** key=***'],
    ['type=sftp host=backup01.provider.example user=bk pass=obscured key_file=/root/k', 'type=sftp host=backup01.provider.example user=bk pass=*** key_file=***'],
    ['type=s3 provider=AWS region=eu-west-1 endpoint=s3.example access_key_id=AKIA secret_access_key=s bucket=b', 'type=s3 provider=AWS region=eu-west-1 endpoint=s3.example access_key_id=*** secret_access_key=*** bucket=b'],
    ['type=drive token={"access_token":"a b","refresh_token":"r"} root_folder_id=x', 'type=drive token=*** root_folder_id=x'],
    ['type=webdav url=https://user:pw@dav.example/x', 'type=webdav url=https://user:***@dav.example/x'],
  ])('%s', (input, expected) => {
    expect(maskRcloneSettings(input)).toBe(expected);
  });
});

