// Bad input at the command line: each problem is one clear message and exit 64 or 78, found before any
// connection is made. A listener on the inventory's address counts connections to prove the last part.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import { parse as parseYaml, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetcheck, REPO } from './support/run-cli.js';

/** Where the inventories below point SSH: a listener that only counts. Rack 9 is the fault lab's. */
const TRAP = '127.10.9.200';
const STACK_FRAME = /\n\s+at |\bat .*\.(?:js|ts):\d+/;

let dir: string;
let trap: Server;
let connections = 0;

function inventory(racks: string, ssh = ''): string {
  return [
    'version: 1',
    'defaults:',
    `  ssh: { knownHosts: ${join(dir, 'known_hosts')}, identity: ${join(dir, 'id_ed25519')}, connectTimeout: 1s${ssh} }`,
    `secrets: { file: ${join(dir, 'secrets.yaml')} }`,
    'provider: {}',
    'racks:',
    racks,
    '',
  ].join('\n');
}

const ONE_RACK = ['  A3:', '    hosts:', `      a3-01: { ssh: { address: ${TRAP} } }`, `      a3-02: { ssh: { address: 127.10.9.201 } }`].join('\n');

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fc-bad-input-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'known_hosts'), '');
  writeFileSync(join(dir, 'id_ed25519'), readFileSync(join(REPO, '.lab/keys/scanner_ed25519')), { mode: 0o600 });
  writeFileSync(join(dir, 'secrets.yaml'), 'hosts: {}\n', { mode: 0o600 });
  trap = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(22, TRAP, resolve));
});

afterAll(async () => {
  await new Promise((resolve) => trap.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a scan of `file`; asserts the exit code, one clear message naming `mention`, and no connection. */
async function expectRefused(args: string[], exitCode: 64 | 78, mention: RegExp): Promise<string> {
  const before = connections;
  const run = await fleetcheck(args, { timeoutMs: 30_000 });
  expect(run.exitCode, run.stderr).toBe(exitCode);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^fleetcheck: /);
  expect(run.stderr).toMatch(mention);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(connections - before).toBe(0);
  return run.stderr;
}

describe('bad input is refused before any connection', () => {
  it('an unknown rack: exit 64, naming the racks there are', async () => {
    const file = write('unknown-rack.yaml', inventory(ONE_RACK));
    await expectRefused(['--inventory', file, '--rack', 'Z9'], 64, /Z9/);
  });

  it('the same host name in two racks: exit 78, naming file and line', async () => {
    const racks = ONE_RACK + '\n' + ['  B1:', '    hosts:', '      a3-01: { ssh: { address: 127.10.9.202 } }'].join('\n');
    const file = write('duplicate-name.yaml', inventory(racks));
    await expectRefused(['--inventory', file], 78, new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+ .*a3-01`));
  });

  it('the same address for two hosts: exit 78, naming both', async () => {
    const racks = ['  A3:', '    hosts:', `      a3-01: { ssh: { address: ${TRAP} } }`, `      a3-02: { ssh: { address: ${TRAP} } }`].join('\n');
    const file = write('duplicate-address.yaml', inventory(racks));
    const stderr = await expectRefused(['--inventory', file], 78, /:\d+ racks\.A3\.hosts\.a3-0[12]/);
    expect(stderr).toMatch(/a3-01/);
    expect(stderr).toMatch(new RegExp(TRAP.replace(/\./g, '\\.')));
  });

  it('a missing identity file: exit 78, naming the file', async () => {
    const file = write('missing-identity.yaml', inventory(ONE_RACK).replace(join(dir, 'id_ed25519'), join(dir, 'no_such_key')));
    await expectRefused(['--inventory', file], 78, /no_such_key/);
  });

  it('a known_hosts that is not a file: exit 78', async () => {
    mkdirSync(join(dir, 'known_hosts.d'), { recursive: true });
    const file = write('known-hosts-dir.yaml', inventory(ONE_RACK).replace(join(dir, 'known_hosts'), join(dir, 'known_hosts.d')));
    await expectRefused(['--inventory', file], 78, /known_hosts\.d/);
  });

  it('a known_hosts the user cannot read: exit 78', async () => {
    // Root reads any file; run as nobody, who owns the rest of the setup but not known_hosts.
    const sub = mkdtempSync(join(dir, 'nobody-'));
    chmodSync(sub, 0o755);
    for (const [name, mode] of [['known_hosts', 0o000], ['id_ed25519', 0o600], ['secrets.yaml', 0o600]] as const) {
      writeFileSync(join(sub, name), name === 'id_ed25519' ? readFileSync(join(dir, name)) : name === 'secrets.yaml' ? 'hosts: {}\n' : '', { mode });
      chownSync(join(sub, name), 65534, 65534);
      chmodSync(join(sub, name), mode);
    }
    chownSync(join(sub, 'known_hosts'), 0, 0);
    const file = join(sub, 'inventory.yaml');
    writeFileSync(file, inventory(ONE_RACK).split(dir + '/').join(sub + '/'), { mode: 0o644 });
    const before = connections;
    const run = await execa('setpriv', ['--reuid', '65534', '--regid', '65534', '--clear-groups', 'node', 'bin/fleetcheck.js', '--inventory', file], {
      cwd: REPO,
      reject: false,
      stdin: 'ignore',
      timeout: 30_000,
    });
    expect(run.exitCode, run.stderr).toBe(78);
    expect(run.stderr).toMatch(/known_hosts.*(not readable|permission|unreadable|cannot read)/i);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(connections - before).toBe(0);
  });
});

describe('mutated inventories at the command line', () => {
  it('each one lists (exit 0) or exits 78 with the file named, never a stack trace', async () => {
    const valid = parseYaml(readFileSync(join(REPO, 'inventory/lab.yaml'), 'utf8').split('../').join(`${REPO}/`)) as Record<string, unknown>;
    // A fixed seed: the same handful of cases on every run, each a real process.
    const cases = fc.sample(
      fc.record({ section: fc.constantFrom('defaults', 'racks', 'provider', 'secrets', 'version'), value: fc.jsonValue({ maxDepth: 2 }) }),
      { numRuns: 8, seed: 7 },
    );
    for (const [i, c] of cases.entries()) {
      const file = write(`mutated-${i}.yaml`, stringify({ ...valid, [c.section]: c.value }));
      const run = await fleetcheck(['list', '--inventory', file], { timeoutMs: 30_000 });
      expect([0, 78], run.stderr).toContain(run.exitCode);
      if (run.exitCode === 78) expect(run.stderr.split('\n')[0]).toContain(`fleetcheck: ${file}`);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    }
  });
});
