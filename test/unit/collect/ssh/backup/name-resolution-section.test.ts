// The name-resolution follow-up run by the real /bin/sh with a stand-in getent that records its arguments, and parsed by its real parser.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAX_NAMES, nameResolutionScript, namesToResolve, parseNameResolution } from '../../../../../src/collect/ssh/backup/name-resolution-section.js';
import { SNIPPET_PRELUDE } from '../../../../../src/collect/ssh/snippet-prelude.js';

const M = '@@fc-names';
const fixture = (rel: string) => readFileSync(new URL(`../../../../../fixtures/getent/${rel}`, import.meta.url), 'utf8');

/** Runs the snippet with a `getent` of our own first in PATH: it logs each argument vector and answers as /etc/hosts would. */
function runWithGetent(script: string, answers: Record<string, string>, sleepFor?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fc-getent-'));
  const log = join(dir, 'argv.log');
  const cases = Object.entries(answers).map(([name, addr]) => `  ${name}) printf '%s       STREAM %s\\n%s       DGRAM  \\n%s       RAW    \\n' ${addr} ${name} ${addr} ${addr}; exit 0 ;;`).join('\n');
  writeFileSync(
    join(dir, 'getent'),
    `#!/bin/sh\nfor a; do printf '[%s]' "$a"; done >> ${log}; echo >> ${log}\n${sleepFor ? `[ "$2" = ${sleepFor} ] && exec sleep 30\n` : ''}case $2 in\n${cases}\nesac\nexit 2\n`,
  );
  chmodSync(join(dir, 'getent'), 0o755);
  const full = `export LC_ALL=C\nM='${M}'\n${SNIPPET_PRELUDE}\n{\n${script}\n}\n`;
  const r = spawnSync('sh', ['-c', full], { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, timeout: 20_000 });
  let argv = '';
  try {
    argv = readFileSync(log, 'utf8');
  } catch {
    argv = '';
  }
  return { text: r.stdout, argv: argv.split('\n').filter(Boolean) };
}

describe('the name-resolution follow-up on the host', () => {
  it('asks getent for each valid name as one argument and reads the answers', () => {
    const run = runWithGetent(nameResolutionScript(['vault.example.net', 'nas.customer.example', 'gone.example'], 16), { 'vault.example.net': '10.250.7.7', 'nas.customer.example': '192.0.2.10' });
    expect(run.argv).toEqual(['[ahosts][vault.example.net]', '[ahosts][nas.customer.example]', '[ahosts][gone.example]']);
    expect(parseNameResolution(run.text, M)).toEqual({
      names: [
        { name: 'vault.example.net', outcome: 'resolved', addresses: ['10.250.7.7'] },
        { name: 'nas.customer.example', outcome: 'resolved', addresses: ['192.0.2.10'] },
        { name: 'gone.example', outcome: 'unknown', addresses: [] },
      ],
      notAsked: [],
    });
  });

  it('never hands a hostile name to the shell or to getent', () => {
    const hostile = ['$(touch /tmp/fc-pwned)', '-s', "a'b.example", 'fc_NAMES', 'a\nfc_NAMES\ntouch /tmp/fc-pwned', 'ok.example'];
    const script = nameResolutionScript(hostile, 16);
    expect(script).not.toContain('fc-pwned');
    const run = runWithGetent(script, {});
    expect(run.argv).toEqual(['[ahosts][ok.example]']);
  });

  it('asks at most MAX_NAMES names and says which were left', () => {
    const names = Array.from({ length: MAX_NAMES + 2 }, (_, i) => `n${i}.example`);
    const fact = parseNameResolution(runWithGetent(nameResolutionScript(names, 16), {}).text, M);
    expect(fact.names).toHaveLength(MAX_NAMES);
    expect(fact.notAsked).toEqual([
      { name: `n${MAX_NAMES}.example`, why: `more than ${MAX_NAMES} names to resolve` },
      { name: `n${MAX_NAMES + 1}.example`, why: `more than ${MAX_NAMES} names to resolve` },
    ]);
  });

  it('a lookup that hangs is cut by timeout and reads as failed; once the budget is spent the rest are not asked', () => {
    // Deadline 3 s: two seconds per name, a budget of one second.
    const fact = parseNameResolution(runWithGetent(nameResolutionScript(['slow.example', 'later.example'], 3), {}, 'slow.example').text, M);
    expect(fact.names).toEqual([{ name: 'slow.example', outcome: 'failed', addresses: [], why: 'timed out' }]);
    expect(fact.notAsked).toEqual([{ name: 'later.example', why: 'the time budget for lookups was spent' }]);
  });
});

/** Runs the snippet with stand-ins for `timeout` (logs its seconds, then runs the command), `date` and `getent` first in PATH. */
function runWithClock(script: string, clock: 'still' | 'one second per look') {
  const dir = mkdtempSync(join(tmpdir(), 'fc-clock-'));
  const tool = (name: string, text: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${text}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  tool('timeout', `printf '%s\\n' "$1" >> ${dir}/timeout.log\nshift\nexec "$@"`);
  tool('getent', 'exit 2');
  tool('date', clock === 'still' ? 'echo 1000' : `n=$(cat ${dir}/now 2>/dev/null || echo 1000)\necho "$n"\necho $((n + 1)) > ${dir}/now`);
  const full = `export LC_ALL=C\nM='${M}'\n${SNIPPET_PRELUDE}\n{\n${script}\n}\n`;
  const r = spawnSync('sh', ['-c', full], { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, timeout: 20_000 });
  const timeouts = readFileSync(join(dir, 'timeout.log'), 'utf8').split('\n').filter(Boolean);
  return { fact: parseNameResolution(r.stdout, M), timeouts };
}

describe('the time the follow-up gives its lookups', () => {
  it('gives each lookup three seconds, and less when the deadline is shorter, leaving a second for the rest', () => {
    expect(runWithClock(nameResolutionScript(['a.example'], 10), 'still').timeouts).toEqual(['3']);
    expect(runWithClock(nameResolutionScript(['a.example'], 3), 'still').timeouts).toEqual(['2']);
  });

  it('starts no lookup once the deadline less one lookup and a second has passed', () => {
    // Deadline 10 s: 3 s per lookup, so lookups start only in the first 6 s; this clock moves 1 s per look.
    const names = Array.from({ length: 7 }, (_, i) => `n${i + 1}.example`);
    const { fact, timeouts } = runWithClock(nameResolutionScript(names, 10), 'one second per look');
    expect(fact.names.map((n) => n.name)).toEqual(['n1.example', 'n2.example', 'n3.example', 'n4.example', 'n5.example']);
    expect(timeouts).toHaveLength(5);
    expect(fact.notAsked).toEqual([
      { name: 'n6.example', why: 'the time budget for lookups was spent' },
      { name: 'n7.example', why: 'the time budget for lookups was spent' },
    ]);
  });
});

describe('parseNameResolution on real getent output (fixtures/getent)', () => {
  it('takes only addresses from what getent printed: a loader warning merged into its output is none', () => {
    // `LD_PRELOAD=/usr/lib/fc-missing.so getent ahosts localhost 2>&1` on this machine (GLIBC): ld.so warns, getent answers, exit 0.
    const output = [
      "ERROR: ld.so: object '/usr/lib/fc-missing.so' from LD_PRELOAD cannot be preloaded (cannot open shared object file): ignored.",
      '127.0.0.1       STREAM localhost',
      '127.0.0.1       DGRAM  ',
      '127.0.0.1       RAW    ',
    ];
    const text = [`${M} C getent localhost`, ...output, '', `${M} X getent 0`].join('\n');
    expect(parseNameResolution(text, M).names).toEqual([{ name: 'localhost', outcome: 'resolved', addresses: ['127.0.0.1'] }]);
  });

  it('reads the provider address of the name the lab host r14-04 maps in its /etc/hosts', () => {
    const text = [`${M} C getent vault.example.net`, fixture('lab-vault.stdout'), `${M} X getent ${fixture('lab-vault.status').trim()}`].join('\n');
    expect(parseNameResolution(text, M).names).toEqual([{ name: 'vault.example.net', outcome: 'resolved', addresses: ['10.250.77.7'] }]);
  });

  it('reads the addresses of a name /etc/hosts maps, and an unknown name', () => {
    const text = [`${M} C getent vm`, fixture('ahosts-vm.stdout'), `${M} X getent ${fixture('ahosts-vm.status').trim()}`, `${M} C getent no-such-name.invalid`, fixture('unknown.stdout'), `${M} X getent ${fixture('unknown.status').trim()}`].join('\n');
    expect(parseNameResolution(text, M).names).toEqual([
      { name: 'vm', outcome: 'resolved', addresses: ['127.0.0.1'] },
      { name: 'no-such-name.invalid', outcome: 'unknown', addresses: [] },
    ]);
  });
});

describe('parseNameResolution: lookups that gave no answer', () => {
  it('says why a lookup failed: killed, another getent status, or output that ended before its status', () => {
    const text = [`${M} C getent a.example`, '', `${M} X getent 137`, `${M} C getent b.example`, '', `${M} X getent 1`, `${M} C getent c.example`].join('\n');
    expect(parseNameResolution(text, M).names).toEqual([
      { name: 'a.example', outcome: 'failed', addresses: [], why: 'timed out' },
      { name: 'b.example', outcome: 'failed', addresses: [], why: 'getent exit 1' },
      { name: 'c.example', outcome: 'failed', addresses: [], why: 'cut off' },
    ]);
  });
});

describe('namesToResolve', () => {
  it('takes mount sources and options, repositories, then scheduled commands and their environment', () => {
    const names = namesToResolve({
      'ssh.backup-targets': {
        ok: true,
        value: {
          mounts: [{ origin: '/etc/fstab:3', source: 'vault.example.net:/export', target: '/mnt/v', type: 'nfs', options: 'rw' }],
          repositories: [{ origin: '/etc/restic/env:1', kind: 'RESTIC_REPOSITORY', value: 'sftp:bk@store.example:/r' }],
          unreadable: [],
          truncated: [],
        },
      },
      'ssh.backup-schedules': { ok: true, value: { commands: [{ source: '/etc/crontab:9', when: '@daily', command: 'rsync -a /srv/ nas.example:/b/', environment: [{ origin: '/etc/crontab:8', text: 'BORG_REPO=ssh://vault.example.net/./r' }] }], timers: [], unreadable: [], truncated: [], programs: [], notFollowed: [] } },
    });
    expect(names).toEqual(['vault.example.net', 'store.example', 'nas.example']);
    expect(namesToResolve({ 'ssh.backup-targets': { ok: false, reason: 'timeout', message: 'x' } })).toEqual([]);
  });

  it("asks nothing about the lines of a job's scripts that run no backup and copy nothing off the host", () => {
    // Lines of Debian's own /etc/cron.daily/apt-compat and e2scrub_all_cron: `Dir::Cache` and `E:`
    // read as `host::module` and `host:path`, but no check consults them.
    const line = (command: string, environment: Array<{ origin: string; text: string }> = []) => ({ source: '/etc/cron.daily/apt-compat:3', when: '@daily', command, environment });
    const schedules = (commands: ReturnType<typeof line>[]) =>
      ({ 'ssh.backup-schedules': { ok: true as const, value: { commands, timers: [], unreadable: [], truncated: [], programs: [], notFollowed: [] } } });
    const dest = { origin: '/opt/bk/run:2', text: 'DEST=vault.example.net:/b' };
    expect(namesToResolve(schedules([
      line('eval $(apt-config shell CacheDir Dir::Cache/d)'),
      line('echo "E: Could not acquire lock" >&2'),
      line('debug_echo "remove by archive size: $file"', [dest]),
    ]))).toEqual([]);
    // The same environment under a command that copies off the host is asked about, and so is a
    // repository a job's environment sets, whatever the line under it runs.
    expect(namesToResolve(schedules([line('rsync -a /srv "$DEST"', [dest]), line('true', [{ origin: '/opt/bk/env:1', text: 'RESTIC_REPOSITORY=sftp:u@store.example:/r' }])]))).toEqual([
      'store.example',
      'vault.example.net',
    ]);
  });
});
