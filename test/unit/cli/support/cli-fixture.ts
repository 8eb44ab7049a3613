// Runs the real, built command line against a tiny inventory whose hosts refuse connections at
// once (nothing listens on 127.200.0.x:22), so a scan ends in a second with a whole report and
// needs neither the lab nor the network.
import { execFileSync, spawn, type StdioOptions } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bin/fleetcheck.js runs the build in dist/). */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** A fresh directory holding inventory.yaml, its key, known_hosts and a plaintext secrets file. */
export function tinyInventory(extraYaml = ''): { dir: string; inventory: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fc-cli-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
  writeFileSync(join(dir, 'known_hosts'), '');
  writeFileSync(join(dir, 'secrets.yaml'), 'hosts: {}\n', { mode: 0o600 });
  chmodSync(join(dir, 'id'), 0o600);
  const inventory = join(dir, 'inventory.yaml');
  writeFileSync(
    inventory,
    [
      'version: 1',
      'defaults:',
      '  ssh: { user: root, identity: id, knownHosts: known_hosts, connectTimeout: 2s }',
      'secrets: { file: secrets.yaml }',
      'provider: {}',
      'racks:',
      '  Z9:',
      '    hosts:',
      '      z9-01: { ssh: { address: 127.200.0.1 } }',
      '      z9-02: { ssh: { address: 127.200.0.2 } }',
      extraYaml,
    ].join('\n') + '\n',
  );
  return { dir, inventory };
}

/** What one run of the command line did. */
export interface CliOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/fleetcheck.js …args`. `stdout` is 'pipe' (read whole), 'closed-pipe' (a pipe
 * whose reader is gone before the program writes), or a file descriptor to hand over (/dev/full).
 */
export function runCli(args: string[], stdout: 'pipe' | 'closed-pipe' | number = 'pipe', env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> {
  const stdio: StdioOptions = ['ignore', typeof stdout === 'number' ? stdout : 'pipe', 'pipe'];
  const child = spawn(process.execPath, [join(REPO, 'bin/fleetcheck.js'), ...args], { cwd: REPO, stdio, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  if (stdout === 'closed-pipe') child.stdout!.destroy();
  else child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fleetcheck ${args.join(' ')} did not finish within 20 s`));
    }, 20_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: out, stderr: err });
    });
  });
}
