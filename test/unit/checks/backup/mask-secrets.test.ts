import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskRcloneSettings, maskSecrets, namesASecret } from '../../../../src/checks/backup/mask-secrets.js';

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


// Command lines of every catalogued backup program and copy tool, as their manuals and documentation
// write them. Each pair is the line and the evidence text it must become: values masked, every
// program, subcommand, option name, path and host kept.
describe('maskSecrets on documented command lines: values only, never structure', () => {
  it.each([
    // restic (restic.readthedocs.io: "Preparing a new repository", "Backing up", "Environment Variables")
    ['restic -r sftp:user@host:/srv/restic-repo --password-file /root/.restic-password backup /srv /etc', 'restic -r sftp:user@host:/srv/restic-repo --password-file /root/.restic-password backup /srv /etc'],
    ['restic -r /srv/restic-repo --password-file=/root/.restic-password backup --exclude-file=/etc/restic/excludes /home', 'restic -r /srv/restic-repo --password-file=/root/.restic-password backup --exclude-file=/etc/restic/excludes /home'],
    ['restic -r s3:s3.amazonaws.com/bucket_name --password-command "pass show restic" backup ~/work', 'restic -r s3:s3.amazonaws.com/bucket_name --password-command "pass show restic" backup ~/work'],
    ['restic -r rest:https://user:pass@host:8000/my_backup_repo/ snapshots', 'restic -r rest:https://user:***@host:8000/my_backup_repo/ snapshots'],
    ['RESTIC_PASSWORD=S3cr3t AWS_ACCESS_KEY_ID=AKIAEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI restic -r s3:s3.amazonaws.com/b backup /srv', 'RESTIC_PASSWORD=*** AWS_ACCESS_KEY_ID=AKIAEXAMPLE AWS_SECRET_ACCESS_KEY=*** restic -r s3:s3.amazonaws.com/b backup /srv'],
    ['B2_ACCOUNT_ID=0012ab B2_ACCOUNT_KEY=K001xyz restic -r b2:bucketname:path/to/repo backup /srv', 'B2_ACCOUNT_ID=0012ab B2_ACCOUNT_KEY=*** restic -r b2:bucketname:path/to/repo backup /srv'],
    ['restic -r /srv/restic-repo --insecure-no-password init', 'restic -r /srv/restic-repo --insecure-no-password init'],
    ['restic forget --keep-daily 7 --keep-weekly 5 --prune', 'restic forget --keep-daily 7 --keep-weekly 5 --prune'],
    // BorgBackup (borgbackup.readthedocs.io: borg create, "Environment Variables")
    ["borg create --stats --progress ssh://user@backup.example.org:22/./repo::'{hostname}-{now}' /home /etc", "borg create --stats --progress ssh://user@backup.example.org:22/./repo::'{hostname}-{now}' /home /etc"],
    ["BORG_PASSPHRASE='my secret' borg create /path/to/repo::Monday ~/src", 'BORG_PASSPHRASE=*** borg create /path/to/repo::Monday ~/src'],
    ['BORG_PASSCOMMAND="cat $HOME/.borg-passphrase" borg list user@host:repo', 'BORG_PASSCOMMAND="cat $HOME/.borg-passphrase" borg list user@host:repo'],
    ['BORG_PASSPHRASE_FD=3 borg create --remote-path borg1 user@host:repo::arch /srv', 'BORG_PASSPHRASE_FD=3 borg create --remote-path borg1 user@host:repo::arch /srv'],
    ['borg init --encryption=repokey-blake2 user@hostname:backup', 'borg init --encryption=repokey-blake2 user@hostname:backup'],
    ['borgmatic --verbosity 1 --list --stats', 'borgmatic --verbosity 1 --list --stats'],
    // Duplicity and duply (duplicity(1): EXAMPLES, ENVIRONMENT VARIABLES)
    ['PASSPHRASE=secret duplicity /home/me sftp://uid@other.host/some_dir', 'PASSPHRASE=*** duplicity /home/me sftp://uid@other.host/some_dir'],
    ['duplicity --encrypt-key 0x1234ABCD --sign-key 0x1234ABCD --ssh-askpass /srv scp://uid@other.host//usr/backup', 'duplicity --encrypt-key 0x1234ABCD --sign-key 0x1234ABCD --ssh-askpass /srv scp://uid@other.host//usr/backup'],
    ['FTP_PASSWORD=ftpsecret duplicity full /etc ftp://user@other.host/backup', 'FTP_PASSWORD=*** duplicity full /etc ftp://user@other.host/backup'],
    ['duply humbug backup', 'duply humbug backup'],
    // Duplicati (duplicati.readthedocs.io: Duplicati.CommandLine, backend options)
    ['duplicati-cli backup "ssh://host/backups?auth-username=bk&auth-password=Sup3r" /srv --passphrase=Enc123 --dbpath=/var/lib/duplicati/x.sqlite', 'duplicati-cli backup "ssh://host/backups?auth-username=bk&auth-password=***" /srv --passphrase=*** --dbpath=/var/lib/duplicati/x.sqlite'],
    // rsync (rsync(1): --password-file, RSYNC_PASSWORD, -e)
    ['rsync -avz --password-file=/etc/rsyncd.secret /srv/ rsync://backup@host/module/', 'rsync -avz --password-file=/etc/rsyncd.secret /srv/ rsync://backup@host/module/'],
    ['RSYNC_PASSWORD=pw rsync -a /srv/ backup@host::module/', 'RSYNC_PASSWORD=*** rsync -a /srv/ backup@host::module/'],
    ['rsync -a -e "ssh -p 2222 -i /root/.ssh/backup_key" /srv/ user@host:/backup/', 'rsync -a -e "ssh -p 2222 -i /root/.ssh/backup_key" /srv/ user@host:/backup/'],
    // rclone (rclone.org: flags, rclone config create, remote setup)
    ['rclone sync /srv s3remote:bucket/srv --s3-access-key-id AKIAEXAMPLE --s3-secret-access-key wJalrXUtnFEMI --transfers 8', 'rclone sync /srv s3remote:bucket/srv --s3-access-key-id AKIAEXAMPLE --s3-secret-access-key *** --transfers 8'],
    ['rclone copy /srv :sftp:backup --sftp-host host.example --sftp-user bk --sftp-pass ObscuredPw --sftp-key-file /root/.ssh/id_ed25519', 'rclone copy /srv :sftp:backup --sftp-host host.example --sftp-user bk --sftp-pass *** --sftp-key-file /root/.ssh/id_ed25519'],
    ['rclone config create mysftp sftp host example.com user me pass ObscuredPw', 'rclone config create mysftp sftp host example.com user me pass ***'],
    ['rclone --config /root/.config/rclone/rclone.conf copy /srv remote:backup', 'rclone --config /root/.config/rclone/rclone.conf copy /srv remote:backup'],
    // rsnapshot and rdiff-backup (rsnapshot(1), rdiff-backup(1))
    ['rsnapshot -c /etc/rsnapshot.conf daily', 'rsnapshot -c /etc/rsnapshot.conf daily'],
    ['backup\troot@example.com:/home/\texample.com/', 'backup\troot@example.com:/home/\texample.com/'],
    ["rdiff-backup --remote-schema 'ssh -C %s rdiff-backup --server' /some/local-dir hostname.net::/whatever/remote-dir", "rdiff-backup --remote-schema 'ssh -C %s rdiff-backup --server' /some/local-dir hostname.net::/whatever/remote-dir"],
    // Bacula and Bareos (their manuals: bacula-fd.conf Director resource, bconsole)
    ['  Password = "Bq2Xo9mZ"', '  Password = ***'],
    ['  Address = backup01.provider.example', '  Address = backup01.provider.example'],
    ['echo "run job=BackupClient1 level=Full yes" | bconsole -c /etc/bacula/bconsole.conf', 'echo "run job=BackupClient1 level=Full yes" | bconsole -c /etc/bacula/bconsole.conf'],
    ['  Password = "[md5]c9fe3a4c86e9c4a1b6e5b3ed2f3e5d1a"', '  Password = ***'],
    // Amanda and Burp (amdump(8), burp(8))
    ['su backup -c "/usr/sbin/amdump DailySet1"', 'su backup -c "/usr/sbin/amdump DailySet1"'],
    ['burp -a b -c /etc/burp/burp.conf', 'burp -a b -c /etc/burp/burp.conf'],
    ['password = abcdefgh', 'password = ***'],
    // UrBackup (urbackupclientctl --help)
    ['urbackupclientctl start -f', 'urbackupclientctl start -f'],
    // Proxmox Backup client (pbs.proxmox.com: backup client usage, environment)
    ['PBS_PASSWORD=Secr3t PBS_FINGERPRINT=64:d3:ff:3a proxmox-backup-client backup root.pxar:/ --repository backup@pbs@10.250.3.4:store1', 'PBS_PASSWORD=*** PBS_FINGERPRINT=64:d3:ff:3a proxmox-backup-client backup root.pxar:/ --repository backup@pbs@10.250.3.4:store1'],
    // Veeam Agent for Linux (veeamconfig(8))
    ['veeamconfig vbrserver add --name VBR --address 10.0.0.1 --login bkadmin --domain corp --password Vee4m', 'veeamconfig vbrserver add --name VBR --address 10.0.0.1 --login bkadmin --domain corp --password ***'],
    ['veeamconfig job create volumelevel --name SysJob --reponame Repo1 --compressionLevel 2', 'veeamconfig job create volumelevel --name SysJob --reponame Repo1 --compressionLevel 2'],
    // Acronis (acrocmd reference: backup disk, --credentials)
    ['acrocmd backup disk --volume=1-1 --loc=smb://nas/share --credentials=bkuser,Acr0nis --arc=weekly', 'acrocmd backup disk --volume=1-1 --loc=smb://nas/share --credentials=bkuser,*** --arc=weekly'],
    // R1Soft / Idera (serverbackup-setup --help)
    ['serverbackup-setup --get-key http://10.250.0.5:8080', 'serverbackup-setup --get-key http://10.250.0.5:8080'],
    // Commvault (qlogin documentation)
    ['qlogin -cs cs.example.com -u admin -clp Cv4ult', 'qlogin -cs cs.example.com -u admin -clp ***'],
    // IBM Spectrum Protect (dsmc reference: incremental, set password)
    ['dsmc incremental /home -subdir=yes -password=Tsm0ld', 'dsmc incremental /home -subdir=yes -password=***'],
    ['dsmc set password Tsm0ld Tsm1new', 'dsmc set password *** ***'],
    // Veritas NetBackup (bpbackup(1M)): -p is a policy, not a password
    ['/usr/openv/netbackup/bin/bpbackup -p FilesPolicy -s UserSched -w /srv', '/usr/openv/netbackup/bin/bpbackup -p FilesPolicy -s UserSched -w /srv'],
    // Arcserve UDP agent (d2dbackup)
    ['/opt/Arcserve/d2dserver/bin/d2dbackup --jobname=Daily --backuptype=incremental', '/opt/Arcserve/d2dserver/bin/d2dbackup --jobname=Daily --backuptype=incremental'],
    // Kopia (kopia.io: repository connect)
    ['kopia repository connect s3 --bucket=b --access-key=AKIAEXAMPLE --secret-access-key=wJalrX --password=K0pia', 'kopia repository connect s3 --bucket=b --access-key=*** --secret-access-key=*** --password=***'],
    ['kopia repository connect sftp --path=/srv/kopia --host=host.example --username=bk --keyfile=/root/.ssh/id --known-hosts=/root/.ssh/known_hosts', 'kopia repository connect sftp --path=/srv/kopia --host=host.example --username=bk --keyfile=/root/.ssh/id --known-hosts=/root/.ssh/known_hosts'],
    // sanoid/syncoid and zrepl (their READMEs)
    ['syncoid --sshkey=/root/.ssh/id_ed25519 --no-privilege-elevation tank/data root@host:pool/backup', 'syncoid --sshkey=/root/.ssh/id_ed25519 --no-privilege-elevation tank/data root@host:pool/backup'],
    ['zrepl signal wakeup prod_to_backups', 'zrepl signal wakeup prod_to_backups'],
    // Copy tools and database dumps a job pipes data through
    ['mysqldump --user=root --password=Sql0 --all-databases | gzip | ssh host "cat > db.gz"', 'mysqldump --user=root --password=*** --all-databases | gzip | ssh host "cat > db.gz"'],
    ['mysqldump -u root -p db', 'mysqldump -u root -p db'],
    ['PGPASSWORD=pgs3cret pg_dump -h db.example -U postgres app | ssh host "cat > app.sql"', 'PGPASSWORD=*** pg_dump -h db.example -U postgres app | ssh host "cat > app.sql"'],
    ['scp -P 2222 -i /root/.ssh/key /srv/db.gz user@host:/b/', 'scp -P 2222 -i /root/.ssh/key /srv/db.gz user@host:/b/'],
    ['Environment="RESTIC_PASSWORD=two words" "RESTIC_REPOSITORY=sftp:bk@host:/r"', 'Environment="RESTIC_PASSWORD=***" "RESTIC_REPOSITORY=sftp:bk@host:/r"'],
    ['//nas/backup /mnt/nas cifs username=bk,password=Smb1,vers=3.0,credentials=/root/.smbcred 0 0', '//nas/backup /mnt/nas cifs username=bk,password=***,vers=3.0,credentials=/root/.smbcred 0 0'],
    ['encryption_passphrase: "borgm4tic"', 'encryption_passphrase: ***'],
    ['encryption_passcommand: secret-tool lookup borg-repository repo-name', 'encryption_passcommand: secret-tool lookup borg-repository repo-name'],
  ])('%s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });
});

describe('maskSecrets: where a value is no secret, and where it still is', () => {
  it.each([
    // A secret-named option followed by another option has no value of its own (mysqldump prompts).
    ['mysqldump --user=root --password --all-databases', 'mysqldump --user=root --password --all-databases'],
    // After `=` the value is the password, whatever it starts or ends with.
    ['kopia repository connect filesystem --path=/srv/kopia --password=-Xq9z', 'kopia repository connect filesystem --path=/srv/kopia --password=***'],
    ['duplicity --passphrase Zq8- /srv file:///mnt/usb', 'duplicity --passphrase *** /srv file:///mnt/usb'],
    // A `key` setting that says where the key is stays; a key that merely holds a `/` is masked.
    ['key = ~/.ssh/backup_ed25519', 'key = ~/.ssh/backup_ed25519'],
    ['key = /root/.ssh/backup_ed25519', 'key = /root/.ssh/backup_ed25519'],
    ['SSH_KEY="/root/.ssh/backup_ed25519"', 'SSH_KEY="/root/.ssh/backup_ed25519"'],
    // A name that says `secret` (or password, token…) besides `key` holds the key itself, and a base64 key may begin with `/`.
    ['AWS_SECRET_ACCESS_KEY=/Hq2rX9vLkT0bE7mWcY4nS8pJ6gF1dA3uZ5iO0eR aws s3 sync /srv s3://b', 'AWS_SECRET_ACCESS_KEY=*** aws s3 sync /srv s3://b'],
    ['rclone sync /srv s3:b --s3-secret-access-key /Hq2rX9vLkT0bE7mWcY4nS8pJ6gF1dA3uZ5iO0eR', 'rclone sync /srv s3:b --s3-secret-access-key ***'],
    // A key named only `key` that holds base64's `+` or `=` is a key, not a path, whatever it begins with.
    ['rclone sync /srv s3:b --s3-sse-customer-key /Hq2rX9vLkT0bE7mWcY+nS8pJ6gF1dA3uZ5iO0eRtY=', 'rclone sync /srv s3:b --s3-sse-customer-key ***'],
    ['AZURE_STORAGE_KEY=/by8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==', 'AZURE_STORAGE_KEY=***'],
    // A 24-byte key's base64 has no padding, and may hold neither `+` nor `=`: its mixed case over 20 characters says key.
    ['rclone sync /srv s3:b --s3-sse-customer-key /Hq2rX9vLkT0bE7mWcY4nS8pJ6gF1dA3', 'rclone sync /srv s3:b --s3-sse-customer-key ***'],
    ['SSE_KEY="/Hq2rX9vLkT0bE7m/WcY4nS8pJ6gF1dA3u" backup.sh', 'SSE_KEY=*** backup.sh'],
    // A path stays, however long, while it keeps to one case; a long mixed-case one is masked, the safe side.
    ['key = /var/lib/backup/keys/current/main', 'key = /var/lib/backup/keys/current/main'],
    ['key = /srv/Keys/ResticRepositoryMain', 'key = ***'],
    // Mixed case alone is not enough: it takes 20 letters and digits besides the slashes, both cases,
    // and nothing base64 lacks anywhere in the value.
    ['key = /Keys/AbcdefghijklmnO', 'key = /Keys/AbcdefghijklmnO'],
    ['key = /Keys/AbcdefghijklmnOp', 'key = ***'],
    ['key = /SRV/KEYS/BACKUP2024MAIN01', 'key = /SRV/KEYS/BACKUP2024MAIN01'],
    ['key = /Srv/BackupKeys/.ssh/MainEd25519Key', 'key = /Srv/BackupKeys/.ssh/MainEd25519Key'],
    // A name that says secret besides `key` holds the key itself, even one that reads as a path.
    ['rclone sync /srv s3:b --s3-secret-access-key /abcdefghijklmnopqrstuvwxyz0123', 'rclone sync /srv s3:b --s3-secret-access-key ***'],
    // A key with a `/` inside it, and no `+` or `=`, is no path.
    ['rclone sync /srv s3:b --s3-sse-customer-key Hq2rX9vLkT0b/E7mWcY4nS8pJ6gF1dA3', 'rclone sync /srv s3:b --s3-sse-customer-key ***'],
    // Only a name that ends in `key`, and has no other secret word, may hold a path.
    ['BACKUP_KEY_VALUE=/srv/app/current backup.sh', 'BACKUP_KEY_VALUE=*** backup.sh'],
    ['DB_PASS_KEY=/srv/app/current backup.sh', 'DB_PASS_KEY=*** backup.sh'],
    // A value with characters no path name here has is no path.
    ['key = /p@ss!w0rd', 'key = ***'],
    // The signatures of an Azure SAS and of presigned S3 and GCS URLs grant access by themselves.
    ['azcopy copy /srv "https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=rwdlac&se=2027-01-01&sig=AbC%2Bdef%3D"', 'azcopy copy /srv "https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=rwdlac&se=2027-01-01&sig=***"'],
    ['curl -T /var/backups/db.gz "https://b.s3.amazonaws.com/db.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=9f3c0a&X-Amz-Security-Token=IQoJb3"', 'curl -T /var/backups/db.gz "https://b.s3.amazonaws.com/db.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=***&X-Amz-Security-Token=***"'],
    ['curl -T /srv/x.tgz "https://storage.googleapis.com/b/x.tgz?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=0a1b2c"', 'curl -T /srv/x.tgz "https://storage.googleapis.com/b/x.tgz?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=***"'],
    // Azurite's published development account key.
    ['AZURE_STORAGE_KEY=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==', 'AZURE_STORAGE_KEY=***'],
    // A password that itself looks like a setting is masked once, as a whole.
    ['BORG_PASSPHRASE=key=Hunter2 borg create ::{now} /srv', 'BORG_PASSPHRASE=*** borg create ::{now} /srv'],
    // rclone config create: pairs apart by more than one blank, and quoted values with blanks.
    ['rclone config create mysftp sftp host  example.com pass  ObscuredPw', 'rclone config create mysftp sftp host  example.com pass  ***'],
    ['rclone config create mysftp sftp host example.com pass "two words" user me', 'rclone config create mysftp sftp host example.com pass *** user me'],
    ["rclone config create mysftp sftp host example.com pass 'two words' user me", 'rclone config create mysftp sftp host example.com pass *** user me'],
  ])('%s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });
});

describe('a key named only `key`: where it is, or the key itself', () => {
  it('masks any 24-byte key in base64 that begins with `/` and holds neither `+` nor `=`', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 24 }), (bytes) => {
        const key = `/${Buffer.from(bytes).toString('base64').slice(1).replaceAll('+', 'x')}`;
        expect(maskSecrets(`rclone sync /srv s3:b --s3-sse-customer-key ${key}`)).toBe('rclone sync /srv s3:b --s3-sse-customer-key ***');
      }),
    );
  });

  it('keeps a path of lower-case names, whatever joins them', () => {
    const name = fc.stringMatching(/^[a-z0-9]{1,12}$/);
    const path = fc.array(fc.tuple(name, fc.constantFrom('', '.key', '_ed25519', '-main')), { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.map(([n, tail]) => n + tail).join('/')}`);
    fc.assert(
      fc.property(path, (p) => {
        expect(maskSecrets(`key = ${p}`)).toBe(`key = ${p}`);
      }),
    );
  });
});

describe('namesASecret', () => {
  it.each([
    ['--password', true],
    ['RESTIC_PASSWORD', true],
    ['PGPASSWORD', true],
    ['--sftp-pass', true],
    ['--no-password', false],
    ['--insecure-no-password', false],
    ['--password-file', false],
    ['BORG_PASSCOMMAND', false],
    ['--passphrase-fd', false],
    ['AWS_ACCESS_KEY_ID', false],
  ])('%s: %s', (name, secret) => {
    expect(namesASecret(name)).toBe(secret);
  });
});

describe('maskSecrets: how a name is cut into words decides what is masked', () => {
  it.each([
    // ssh's own options name passwords without holding one: `NumberOfPasswordPrompts` only has a secret word inside it.
    ['rsync -a -e "ssh -o BatchMode=yes -o NumberOfPasswordPrompts=0" /srv/ bk@host:/b/', 'rsync -a -e "ssh -o BatchMode=yes -o NumberOfPasswordPrompts=0" /srv/ bk@host:/b/'],
    // A glued word that merely begins with `file` is no file: FILESERVER_PASSWORD holds the password.
    ['FILESERVER_PASSWORD=Smb1 smbclient //fileserver/backup -U bk -c "put db.gz"', 'FILESERVER_PASSWORD=*** smbclient //fileserver/backup -U bk -c "put db.gz"'],
    // A dash-named setting: each word counts on its own (secret, key), not the two glued together.
    ['secret-key: wJalrXUtnFEMI', 'secret-key: ***'],
    ['s3://bucket/srv?access-key=AKIAEXAMPLE&secret-key=wJalrXUtnFEMI', 's3://bucket/srv?access-key=***&secret-key=***'],
    // Where the key is, stays.
    ['syncoid --ssh-key=/root/.ssh/id tank/data root@host:pool/backup', 'syncoid --ssh-key=/root/.ssh/id tank/data root@host:pool/backup'],
    ['SECRETS_KEY=/etc/backup/secrets.key backup.sh', 'SECRETS_KEY=/etc/backup/secrets.key backup.sh'],
    // rclone's SSE-C key in base64 is the key itself, though a base64 value may begin with `/`.
    ['rclone copy /srv s3:b --s3-sse-customer-key-base64 /Hq2rX9vLkT0bE7mWcY4nS8pJ6gF1dA3uZ5iO0eR=', 'rclone copy /srv s3:b --s3-sse-customer-key-base64 ***'],
    // A key named after a glued password word holds the key itself.
    ['DBPASSWORD_KEY=/Hq2rX9vLkT0bE7mWcY4nS8pJ6gF1dA3uZ5iO0eR= backup.sh', 'DBPASSWORD_KEY=*** backup.sh'],
  ])('%s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });
});
