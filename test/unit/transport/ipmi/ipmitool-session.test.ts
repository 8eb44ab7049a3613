// runIpmitool against a fake ipmitool (a shell script), to test what no simulator can show
// on demand: the child's argv and environment, the exec file, deadlines, cancellation, floods.
import { getEventListeners } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../../src/model/secret.js';
import { MAX_IPMITOOL_OUTPUT, runIpmitool, type BmcEndpoint, type BmcLogin } from '../../../../src/transport/ipmi/ipmitool-session.js';

const PASSWORD = 'pw-Canary-7f3e';
let dir: string;
let fake: string;

// The fake acts on the words after "--", the way ipmitool would act on its command.
const FAKE = (d: string) => `#!/bin/sh
while [ "$1" != "--" ]; do printf '%s\\n' "$1" >> ${d}/argv; shift; done
shift
case "$1" in
  record) env > ${d}/env; echo recorded ;;
  exec)
    stat -c '%a' "$2" > ${d}/filemode; stat -c '%a' "$(dirname "$2")" > ${d}/dirmode; echo "$2" > ${d}/execpath
    while read -r word rest; do
      case "$word" in
        echo) printf '%s \\n' "$rest" ;;
        stop) exit 0 ;;
        hang) echo $$ > ${d}/pid; exec sleep 3600 ;;
        *) printf 'out:%s %s\\n' "$word" "$rest" ;;
      esac
    done < "$2" ;;
  hang) echo $$ > ${d}/pid; exec sleep 3600 ;;
  flood) echo $$ > ${d}/pid; exec yes 0123456789abcdef ;;
  errflood) echo $$ > ${d}/pid; exec yes 0123456789abcdef >&2 ;;
  euro) printf '\\342\\202'; sleep 0.2; printf '\\254\\n' ;;
  wide) exec awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "\\342\\202\\254\\n" }' ;;
  opened) printf 'Discovered IPMB address 0x20\\n' >&2; echo $$ > ${d}/pid; exec sleep 3600 ;;
  selfkill) kill -TERM $$ ;;
  exit7) exit 7 ;;
  badpass) printf 'Loading IANA PEN Registry...\\n> RAKP 2 HMAC is invalid\\nError: Unable to establish IPMI v2 / RMCP+ session\\n' >&2; exit 1 ;;
  *) echo "Invalid command: $1" >&2; exit 1 ;;
esac
`;

const endpoint: BmcEndpoint = { address: '127.99.0.9', port: 623, cipherSuite: 3, timeoutMs: 5000, retries: 1 };
const login: BmcLogin = { user: 'ADMIN', password: new Secret(PASSWORD), privilege: 'operator' };
const run = (commands: string[][], over: Partial<BmcEndpoint> = {}, signal?: AbortSignal) =>
  runIpmitool({ ...endpoint, ...over }, login, commands, { ipmitoolPath: fake, ...(signal ? { signal } : {}) });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether `pid` has ended: gone, or a zombie its new parent has not reaped (an orphan's parent may never). */
function hasEnded(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('Z');
  } catch {
    return true;
  }
}

const pidOfFake = (): number => Number(readFileSync(join(dir, 'pid'), 'utf8'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitForPid(): Promise<void> {
  while (!existsSync(join(dir, 'pid'))) await sleep(10);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleetcheck-fake-ipmitool-'));
  fake = join(dir, 'ipmitool');
  writeFileSync(fake, FAKE(dir));
  chmodSync(fake, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runIpmitool', () => {
  it('passes the password only in the environment, with a minimal environment', async () => {
    process.env['FLEETCHECK_CANARY'] = 'leak';
    try {
      const outcome = await run([['record']]);
      expect(outcome).toMatchObject({ ok: true, outputs: ['recorded\n'] });
    } finally {
      delete process.env['FLEETCHECK_CANARY'];
    }
    const argv = readFileSync(join(dir, 'argv'), 'utf8');
    const env = readFileSync(join(dir, 'env'), 'utf8');
    expect(argv).not.toContain(PASSWORD);
    expect(argv.split('\n')).toEqual(expect.arrayContaining(['-E', '-v', 'OPERATOR', '127.99.0.9']));
    expect(argv).toContain('-R\n2\n'); // retries: 1 → two sends per packet
    expect(env).toContain(`IPMI_PASSWORD=${PASSWORD}\n`);
    expect(env).toContain('LC_ALL=C\n');
    expect(env).not.toContain('FLEETCHECK_CANARY');
    // HOME is the run's own, holding the one-entry vendor registry ipmitool reads before the system's.
    const home = /^HOME=(.*)$/m.exec(env)?.[1];
    expect(home).toMatch(/ipmitool-home$/);
    expect(readFileSync(join(home!, '.local/usr/share/misc/enterprise-numbers.txt'), 'utf8')).toBe('0\n  Reserved\n');
    expect(statSync(home!).mode & 0o077).toBe(0);
  });

  it('runs several commands through one private exec file and returns one output each', async () => {
    const outcome = await run([['mc', 'info'], ['user', 'list', '1'], ['session', 'info', 'active']]);
    expect(outcome).toMatchObject({ ok: true, outputs: ['out:mc info\n', 'out:user list 1\n', 'out:session info active\n'] });
    expect(readFileSync(join(dir, 'filemode'), 'utf8').trim()).toBe('600');
    expect(readFileSync(join(dir, 'dirmode'), 'utf8').trim()).toBe('700');
    const execPath = readFileSync(join(dir, 'execpath'), 'utf8').trim();
    expect(existsSync(execPath)).toBe(false);
  });

  it('leaves nothing behind when killed mid-batch: the next run removes what the killed one left', async () => {
    // Two real processes with a private temporary directory: one is SIGKILLed inside a batch (as a
    // second Ctrl-C or the OOM killer would end it), the next runs a batch of its own.
    const privateTmp = mkdtempSync(join(tmpdir(), 'fc-ipmi-tmp-'));
    const child = (commands: string[][]) => {
      const script = [
        `const { runIpmitool } = await import(${JSON.stringify(new URL('../../../../dist/src/transport/ipmi/ipmitool-session.js', import.meta.url).href)});`,
        `const { Secret } = await import(${JSON.stringify(new URL('../../../../dist/src/model/secret.js', import.meta.url).href)});`,
        `const o = await runIpmitool(${JSON.stringify(endpoint)}, { user: 'ADMIN', password: new Secret('x'), privilege: 'operator' }, ${JSON.stringify(commands)}, { ipmitoolPath: ${JSON.stringify(fake)} });`,
        'process.stdout.write(JSON.stringify(o));',
      ].join('\n');
      const { XDG_RUNTIME_DIR: _x, ...env } = process.env;
      return execa('node', ['--input-type=module', '-e', script], { env: { ...env, TMPDIR: privateTmp }, extendEnv: false, reject: false });
    };
    try {
      rmSync(join(dir, 'pid'), { force: true });
      const killed = child([['mc', 'info'], ['hang']]);
      for (let i = 0; i < 500 && !existsSync(join(dir, 'pid')); i++) await new Promise((r) => setTimeout(r, 10));
      killed.kill('SIGKILL');
      await killed;
      process.kill(Number(readFileSync(join(dir, 'pid'), 'utf8')), 'SIGKILL'); // the fake's sleep, orphaned by the kill
      const next = await child([['mc', 'info'], ['user', 'list', '1']]);
      expect(JSON.parse(next.stdout)).toMatchObject({ ok: true });
      const left = readdirSync(privateTmp, { recursive: true });
      expect(left).toEqual([`fleetcheck-${process.getuid!()}`]);
    } finally {
      rmSync(privateTmp, { recursive: true, force: true });
    }
  });

  it('refuses to attribute exec output whose markers are incomplete', async () => {
    const outcome = await run([['mc', 'info'], ['stop'], ['mc', 'guid']]);
    expect(outcome).toMatchObject({ ok: false, reason: 'protocol', command: 'mc info; stop; mc guid' });
  });

  it('returns a classified failure instead of throwing', async () => {
    const outcome = await run([['badpass']]);
    expect(outcome).toMatchObject({ ok: false, reason: 'auth', message: 'password refused: RAKP 2 HMAC is invalid', command: 'badpass' });
    expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
  });

  // The hanging fake sleeps an hour: a run that ends with it dead was ended by fleetcheck killing it.
  it('kills ipmitool at the deadline and leaves no process behind', async () => {
    rmSync(join(dir, 'pid'), { force: true });
    const outcome = await run([['hang']], { timeoutMs: 300 });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(isAlive(Number(readFileSync(join(dir, 'pid'), 'utf8')))).toBe(false);
  });

  it('kills ipmitool when the caller aborts, and removes the exec file', async () => {
    rmSync(join(dir, 'pid'), { force: true });
    const controller = new AbortController();
    // The deadline is an hour away: only the abort can end this run.
    const pending = run([['hang'], ['mc', 'info']], { timeoutMs: 3_600_000 }, controller.signal);
    while (!existsSync(join(dir, 'pid'))) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: false, reason: 'interrupted' });
    expect(existsSync(readFileSync(join(dir, 'execpath'), 'utf8').trim())).toBe(false);
    expect(isAlive(Number(readFileSync(join(dir, 'pid'), 'utf8')))).toBe(false);
  });

  it('does not start ipmitool when already cancelled', async () => {
    const outcome = await run([['record']], {}, AbortSignal.abort());
    expect(outcome).toMatchObject({ ok: false, reason: 'interrupted' });
  });

  it('stops reading a flood and kills the child', async () => {
    const outcome = await run([['flood']], { timeoutMs: 10_000 });
    expect(outcome).toMatchObject({ ok: false, reason: 'output-limit' });
    expect(isAlive(Number(readFileSync(join(dir, 'pid'), 'utf8')))).toBe(false);
  });

  it('stops reading a flood on stderr too', async () => {
    rmSync(join(dir, 'pid'), { force: true });
    const outcome = await run([['errflood']], { timeoutMs: 10_000 });
    expect(outcome).toMatchObject({ ok: false, reason: 'output-limit' });
    expect(isAlive(pidOfFake())).toBe(false);
  });

  it('counts the output limit in characters, not bytes', async () => {
    // "€\n" is two characters in four bytes: the limit in lines of it is reached exactly, then passed.
    const lines = MAX_IPMITOOL_OUTPUT / 2;
    const atLimit = await run([['wide', String(lines)]], { timeoutMs: 30_000 });
    expect(atLimit.ok).toBe(true);
    expect(atLimit.ok && atLimit.outputs[0]).toBe('€\n'.repeat(lines));
    expect(await run([['wide', String(lines + 1)]], { timeoutMs: 30_000 })).toMatchObject({ ok: false, reason: 'output-limit' });
  });

  it('decodes a character split between two writes, and keeps the final newline', async () => {
    expect(await run([['euro']])).toMatchObject({ ok: true, outputs: ['€\n'] });
  });

  it('reads what ipmitool printed before it was killed', async () => {
    rmSync(join(dir, 'pid'), { force: true });
    const controller = new AbortController();
    const pending = run([['opened']], { timeoutMs: 3_600_000 }, controller.signal);
    await waitForPid(); // written after the stderr line
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, reason: 'interrupted', sessionOpened: true });
  });

  it('reports the exit code of an ipmitool that failed silently', async () => {
    expect(await run([['exit7']])).toMatchObject({ ok: false, reason: 'protocol', message: 'ipmitool exited with 7 and printed no error' });
  });

  it('reports the signal that killed ipmitool, with no exit code', async () => {
    expect(await run([['selfkill']])).toMatchObject({ ok: false, reason: 'tool', message: 'ipmitool was killed by SIGTERM' });
  });

  it('reports a missing ipmitool as a tool failure', async () => {
    const outcome = await runIpmitool(endpoint, login, [['mc', 'info']], { ipmitoolPath: join(dir, 'missing') });
    expect(outcome).toMatchObject({ ok: false, reason: 'tool', message: 'ipmitool is not installed (ENOENT)' });
  });

  it('reports an ipmitool that may not be run as a tool failure', async () => {
    const notExecutable = join(dir, 'not-executable');
    writeFileSync(notExecutable, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    const outcome = await runIpmitool(endpoint, login, [['mc', 'info']], { ipmitoolPath: notExecutable });
    expect(outcome).toMatchObject({ ok: false, reason: 'tool', message: 'ipmitool could not be started (EACCES)' });
  });

  it('kills every run on a shared signal and leaves no listener behind', async () => {
    const controller = new AbortController();
    const exitListeners = process.listenerCount('exit');
    const pending = Array.from({ length: 10 }, () => run([['hang']], { timeoutMs: 3_600_000 }, controller.signal));
    // One 'exit' hook for all the children, not one each: a fleet scan runs dozens.
    expect(process.listenerCount('exit')).toBeLessThanOrEqual(exitListeners + 1);
    controller.abort();
    const outcomes = await Promise.all(pending);
    expect(outcomes.every((outcome) => !outcome.ok && outcome.reason === 'interrupted')).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(process.listenerCount('exit')).toBe(exitListeners);

    const finished = new AbortController();
    await Promise.all(Array.from({ length: 10 }, () => run([['euro']], {}, finished.signal)));
    expect(getEventListeners(finished.signal, 'abort')).toHaveLength(0);
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });

  it('kills ipmitool when fleetcheck leaves through process.exit', async () => {
    // A second Ctrl-C, SIGTERM and SIGHUP end fleetcheck through process.exit, with ipmitool running.
    rmSync(join(dir, 'pid'), { force: true });
    const script = [
      `const { runIpmitool } = await import(${JSON.stringify(new URL('../../../../dist/src/transport/ipmi/ipmitool-session.js', import.meta.url).href)});`,
      `const { Secret } = await import(${JSON.stringify(new URL('../../../../dist/src/model/secret.js', import.meta.url).href)});`,
      `const { existsSync } = await import('node:fs');`,
      `void runIpmitool(${JSON.stringify({ ...endpoint, timeoutMs: 3_600_000 })}, { user: 'ADMIN', password: new Secret('x'), privilege: 'operator' }, [['hang']], { ipmitoolPath: ${JSON.stringify(fake)} });`,
      `while (!existsSync(${JSON.stringify(join(dir, 'pid'))})) await new Promise((r) => setTimeout(r, 10));`,
      'process.exit(0);',
    ].join('\n');
    const left = await execa('node', ['--input-type=module', '-e', script], { reject: false });
    expect(left.exitCode).toBe(0);
    const pid = pidOfFake();
    try {
      // The kill is sent before the exit; only the reaping of the orphan may lag.
      for (let i = 0; i < 500 && !hasEnded(pid); i++) await sleep(10);
      expect(hasEnded(pid)).toBe(true);
    } finally {
      if (!hasEnded(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('throws only on programming errors', async () => {
    await expect(run([])).rejects.toThrow(TypeError);
    await expect(run([['mc', 'info'], ['user', 'set', 'name', '3', 'two words']])).rejects.toThrow(TypeError);
    await expect(run([['mc', 'info']], { timeoutMs: 0 })).rejects.toThrow(RangeError);
    await expect(run([['mc', 'info']], { retries: -1 })).rejects.toThrow(RangeError);
  });
});
