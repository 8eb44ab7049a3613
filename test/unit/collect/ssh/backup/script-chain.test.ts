import { describe, expect, it } from 'vitest';
import type { ScheduledCommand } from '../../../../../src/facts/backup-schedules.js';
import type { DumpedFile } from '../../../../../src/facts/dumped-file.js';
import { type CrawledScripts, followScripts, SCRIPT_COMMAND_LIMIT, SCRIPT_DEPTH_LIMIT, scriptReferences } from '../../../../../src/collect/ssh/backup/script-chain.js';

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

  it('reads past an output redirection before the command and flock\'s lock file, and takes no output target for a script', () => {
    const run = [{ path: '/opt/bk/run', how: 'run', named: true }];
    expect(scriptReferences('2>/dev/null /opt/bk/run')).toEqual(run);
    expect(scriptReferences('> /var/log/bk.log 2>&1 /opt/bk/run')).toEqual(run);
    expect(scriptReferences('/opt/bk/run > /var/log/bk.log')).toEqual(run);
    // A script fed to a shell on its input is run all the same.
    expect(scriptReferences('sh < /opt/bk/job.sh')).toEqual([{ path: '/opt/bk/job.sh', how: 'run', named: false }]);
    expect(scriptReferences('flock -w 60 /run/lock/bk /opt/bk/run')).toEqual(run);
    expect(scriptReferences('flock -n /run/lock/bk nice -n 19 /opt/bk/run')).toEqual(run);
    expect(scriptReferences('/usr/bin/flock -n 9 || exit 1')).toEqual([{ path: '/usr/bin/flock', how: 'run', named: true }]);
  });

  it('takes `source` and a `.` right after a separator for sourcing, and `./x` after one for no sourcing', () => {
    expect(scriptReferences('source /opt/bk/env.sh')).toEqual([{ path: '/opt/bk/env.sh', how: 'source', named: true }]);
    expect(scriptReferences('test -r /etc/default/bk&&. /etc/default/bk')).toEqual([
      { path: '/etc/default/bk', how: 'run', named: false },
      { path: '/etc/default/bk', how: 'source', named: true },
    ]);
    // `./run` is run from /opt/bk; /srv is only its argument.
    expect(scriptReferences('cd /opt/bk&&./run /srv')).toEqual([
      { path: '/opt/bk', how: 'run', named: false },
      { path: '/srv', how: 'run', named: false },
    ]);
  });

  it('finds the command inside subshells; dash and bash both run `((nice …) &)` as two nested subshells', () => {
    const run = [{ path: '/opt/bk/run', how: 'run', named: true }];
    expect(scriptReferences('(nice -n 19 /opt/bk/run) >/var/log/bk.log 2>&1')).toEqual(run);
    expect(scriptReferences('((nice -n 19 /opt/bk/run) &)')).toEqual(run);
  });

  it('takes a duration after timeout for an argument, not for the command, whole or with a fraction (GNU timeout takes both)', () => {
    expect(scriptReferences('timeout 3h /opt/bk/run')).toEqual([{ path: '/opt/bk/run', how: 'run', named: true }]);
    expect(scriptReferences('timeout 0.25h /opt/bk/run')).toEqual([{ path: '/opt/bk/run', how: 'run', named: true }]);
  });

  it('does not take the arguments of a command for commands: a name ending or starting in digits, words after a joined `;`', () => {
    expect(scriptReferences('/usr/bin/python3 /opt/bk/dump.py')).toEqual([
      { path: '/usr/bin/python3', how: 'run', named: true },
      { path: '/opt/bk/dump.py', how: 'run', named: false },
    ]);
    expect(scriptReferences('nice 7z a /backup/etc.7z /etc')).toEqual([
      { path: '/backup/etc.7z', how: 'run', named: false },
      { path: '/etc', how: 'run', named: false },
    ]);
    expect(scriptReferences('mkdir -p /backup;rsync -a /srv /backup')).toEqual([
      { path: '/backup', how: 'run', named: false },
      { path: '/srv', how: 'run', named: false },
      { path: '/backup', how: 'run', named: false },
    ]);
  });

  it('takes the first word for the command whatever blanks come before it', () => {
    expect(scriptReferences('  /opt/bk/run daily')).toEqual([{ path: '/opt/bk/run', how: 'run', named: true }]);
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

  it('carries what a sourced file sets to the lines after it, but not what a script it runs sets', () => {
    const main = file('/opt/bk/main', ['#!/bin/sh', '/opt/bk/prep', '. /opt/bk/env', 'restic backup /srv'].join('\n'));
    const prep = file('/opt/bk/prep', ['#!/bin/sh', 'TMPDIR=/var/tmp/bk', 'mkdir -p "$TMPDIR"'].join('\n'));
    const env = file('/opt/bk/env', 'export RESTIC_REPOSITORY=/srv/restic');
    const out = followScripts([job('/opt/bk/main')], crawled([main, prep, env]));
    expect(out.commands.find((c) => c.command.startsWith('mkdir'))!.environment.map((e) => e.origin)).toEqual(['/etc/cron.d/nightly:2', '/opt/bk/prep:2']);
    expect(out.commands.find((c) => c.command.startsWith('restic'))!.environment).toEqual([
      { origin: '/etc/cron.d/nightly:2', text: 'MAILTO=""' },
      { origin: '/opt/bk/env:1', text: 'export RESTIC_REPOSITORY=/srv/restic' },
    ]);
  });

  it('names a limited script once per job line that runs it, however often the line names it', () => {
    const out = followScripts(
      [job('/opt/deep daily || /opt/deep retry'), job('/opt/deep weekly', '/etc/cron.d/nightly:5')],
      crawled([], { limited: new Map([['/opt/deep', 'deep']]) }),
    );
    expect(out.notFollowed).toEqual([
      { source: '/etc/cron.d/nightly:4', path: '/opt/deep', reason: 'deeper than 4 scripts' },
      { source: '/etc/cron.d/nightly:5', path: '/opt/deep', reason: 'deeper than 4 scripts' },
    ]);
  });

  it('stops at the command limit and says once where the rest was left', () => {
    const lines = Array.from({ length: SCRIPT_COMMAND_LIMIT + 5 }, (_, i) => `echo ${i + 1}`);
    const big = file('/opt/bk/many', lines.join('\n'));
    const out = followScripts([job('/opt/bk/many'), job('/opt/bk/many', '/etc/cron.d/nightly:5')], crawled([big]));
    expect(out.commands).toHaveLength(SCRIPT_COMMAND_LIMIT);
    expect(out.commands.at(-1)!.source).toBe(`/etc/cron.d/nightly:4 → /opt/bk/many:${SCRIPT_COMMAND_LIMIT - 1}`);
    expect(out.notFollowed).toEqual([{ source: `/etc/cron.d/nightly:4 → /opt/bk/many:${SCRIPT_COMMAND_LIMIT}`, path: '(the rest)', reason: 'more than 20000 commands in scripts' }]);
  });

  it('does not follow a path the collecting command did not take for a script', () => {
    const out = followScripts([job('/usr/bin/restic backup /srv')], { files: new Map([['/usr/bin/restic', file('/usr/bin/restic', 'ELF')]]), scripts: new Set(), unreadable: new Set(), limited: new Map() });
    expect(out.commands).toHaveLength(1);
  });
});
