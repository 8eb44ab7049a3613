import { describe, expect, it } from 'vitest';
import { hostNamesIn, isResolvableName } from '../../../src/text/host-names.js';

describe('hostNamesIn: names where a host stands', () => {
  it.each([
    ['vault.example.net:/export/backup', ['vault.example.net']],
    ['//Vault.Example.net/share', ['vault.example.net']],
    ['sftp:bk@vault.example.net:/srv/restic', ['vault.example.net']],
    ['rest:https://user:pw@vault.example.net:8000/repo/', ['vault.example.net']],
    ['ssh://borg@vault.example.net:22/./repo', ['vault.example.net']],
    ['borg@vault.example.net:repo::{hostname}-{now}', ['vault.example.net']],
    ['backup@pbs@vault.example.net:store1', ['vault.example.net']],
    ['rsync -a /srv/ backup@nas::module/', ['nas']],
    ['RESTIC_REPOSITORY=sftp:bk@vault.example.net:/r restic backup /srv', ['vault.example.net']],
    ['type=sftp host=vault.example.net user=bk', ['vault.example.net']],
    ['nfs-server:/export rw,addr=10.250.0.1', ['nfs-server']],
    ['s3:s3.amazonaws.com/bucket', []],
    ['b2:bucketname:path/to/repo', []],
    ['/srv/restic-repo', []],
    ['0 3 * * * root /usr/local/sbin/nightly.sh', []],
    ['OnCalendar=*-*-* 03:00:00', []],
    ['Environment=PATH=/usr/bin:/bin', []],
    ['http://127.0.0.1:8080/ sftp:10.250.3.4:/r [fd00::1]:/x', []],
    ['localhost:/export', []],
    ['iqn.2003-01.org.example:storage.disk1 at vault.example.net:3260', ['vault.example.net']],
    ['a.example:/x b.example:/y a.example:/z', ['a.example', 'b.example']],
  ])('%s', (text, names) => {
    expect(hostNamesIn(text)).toEqual(names);
  });

  it('keeps no name a shell or getent could take for something else', () => {
    for (const hostile of ['-s', '$(reboot)', 'a;b', 'a b', 'a\nb', "a'b", 'a`b`', '', 'x'.repeat(254), '-foo.example']) {
      expect(isResolvableName(hostile)).toBe(false);
    }
    expect(hostNamesIn("$(touch /tmp/x):/a `id`:/b 'q;x.example':/c -s.example:/d y.example:/e")).toEqual(['y.example']);
  });
});
