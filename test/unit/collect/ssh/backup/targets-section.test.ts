// The remote-targets section: the real snippet run by /bin/sh over files planted in a temp tree standing
// in for the host's /, its output parsed by parseTargetsSection at the paths the host would show.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupTargetsSection, parseTargetsSection, TARGET_READ_LIMIT } from '../../../../../src/collect/ssh/backup/targets-section.js';
import type { BackupTargetsFact } from '../../../../../src/facts/backup-targets.js';
import { rooted, runSnippet } from '../run-snippet.js';

const M = '@@fc-targets';
const TOPS = ['etc', 'proc', 'sys', 'root', 'home'];

/** A FIFO: the snippet must name it unreadable, never open it. */
const FIFO = Symbol('fifo');

/** Plants `files` (paths relative to /) in a fresh tree, runs the section there, parses what it printed. */
function collect(files: Record<string, string | typeof FIFO>): BackupTargetsFact {
  const root = mkdtempSync(join(tmpdir(), 'fc-targets-'));
  for (const [path, content] of Object.entries(files)) {
    const at = join(root, path);
    mkdirSync(dirname(at), { recursive: true });
    if (content === FIFO) execFileSync('mkfifo', [at]);
    else if (path.endsWith('/')) mkdirSync(at, { recursive: true });
    else writeFileSync(at, content);
  }
  const run = runSnippet(rooted(backupTargetsSection.script, root, TOPS), M);
  expect(run.status).toBe(0);
  return parseTargetsSection(run.text.replaceAll(root, ''), M);
}

describe('network mounts', () => {
  it('reads NFS, sshfs and CIFS from /proc/mounts and fstab; comments, local file systems and a commented-out entry are not mounts', () => {
    const fact = collect({
      // /proc/mounts as the kernel prints it: one space between fields, blanks in names as \040.
      'proc/mounts': [
        'overlay / overlay rw,relatime,lowerdir=/var/lib/lower,upperdir=/var/lib/upper,workdir=/var/lib/work 0 0',
        'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
        '10.250.4.20:/export/backups/c2-07 /mnt/provider-backup nfs4 rw,relatime,vers=4.2,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr=10.250.4.7,local_lock=none,addr=10.250.4.20 0 0',
        'backup@nas.example.org:/srv/photo\\040archive /mnt/photo\\040archive fuse.sshfs rw,nosuid,nodev,relatime,user_id=0,group_id=0 0 0',
        '',
      ].join('\n'),
      // fstab as people write it: aligned columns, comments, an indented line, options left out.
      'etc/fstab': [
        '# /etc/fstab: static file system information.',
        '#',
        '# <file system> <mount point>   <type>  <options>       <dump>  <pass>',
        'UUID=0b3c7a51-4a8e-4c52-9d0e-7f1b2a6c9e10 /               ext4    errors=remount-ro 0       1',
        'nas.example.org:/export/home   /home/shared   nfs   defaults,_netdev   0   0',
        '#10.250.4.20:/export/old /mnt/old nfs4 rw 0 0',
        '',
        '\t//files.example.org/scans  /mnt/scans  cifs  credentials=/root/.smbcred,_netdev  0  0',
        'fileserver:/export/media /mnt/media nfs',
        '',
      ].join('\n'),
    });
    expect(fact.mounts).toEqual([
      {
        origin: '/proc/mounts:3', source: '10.250.4.20:/export/backups/c2-07', target: '/mnt/provider-backup', type: 'nfs4',
        options: 'rw,relatime,vers=4.2,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr=10.250.4.7,local_lock=none,addr=10.250.4.20',
      },
      // The octal escape is a blank in the name, as the host sees it.
      { origin: '/proc/mounts:4', source: 'backup@nas.example.org:/srv/photo archive', target: '/mnt/photo archive', type: 'fuse.sshfs', options: 'rw,nosuid,nodev,relatime,user_id=0,group_id=0' },
      { origin: '/etc/fstab:5', source: 'nas.example.org:/export/home', target: '/home/shared', type: 'nfs', options: 'defaults,_netdev' },
      { origin: '/etc/fstab:8', source: '//files.example.org/scans', target: '/mnt/scans', type: 'cifs', options: 'credentials=/root/.smbcred,_netdev' },
      // fstab's options field may be left out: the mount is still a mount, with no options.
      { origin: '/etc/fstab:9', source: 'fileserver:/export/media', target: '/mnt/media', type: 'nfs', options: '' },
    ]);
    expect(fact.repositories).toEqual([]);
  });
});

describe('repository variables in environment and tool files', () => {
  it('takes each repository variable as the shell would read it: quotes removed, blanks around it dropped, empty ones skipped', () => {
    const fact = collect({
      'etc/environment': 'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\nRESTIC_REPOSITORY="s3:https://s3.provider.example/backups-c2-07"\n',
      'etc/default/borg': [
        '# Borg repository of the nightly job',
        "export BORG_REPO='ssh://borg@backup01.provider.example:2222/./c2-07'",
        'RESTIC_FROM_REPOSITORY=',
        'PBS_REPOSITORY=""',
        // Begins and ends with the same character, but it is no quote.
        'KOPIA_REPOSITORY=/srv/kopia/',
        '',
      ].join('\n'),
      // Trailing blanks, as an editor leaves them.
      'etc/restic/local.env': 'RESTIC_REPOSITORY=/srv/restic-repo   \nRESTIC_PASSWORD_FILE=/etc/restic/password\n',
    });
    expect(fact.repositories).toEqual([
      { origin: '/etc/environment:2', kind: 'RESTIC_REPOSITORY', value: 's3:https://s3.provider.example/backups-c2-07' },
      { origin: '/etc/default/borg:2', kind: 'BORG_REPO', value: 'ssh://borg@backup01.provider.example:2222/./c2-07' },
      { origin: '/etc/default/borg:5', kind: 'KOPIA_REPOSITORY', value: '/srv/kopia/' },
      { origin: '/etc/restic/local.env:1', kind: 'RESTIC_REPOSITORY', value: '/srv/restic-repo' },
    ]);
  });

  it('keeps a value quoted only in part as written, not cut at its quotes', () => {
    const fact = collect({
      'etc/restic/a.env': 'RESTIC_REPOSITORY=sftp:restic@nas.example.org:"/srv/restic"\n',
      'etc/restic/b.env': 'RESTIC_REPOSITORY="sftp:restic@nas.example.org:/srv/restic"/c2-07\n',
    });
    expect(fact.repositories.map((r) => r.value)).toEqual(['sftp:restic@nas.example.org:"/srv/restic"', '"sftp:restic@nas.example.org:/srv/restic"/c2-07']);
  });
});

describe('borgmatic repositories', () => {
  it('borgmatic 1.8: both item forms, quoted or plain, comments after them, blank and comment lines inside the list; other lists are not repositories', () => {
    const fact = collect({
      'etc/borgmatic/config.yaml': [
        '# generated by borgmatic config generate',
        'source_directories:',
        '    - /home',
        '    - /etc',
        '',
        '# Paths of local or remote repositories to back up to.',
        'repositories:  ',
        '    - path: ssh://k8pDxu32@k8pDxu32.repo.borgbase.com/./repo',
        '      label: borgbase',
        '',
        '# - path: /var/lib/backups/old.borg',
        '    - label: provider-offsite',
        '      path: ssh://borg@backup-1.provider.example/./c2-07',
        "    - path: '/mnt/usb/borg'  # the disk in the safe",
        '      label: usb-disk',
        '    - /srv/borg/  # plain, a comment after it',
        '    - "/srv/borg-copy"',
        '    - # no third copy yet',
        '',
        'exclude_patterns:',
        "    - '*.pyc'",
        '    - /home/*/.cache',
        '',
        'keep_daily: 7',
        '',
      ].join('\n'),
    });
    expect(fact.repositories).toEqual([
      { origin: '/etc/borgmatic/config.yaml:8', kind: 'borgmatic repositories', value: 'ssh://k8pDxu32@k8pDxu32.repo.borgbase.com/./repo' },
      { origin: '/etc/borgmatic/config.yaml:13', kind: 'borgmatic repositories', value: 'ssh://borg@backup-1.provider.example/./c2-07' },
      { origin: '/etc/borgmatic/config.yaml:14', kind: 'borgmatic repositories', value: '/mnt/usb/borg' },
      { origin: '/etc/borgmatic/config.yaml:16', kind: 'borgmatic repositories', value: '/srv/borg/' },
      { origin: '/etc/borgmatic/config.yaml:17', kind: 'borgmatic repositories', value: '/srv/borg-copy' },
    ]);
  });

  it('borgmatic before 1.8: repositories under location, a comment after the key, items at the key\'s own indent; check_repositories repeats them and is not read', () => {
    const fact = collect({
      'etc/borgmatic.d/legacy.yaml': [
        'location:',
        '    source_directories:',
        '        - /srv',
        '',
        '    # Paths to local or remote repositories.',
        '    repositories:   # both kept until the move is done',
        '    - user@backupserver.example.org:sourcehostname.borg',
        '    ',
        '    #   - /old/repo.borg',
        '    - "/var/lib/backups/local.borg"',
        '',
        '    exclude_patterns:',
        "        - '*.pyc'",
        '',
        'storage:',
        '    encryption_passcommand: cat /etc/borg/passphrase',
        '',
        'consistency:',
        '    check_repositories:',
        '        - user@backupserver.example.org:sourcehostname.borg',
        '',
      ].join('\n'),
    });
    expect(fact.repositories).toEqual([
      { origin: '/etc/borgmatic.d/legacy.yaml:7', kind: 'borgmatic repositories', value: 'user@backupserver.example.org:sourcehostname.borg' },
      { origin: '/etc/borgmatic.d/legacy.yaml:10', kind: 'borgmatic repositories', value: '/var/lib/backups/local.borg' },
    ]);
  });

  it('takes the blanks YAML allows around a colon and after a dash', () => {
    const fact = collect({
      'root/.config/borgmatic/config.yaml': [
        'repositories :',
        '-  path : ssh://b@nas.example.org/./repo',
        '   label : nas',
        '- label : usb',
        '  path : /mnt/usb/borg',
        'keep_daily: 7',
        '',
      ].join('\n'),
    });
    expect(fact.repositories).toEqual([
      { origin: '/root/.config/borgmatic/config.yaml:2', kind: 'borgmatic repositories', value: 'ssh://b@nas.example.org/./repo' },
      { origin: '/root/.config/borgmatic/config.yaml:5', kind: 'borgmatic repositories', value: '/mnt/usb/borg' },
    ]);
  });
});

describe('rclone remotes', () => {
  it('one setting per remote, each key=value with its blanks dropped; comments and lines outside a remote are not settings', () => {
    const fact = collect({
      // As rclone config writes it: a blank line between remotes; one comment added by hand.
      'root/.config/rclone/rclone.conf': [
        '[offsite]',
        'type = sftp',
        'host = backup01.provider.example  ',
        '# host = old-backup.provider.example',
        'user = c2-07',
        'description = Provider backup [offsite]',
        'shell_type = unix',
        '',
        '[local-copy] ',
        'type = local',
        '',
      ].join('\n'),
      // Written by hand: no blanks around `=`, an indented section header.
      'home/alice/.config/rclone/rclone.conf': '  [b2]\ntype=b2\naccount=0012345abcde\nhard_delete=true\n',
      // An encrypted configuration names no remote in clear.
      'etc/rclone.conf': '# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\nKq1fN0tRe4lC1ph3rT3xtbutB4se64=\n',
    });
    expect(fact.repositories).toEqual([
      { origin: '/root/.config/rclone/rclone.conf:1', kind: 'rclone remote offsite', value: 'type=sftp host=backup01.provider.example user=c2-07 description=Provider backup [offsite] shell_type=unix' },
      { origin: '/root/.config/rclone/rclone.conf:9', kind: 'rclone remote local-copy', value: 'type=local' },
      { origin: '/home/alice/.config/rclone/rclone.conf:1', kind: 'rclone remote b2', value: 'type=b2 account=0012345abcde hard_delete=true' },
    ]);
  });
});

describe('iSCSI', () => {
  it('a configured node, and the target and portal of a logged-in session; an empty attribute names nothing', () => {
    const fact = collect({
      // open-iscsi keeps one directory per portal under the target's name.
      'etc/iscsi/nodes/iqn.2026-01.example.provider:backup/10.250.3.3,3260,1/default': 'node.name = iqn.2026-01.example.provider:backup\n',
      'sys/class/iscsi_session/session1/targetname': 'iqn.2026-01.example.provider:backup\n',
      'sys/class/iscsi_connection/connection1:0/persistent_address': '10.250.3.3\n',
      'sys/class/iscsi_connection/connection2:0/persistent_address': '\n',
    });
    expect(fact.repositories).toEqual([
      { origin: '/etc/iscsi/nodes/iqn.2026-01.example.provider:backup/10.250.3.3,3260,1', kind: 'iSCSI node', value: 'iqn.2026-01.example.provider:backup at 10.250.3.3:3260' },
      { origin: '/sys/class/iscsi_session/session1/targetname', kind: 'iSCSI session', value: 'iqn.2026-01.example.provider:backup' },
      { origin: '/sys/class/iscsi_connection/connection1:0/persistent_address', kind: 'iSCSI connection', value: '10.250.3.3' },
    ]);
  });
});

describe('what could not be read whole', () => {
  it('names the file it must not open and the one cut at the limit, and still reads the rest', () => {
    const fact = collect({
      'etc/default/pipe': FIFO,
      'etc/default/big': `BORG_REPO=/srv/borg\n${'# padding\n'.repeat(TARGET_READ_LIMIT / 10 + 10)}`,
      'etc/default/restic': 'RESTIC_REPOSITORY=/srv/restic\n',
    });
    expect(fact.unreadable).toEqual(['/etc/default/pipe']);
    expect(fact.truncated).toEqual(['/etc/default/big']);
    expect(fact.repositories).toEqual([
      { origin: '/etc/default/big:1', kind: 'BORG_REPO', value: '/srv/borg' },
      { origin: '/etc/default/restic:1', kind: 'RESTIC_REPOSITORY', value: '/srv/restic' },
    ]);
  });
});
