import { describe, expect, it } from 'vitest';
import type { ScheduledCommand } from '../../../../../src/facts/backup-schedules.js';
import type { DumpedFile } from '../../../../../src/facts/dumped-file.js';
import { type CrawledScripts, followScripts, SCRIPT_DEPTH_LIMIT, scriptReferences } from '../../../../../src/collect/ssh/backup/script-chain.js';

const file = (path: string, text: string, truncated = false): DumpedFile => ({ path, state: 'read', lines: text.split('\n'), truncated });
const job = (command: string, source = '/etc/cron.d/nightly:4'): ScheduledCommand => ({
  source, when: '0 3 * * *', user: 'root', command, environment: [{ origin: '/etc/cron.d/nightly:2', text: 'MAILTO=""' }],
});
function crawled(files: DumpedFile[], extra: Partial<CrawledScripts> = {}): CrawledScripts {
  return { files: new Map(files.map((f) => [f.path, f])), scripts: new Set(files.map((f) => f.path)), unreadable: new Set(), limited: new Map(), ...extra };
}

describe('scriptReferences', () => {
  it('knows which paths are certainly run or sourced', () => {
    expect(scriptReferences('/opt/bk/run >>/var/log/bk.log 2>&1')).toEqual([{ path: '/opt/bk/run', how: 'run', named: true }]);
    expect(scriptReferences('. /opt/bk/settings && /usr/bin/restic backup /srv')).toEqual([
      { path: '/opt/bk/settings', how: 'source', named: true },
      { path: '/usr/bin/restic', how: 'run', named: true },
      { path: '/srv', how: 'run', named: false },
    ]);
    expect(scriptReferences('timeout 3h nice -n 10 /bin/sh /opt/x.sh')).toEqual([
      { path: '/bin/sh', how: 'run', named: true },
      { path: '/opt/x.sh', how: 'run', named: true },
    ]);
    expect(scriptReferences('test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r')).toEqual([
      { path: '/run/systemd/system', how: 'run', named: false },
      { path: '/sbin/e2scrub_all', how: 'run', named: true },
    ]);
  });
});

describe('followScripts', () => {
  const run = file('/opt/bk/run', ['#!/bin/sh', 'set -eu', '. /opt/bk/lib.sh', '', 'restic backup /srv /etc'].join('\n'));
  const lib = file('/opt/bk/lib.sh', ['# settings', 'export RESTIC_REPOSITORY=sftp:r@backup01.provider.example:/x', 'log() {', '  echo "$*"', '}'].join('\n'));

  it('judges the lines of a script and of what it sources as the job\'s, naming the chain and carrying the environment', () => {
    const out = followScripts([job('/opt/bk/run >>/var/log/bk.log 2>&1')], crawled([run, lib]));
    const restic = out.commands.find((c) => c.command.startsWith('restic'))!;
    expect(restic).toEqual({
      source: '/etc/cron.d/nightly:4 → /opt/bk/run:5',
      when: '0 3 * * *',
      user: 'root',
      command: 'restic backup /srv /etc',
      environment: [
        { origin: '/etc/cron.d/nightly:2', text: 'MAILTO=""' },
        { origin: '/opt/bk/lib.sh:2', text: 'export RESTIC_REPOSITORY=sftp:r@backup01.provider.example:/x' },
      ],
    });
    expect(out.commands.map((c) => c.source)).toEqual([
      '/etc/cron.d/nightly:4', '/etc/cron.d/nightly:4 → /opt/bk/run:2', '/etc/cron.d/nightly:4 → /opt/bk/run:3',
      '/etc/cron.d/nightly:4 → /opt/bk/run:3 → /opt/bk/lib.sh:3', '/etc/cron.d/nightly:4 → /opt/bk/run:3 → /opt/bk/lib.sh:4',
      '/etc/cron.d/nightly:4 → /opt/bk/run:3 → /opt/bk/lib.sh:5', '/etc/cron.d/nightly:4 → /opt/bk/run:5',
    ]);
    expect(out).toMatchObject({ unreadable: [], truncated: [], notFollowed: [] });
  });

  it('stops at the depth limit and says so; a cycle is no limit', () => {
    const chain = Array.from({ length: SCRIPT_DEPTH_LIMIT + 1 }, (_, i) => file(`/opt/c/${i + 1}.sh`, `#!/bin/sh\n/opt/c/${i + 2}.sh`));
    const out = followScripts([job('/opt/c/1.sh')], crawled(chain));
    expect(out.notFollowed).toEqual([{ source: '/etc/cron.d/nightly:4 → /opt/c/1.sh:2 → /opt/c/2.sh:2 → /opt/c/3.sh:2 → /opt/c/4.sh:2', path: '/opt/c/5.sh', reason: 'deeper than 4 scripts' }]);
    const cycle = followScripts([job('/opt/a')], crawled([file('/opt/a', '#!/bin/sh\n. /opt/b'), file('/opt/b', '. /opt/a\nrsync -a /srv h:/x')]));
    expect(cycle.notFollowed).toEqual([]);
    expect(cycle.commands.map((c) => c.command)).toContain('rsync -a /srv h:/x');
  });

  it('reports the limits the collecting command met, an unreadable script it runs, and a cut one', () => {
    const out = followScripts(
      [job('/opt/deep'), job('/opt/fifo'), job('. /opt/big && restic backup /srv'), job('cp /opt/secret /tmp')],
      crawled([file('/opt/big', 'X'.repeat(10), true)], {
        unreadable: new Set(['/opt/fifo', '/opt/secret']),
        limited: new Map([['/opt/deep', 'deep']]),
      }),
    );
    expect(out.notFollowed).toEqual([{ source: '/etc/cron.d/nightly:4', path: '/opt/deep', reason: 'deeper than 4 scripts' }]);
    // /opt/secret is only an argument of cp: not a script the job runs.
    expect(out.unreadable).toEqual(['/opt/fifo']);
    expect(out.truncated).toEqual(['/opt/big']);
  });

  it('names which count limit the collecting command reached', () => {
    const out = followScripts([job('/opt/a'), job('/opt/b')], crawled([], { limited: new Map([['/opt/a', 'many'], ['/opt/b', 'files']]) }));
    expect(out.notFollowed.map((n) => n.reason)).toEqual(['more than 100 scripts on the host', 'more than 400 files looked at on the host']);
  });

  it('does not follow a path the collecting command did not take for a script', () => {
    const out = followScripts([job('/usr/bin/restic backup /srv')], { files: new Map([['/usr/bin/restic', file('/usr/bin/restic', 'ELF')]]), scripts: new Set(), unreadable: new Set(), limited: new Map() });
    expect(out.commands).toHaveLength(1);
  });
});
