import { describe, expect, it } from 'vitest';
import { type BackupCatalogue, backupCatalogue } from '../../../src/catalogue/backup-catalogue.js';
import { classifyCommand, withVariables } from '../../../src/catalogue/backup-command.js';

// Command lines as crontabs, timers and backup scripts write them; judged by the shipped catalogue.
const classify = (command: string) => classifyCommand(command, backupCatalogue());
const toolId = (command: string) => {
  const kind = classify(command);
  return kind?.kind === 'tool' ? kind.product.id : kind;
};

describe('classifyCommand: catalogued tools', () => {
  it.each([
    ['borgmatic --verbosity -1 --syslog-verbosity 1', 'borgbackup'],
    ['borg2 create --stats ssh://borg@nas.example/./srv::{now} /srv', 'borgbackup'],
    ['/opt/tivoli/tsm/client/ba/bin/dsmc incremental -quiet', 'spectrum-protect'],
    ["BORG_REPO='ssh://borg@nas.example/./srv' borg create ::{hostname}-{now} /etc /srv", 'borgbackup'],
    // A quoted value with blanks before the program is one word, as the shell reads it.
    ['BORG_PASSCOMMAND="cat /root/.borg-pass" borg create ::{now} /srv', 'borgbackup'],
  ])('%s runs %s', (command, id) => {
    expect(toolId(command)).toBe(id);
  });

  // The program is found behind the wrappers cron lines put in front of it, and their options.
  it.each([
    ['sudo -u backup restic backup /srv', 'restic'],
    ['sudo -g backup restic backup /srv', 'restic'],
    ['doas -u backup restic backup /srv', 'restic'],
    ['sudo -E /usr/local/bin/borgmatic', 'borgbackup'],
    ['nice -n 19 borgmatic --verbosity -1', 'borgbackup'],
    ['ionice -c2 -n7 restic backup --one-file-system /', 'restic'],
    ['env -u HOME RESTIC_PASSWORD_FILE=/etc/restic/pw restic backup /srv', 'restic'],
    ['exec /usr/bin/kopia snapshot create /srv', 'kopia'],
    ['nohup duplicity /srv sftp://backup@nas.example//srv', 'duplicity'],
    ['timeout 12h borgmatic', 'borgbackup'],
    ['timeout -s INT -k 5m 6h borg create ::{now} /srv', 'borgbackup'],
    ['chronic borgmatic --verbosity -1', 'borgbackup'],
    ['flock -n /run/lock/borgmatic.lock borgmatic --verbosity -1', 'borgbackup'],
    ['flock -w 600 /var/lock/restic.lock -c "restic backup /srv"', 'restic'],
    // A quoted command is read word by word, even one with a `=` inside it.
    ['flock -n /run/lock/restic.lock -c "restic backup --tag=nightly /srv"', 'restic'],
    ['flock -n /run/lock/restic.lock -c "RESTIC_PASSWORD_FILE=/etc/restic/pw restic backup /srv"', 'restic'],
    ['systemd-cat -t nightly-backup restic backup /srv', 'restic'],
    ['systemd-cat -p info restic backup /srv', 'restic'],
    ['run-one rsnapshot daily', 'rsnapshot'],
    ['command rdiff-backup /srv nas.example::/backups/srv', 'rdiff-backup'],
    ['/usr/bin/time -v kopia snapshot create /srv', 'kopia'],
    ['setsid -w burp -a t', 'burp'],
  ])('%s runs %s', (command, id) => {
    expect(toolId(command)).toBe(id);
  });

  it('keeps one table per catalogue', () => {
    const shipped = backupCatalogue();
    const onlyBurp: BackupCatalogue = { ...shipped, software: shipped.software.filter((p) => p.id === 'burp') };
    expect(classifyCommand('restic backup /srv', onlyBurp)).toBeUndefined();
    expect(toolId('restic backup /srv')).toBe('restic');
    expect(classifyCommand('burp -a t', onlyBurp)).toEqual({ kind: 'tool', product: onlyBurp.software[0] });
  });
});

describe('classifyCommand: copies off the host', () => {
  it.each([
    ['rsync -a --delete /srv/ backup@nas.example:/backups/srv/', 'rsync to a remote destination'],
    ['rsync -a /srv/ rsync://backup@nas.example/srv/', 'rsync to a remote destination'],
    ['rsync -a /srv/ nas.example::srv', 'rsync to a remote destination'],
    ['rsync -a -e "ssh -p 2222" /srv/ "nas.example":/backups/', 'rsync to a remote destination'],
    ['scp -q /var/backups/db.sql.gz backup@nas.example:/srv/db/', 'scp to a remote destination'],
    ['sftp -b /root/put.batch backup@nas.example:/upload/', 'sftp to a remote destination'],
    ['rclone sync /srv offsite:srv', 'rclone to a remote'],
    ['rclone -q copy /srv b2:bucket/srv', 'rclone to a remote'],
    ['rclone --config "" sync /srv :sftp,host=nas.example:srv', 'rclone to a remote'],
    // Options whose values come before the verb: the verb is the first of rclone's commands.
    ['rclone --config /root/.config/rclone/provider.conf sync /srv offsite:srv', 'rclone to a remote'],
    ['rclone --log-file /var/log/rclone.log --transfers 8 copy /srv b2:bucket/srv', 'rclone to a remote'],
    ['rclone --order-by size copy /srv b2:bucket/srv', 'rclone to a remote'],
    // Cloud storage programs that upload a local path, with nothing piped in.
    ['aws s3 sync /srv s3://backups/srv --exclude "*.tmp" --storage-class STANDARD_IA', 'aws sync to cloud storage'],
    ['aws --profile backup s3 cp /var/backups/db.sql.gz s3://backups/db/', 'aws cp to cloud storage'],
    ['cd /srv && aws s3 sync . s3://backups/srv', 'aws sync to cloud storage'],
    ['cd /var/backups && aws s3 cp db.sql.gz s3://backups/db/', 'aws cp to cloud storage'],
    ['aws s3 cp --recursive srv/ s3://backups/srv/', 'aws cp to cloud storage'],
    ['aws s3 cp "$ARCHIVE" s3://backups/', 'aws cp to cloud storage'],
    ['gsutil -m rsync -r /srv gs://backups/srv', 'gsutil rsync to cloud storage'],
    ['gcloud storage cp -r /srv gs://backups/srv', 'gcloud cp to cloud storage'],
    ['s3cmd sync --delete-removed /srv/ s3://backups/srv/', 's3cmd sync to cloud storage'],
    ['azcopy sync /srv https://backupacct.blob.core.windows.net/srv --recursive', 'azcopy sync to cloud storage'],
    ['zfs send -R tank@now | ssh nas.example zfs recv -F pool/tank', 'zfs send piped on'],
    ['btrfs -q send /snapshots/srv.2026-12-07 | ssh nas.example btrfs receive /backups', 'btrfs send piped on'],
    ['tar czf - /srv | ssh backup@nas.example "cat > srv.tgz"', 'tar piped to ssh'],
    // `|&` pipes standard error too.
    ['tar czf - /srv |& ssh backup@nas.example "cat > srv.tgz"', 'tar piped to ssh'],
    // The `&` of a redirection ends no statement.
    ['mysqldump --all-databases 2>&1 | ssh nas.example "cat > all.sql"', 'mysqldump piped to ssh'],
    ['flock -n /run/lock/sync.lock -c "HOME=/root rsync -a /srv/ nas.example:/backups/"', 'rsync to a remote destination'],
    ['sudo -u postgres pg_dump app | gzip | aws s3 cp - s3://backups/app.sql.gz', 'pg_dump piped to aws'],
    ['cd /srv && tar czf - . | ssh nas.example "cat > srv.tgz"', 'tar piped to ssh'],
    ['pg_dump app > /var/backups/app.sql & rsync -a /var/www/ nas.example:/www/', 'rsync to a remote destination'],
    ['mysqldump --all-databases > /var/backups/all.sql; cat /var/backups/all.sql | nc -q0 10.250.0.9 9000', 'cat piped to nc'],
  ])('%s: %s', (command, how) => {
    expect(classify(command)).toEqual({ kind: 'copy', how });
  });

  it('finds the program behind a quoted variable that is empty', () => {
    expect(toolId(withVariables('"$SUDO" restic backup /srv', ['SUDO=']))).toBe('restic');
  });

  it('judges a destination held in a variable by its value', () => {
    expect(classify(withVariables('rsync -a /srv/ "$HOST":/backups/', ['HOST=nas.example']))).toEqual({ kind: 'copy', how: 'rsync to a remote destination' });
  });

  it.each([
    ['a local rsync', 'rsync -a --delete /srv/ /mnt/usb/srv/'],
    ['an archive kept on the host', 'tar czf /var/backups/srv.tgz /srv'],
    ['a local zfs send', 'zfs send tank@now > /mnt/usb/tank.zfs'],
    ['pruning snapshots', 'zfs list -H -o name -t snapshot | grep daily | xargs -n1 zfs destroy'],
    ['a mount of local datasets', 'zfs mount -a'],
    ['an rclone download', 'rclone copyurl https://example.org/x.tar /tmp/x.tar'],
    ['an rclone listing behind a config option', 'rclone --config /root/.config/rclone/provider.conf lsd offsite:'],
    ['an aws download', 'aws s3 cp s3://releases/app.tar.gz /opt/app.tar.gz'],
    ['a bucket-to-bucket copy', 'aws s3 sync s3://backups-a/srv s3://backups-b/srv'],
    ['a bucket listing', 'aws s3 ls s3://backups/'],
    ['a gsutil download', 'gsutil cp gs://releases/app.tar.gz /tmp/'],
    // A local path before the verb is an option's value, not what is copied.
    ['a bucket listing with a config file', 's3cmd --config /root/.s3cfg ls s3://backups/'],
    ['a download sync with a config file', 's3cmd --config /root/.s3cfg sync s3://backups/srv/ /srv/'],
    ['a download sync with an exclude file after the verb', 's3cmd sync --exclude-from /etc/s3-excludes s3://backups/srv/ /srv/'],
    ['a download with a log file', 'gsutil cp -L /var/log/manifest.log gs://releases/app.tar.gz /tmp/'],
    ['a copy between two clouds', 'gsutil cp s3://releases/app.tar.gz gs://mirror/app.tar.gz'],
    ['a bucket-to-bucket copy with a storage class', 'aws s3 sync --storage-class STANDARD_IA s3://backups-a/srv s3://backups-b/srv'],
    ['a health-check ping', 'curl -fsS -m 10 --retry 5 -o /dev/null https://hc-ping.com/eb095278-f28d-448d-87fb-7b75c171a6aa'],
    ['a metric sent after the job', 'echo "backup.done 1 $(date +%s)" | nc -q0 graphite.example 2003'],
    ['a compressed local dump', 'mysqldump --all-databases | gzip > /var/backups/all.sql.gz'],
    // The quoted `|` splits the line, leaving a part with no program in it.
    ['a list of databases', 'psql -At -c "select datname, pg_database_size(datname) from pg_database" | cut -d\'|\' -f1'],
  ])('%s is neither', (_what, command) => {
    expect(classify(command)).toBeUndefined();
  });
});

describe('withVariables', () => {
  it('takes values from assignments of every quoting, later ones winning, and skips other lines', () => {
    const env = ['set -e', 'DEST="nas.example:/old/"', "export DEST='nas.example:/backups/'", '  SRC=/srv/', 'EMPTY='];
    expect(withVariables('rsync -a "$SRC" "${DEST}"x$EMPTY $UNSET', env)).toBe('rsync -a "/srv/" "nas.example:/backups/"x $UNSET');
  });

  it('takes every assignment of a unit\'s Environment= line, quoted or not', () => {
    const env = ['Environment=SRC=/srv/ "DEST=nas.example:/old/" KEEP', "Environment='OPTS=-a --delete'", 'Environment=', 'SRC=/etc/', '  Environment=DEST=nas.example:/backups/'];
    expect(withVariables('rsync $OPTS $SRC ${DEST} $KEEP', env)).toBe('rsync -a --delete /etc/ nas.example:/backups/ $KEEP');
    expect(classify(withVariables('/usr/bin/rsync -a /srv/ ${DEST}', ['Environment=DEST=backup@nas.example:/backups/']))).toEqual({ kind: 'copy', how: 'rsync to a remote destination' });
  });

  it('returns a command without variables as written', () => {
    expect(withVariables('borgmatic --verbosity -1', ['borgmatic=x'])).toBe('borgmatic --verbosity -1');
  });
});
