// runIpmitool against a fake ipmitool (a shell script), to test what no simulator can show
// on demand: the child's argv and environment, the exec file, deadlines, cancellation, floods.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../../src/model/secret.js';
import { runIpmitool, type BmcEndpoint, type BmcLogin } from '../../../../src/transport/ipmi/ipmitool-session.js';

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

  it('reports a missing ipmitool as a tool failure', async () => {
    const outcome = await runIpmitool(endpoint, login, [['mc', 'info']], { ipmitoolPath: join(dir, 'missing') });
    expect(outcome).toMatchObject({ ok: false, reason: 'tool', message: 'ipmitool is not installed (ENOENT)' });
  });

  it('throws only on programming errors', async () => {
    await expect(run([])).rejects.toThrow(TypeError);
    await expect(run([['mc', 'info'], ['user', 'set', 'name', '3', 'two words']])).rejects.toThrow(TypeError);
    await expect(run([['mc', 'info']], { timeoutMs: 0 })).rejects.toThrow(RangeError);
    await expect(run([['mc', 'info']], { retries: -1 })).rejects.toThrow(RangeError);
  });
});
