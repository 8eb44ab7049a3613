import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCollectingScript, newMarker, remoteDeadlineSeconds, splitSections } from '../../../../src/collect/ssh/collecting-script.js';
import { lastStarted } from '../../../../src/collect/ssh/last-started.js';
import { SSH_SECTIONS } from '../../../../src/collect/ssh/sections.js';
import type { SshSection } from '../../../../src/collect/ssh/ssh-section.js';
import { keysFact } from '../../checks/residue/fact-builders.js';

const section = (name: string, script: string): SshSection<'ssh.authorized-keys'> => ({ name, fact: 'ssh.authorized-keys', script, parse: () => ({ ok: true, value: keysFact() }) });

// The script is run by the real sh, as the host would run it.
function run(script: string): string {
  return execFileSync('sh', ['-c', 'S=$(cat); exec </dev/null; eval "$S"'], { input: script, encoding: 'utf8' });
}

describe('collecting script', () => {
  it('frames each section with its exit status and ends with done', () => {
    const marker = newMarker();
    const out = run(buildCollectingScript([section('one', 'echo hello; echo world'), section('two', 'printf "no newline"; false')], marker));
    const split = splitSections(out, marker);
    expect(split.complete).toBe(true);
    expect(split.sections.get('one')).toEqual({ text: 'hello\nworld\n', status: 0 });
    expect(split.sections.get('two')).toEqual({ text: 'no newline', status: 1 });
  });

  it('keeps a snippet from reading the rest of the script from stdin', () => {
    const marker = newMarker();
    const out = run(buildCollectingScript([section('eat', 'cat; echo after'), section('next', 'echo still here')], marker));
    const split = splitSections(out, marker);
    expect(split.sections.get('eat')?.text).toBe('after\n');
    expect(split.sections.get('next')?.text).toBe('still here\n');
  });

  it('ignores forged markers that do not carry this run’s nonce', () => {
    const marker = newMarker();
    const out = run(buildCollectingScript([section('one', `echo '@@fc-000 end one 0'; echo '@@fc-000 done'; echo real`)], marker));
    const split = splitSections(out, marker);
    expect(split.sections.get('one')?.text).toBe('@@fc-000 end one 0\n@@fc-000 done\nreal\n');
  });

  it('reads a run as complete only by its own done line, exactly: every section closed is not enough', () => {
    const marker = newMarker();
    const out = run(buildCollectingScript([section('one', 'echo a')], marker));
    expect(out.endsWith(`${marker} done\n`)).toBe(true);
    expect(splitSections(out, marker).complete).toBe(true);
    const withoutDone = out.slice(0, -`${marker} done\n`.length);
    expect(splitSections(withoutDone, marker)).toEqual({ sections: new Map([['one', { text: 'a\n', status: 0 }]]), complete: false });
    // Another run's marker, or a line that only starts or nearly reads like it, is not the end.
    for (const line of [`${newMarker()} done`, `${marker} done2`, `${marker} don`, `${marker} done `, ` ${marker} done`]) {
      expect(splitSections(`${withoutDone}${line}\n`, marker).complete).toBe(false);
    }
  });

  it('reports a cut-off run as incomplete and drops the open section', () => {
    const marker = newMarker();
    const out = run(buildCollectingScript([section('one', 'echo a'), section('two', 'echo b')], marker));
    const cut = out.slice(0, out.indexOf(`${marker} end two`));
    const split = splitSections(cut, marker);
    expect(split.complete).toBe(false);
    expect(split.sections.has('one')).toBe(true);
    expect(split.sections.has('two')).toBe(false);
  });
});

/** The pids of running processes whose command line names `needle`. */
function processesNaming(needle: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) out.push(Number(pid));
    } catch {
      // Gone while we looked.
    }
  }
  return out;
}

describe('collecting command deadline on the host', () => {
  // A stall that passes the regular-file test: a FIFO swapped in after it, read by a program.
  const stalling = (fifo: string) => section('stall', `fc_open file ${fifo}\ncat ${fifo}`);

  function plantFifo(): string {
    const fifo = join(mkdtempSync(join(tmpdir(), 'fc-deadline-')), 'stall');
    execFileSync('mkfifo', [fifo]);
    return fifo;
  }

  /** Gives any reader still blocked on the FIFO its end of file, so a failing run leaves nothing behind. */
  function release(fifo: string): void {
    execFileSync('sh', ['-c', 'exec 3<>"$1"; exec 3>&-', 'sh', fifo]);
  }

  const COMMAND = 'S=$(cat); exec </dev/null; eval "$S"';
  it.each([
    ['under coreutils timeout', (s: string) => s, ['sh'], COMMAND],
    // Without timeout the fallback kills its process group: run it in a session of its own here.
    ['under the fallback watchdog', (s: string) => s.replace('command -v timeout', 'false'), ['setsid', '-w', 'sh'], COMMAND],
    // A timeout that does not take GNU's options (old busybox) is not trusted with the deadline.
    ['with a timeout that refuses -s', (s: string) => s, ['setsid', '-w', 'sh'], `timeout() { echo "timeout: unrecognized option" >&2; return 1; }; ${COMMAND}`],
  ])('%s: nothing it started outlives the deadline, and the output names what stalled', (_, variant, argv, command) => {
    const fifo = plantFifo();
    try {
      const marker = newMarker();
      const script = variant(buildCollectingScript([stalling(fifo), section('after', 'echo never')], marker, 1));
      // spawnSync's own timeout is only a safety net, far past the script's 1 s deadline: had it
      // fired, r.error would say ETIMEDOUT. The script ended itself, killed by its own deadline.
      const r = spawnSync(argv[0]!, [...argv.slice(1), '-c', command], { input: script, encoding: 'utf8', timeout: 25_000, killSignal: 'SIGKILL' });
      expect(r.error).toBeUndefined();
      expect(r.status === 137 || r.signal === 'SIGKILL').toBe(true);
      expect(processesNaming(fifo)).toEqual([]);
      const split = splitSections(r.stdout, marker);
      expect(split.complete).toBe(false);
      expect(split.open?.name).toBe('stall');
      expect(lastStarted(split.open!.text, marker)).toBe(`reading ${fifo}`);
    } finally {
      release(fifo);
    }
  });

  it('a run that finishes first kills nothing, and its fallback watchdog is gone by the deadline', async () => {
    const marker = newMarker();
    const script = buildCollectingScript([section('one', 'echo a')], marker, 1.7).replace('command -v timeout', 'false');
    const started = Date.now();
    const r = spawnSync('setsid', ['-w', 'sh', '-c', 'S=$(cat); exec </dev/null; eval "$S"'], { input: script, encoding: 'utf8', timeout: 8_000 });
    expect(r.status).toBe(0);
    expect(splitSections(r.stdout, marker).complete).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 2_300 - Date.now())));
    expect(processesNaming('sleep\u00001.7\u0000')).toEqual([]);
  });

  it('leaves the scanner a margin: the host stops a little before the scanner gives up', () => {
    expect(remoteDeadlineSeconds(20_000)).toBe(16);
    expect(remoteDeadlineSeconds(120_000)).toBe(115);
    expect(remoteDeadlineSeconds(500)).toBe(1);
  });
});

describe('collecting command marker', () => {
  // The real command walks this machine's /etc, /root, /var/log, /opt and /srv and its /proc under
  // strace, which traces every program it starts: tens of seconds on a loaded machine. Nothing here is
  // judged by time, so the test waits as long as the walk may take.
  it('appears in no argv of any program the real collecting command starts', { timeout: 240_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-argv-'));
    const log = join(dir, 'execve.log');
    const marker = newMarker();
    const script = buildCollectingScript([...SSH_SECTIONS.values()], marker, 200);
    const r = spawnSync('strace', ['-f', '-qq', '-s', '65536', '-e', 'trace=execve', '-o', log, 'sh', '-c', 'S=$(cat); exec </dev/null; eval "$S"'], {
      input: script, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 230_000,
    });
    expect(r.status).toBe(0);
    expect(splitSections(r.stdout, marker).complete).toBe(true);
    const calls = readFileSync(log, 'utf8');
    // The trace saw the programs the snippets run, so its silence about the marker means something.
    expect(calls).toMatch(/execve\("[^"]*\/head", \["head", "-c"/);
    expect(calls).toMatch(/execve\("[^"]*\/timeout"/);
    expect(calls.includes(marker)).toBe(false);
  });
});
