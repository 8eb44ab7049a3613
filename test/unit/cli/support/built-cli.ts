// Runs the built command line (bin/fleetcheck.js, after `npm run build`) with no lab: every file it
// needs is written to a private directory, and hosts point at loopback addresses nothing listens on.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** The repository root. */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** What one run produced. */
export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `fleetcheck ...args` with stdout and stderr piped; never throws on a non-zero exit. */
export async function fleetcheck(args: string[], options: { env?: Record<string, string>; timeoutMs?: number; input?: string } = {}): Promise<CliRun> {
  const r = await execa('node', ['bin/fleetcheck.js', ...args], {
    cwd: REPO,
    reject: false,
    ...(options.env ? { env: options.env } : {}),
    timeout: options.timeoutMs ?? 60_000,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
  });
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A private directory holding a scanner key, an empty known_hosts and an empty secrets file. */
export interface Workspace {
  dir: string;
  identity: string;
  knownHosts: string;
  secrets: string;
  /** Writes `name` under the directory (mode 0600 for secrets-like files when asked) and returns its path. */
  write(name: string, text: string, mode?: number): string;
}

/** Makes a workspace under the system's temporary directory. */
export function workspace(prefix: string): Workspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const write = (name: string, text: string, mode = 0o644): string => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode });
    chmodSync(path, mode);
    return path;
  };
  const identity = join(dir, 'id_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'fleetcheck-test', '-f', identity], { stdio: 'ignore' });
  const knownHosts = write('known_hosts', '');
  const secrets = write('secrets.yaml', 'hosts: {}\n', 0o600);
  return { dir, identity, knownHosts, secrets, write };
}

/**
 * An inventory text: `defaults` and `secrets` from the workspace, then `racks` (indented as under
 * `racks:`). Line numbers without `bmc`: `racks:` is line 6, the racks text starts at line 7.
 */
export function inventoryText(ws: Workspace, racks: string, options: { ssh?: string; secrets?: string; bmc?: string } = {}): string {
  return [
    'version: 1',
    'defaults:',
    `  ssh: { knownHosts: ${ws.knownHosts}, identity: ${ws.identity}, connectTimeout: 1s${options.ssh ?? ''} }`,
    ...(options.bmc === undefined ? [] : [`  bmc: { ${options.bmc} }`]),
    `secrets: ${options.secrets ?? `{ file: ${ws.secrets} }`}`,
    'provider: {}',
    'racks:',
    racks,
    '',
  ].join('\n');
}
