// Colours and the redrawn progress line at a real terminal: `script` gives the CLI a pseudo-terminal
// for both stdout and stderr, as an operator's shell would. The scanned host is a loopback address
// nothing listens on, so the run ends at once with that host's error (exit 2), in colour or not.
import { rmSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryText, REPO, workspace, type Workspace } from './support/built-cli.js';

let ws: Workspace;
let inventory: string;

beforeAll(() => {
  ws = workspace('fc-terminal-');
  inventory = ws.write('fleet.yaml', inventoryText(ws, '  A3:\n    hosts:\n      a3-01: { ssh: { address: 127.200.12.1 } }'));
});
afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

/** Everything the CLI wrote to its terminal, with `env` replacing TERM and NO_COLOR. */
async function atTerminal(env: Record<string, string>): Promise<{ exitCode: number; text: string }> {
  const { NO_COLOR: _drop, TERM: _term, ...rest } = process.env;
  const command = `node bin/fleetcheck.js --inventory '${inventory}' --check 'residue.provider-ssh-key'`;
  const r = await execa('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd: REPO,
    env: { ...rest, ...env },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });
  return { exitCode: r.exitCode ?? -1, text: r.stdout };
}

describe('output at a terminal', () => {
  it('has colours and a redrawn progress line on an ordinary terminal', async () => {
    const run = await atTerminal({ TERM: 'xterm-256color' });
    expect(run.exitCode, run.text).toBe(2);
    expect(run.text).toContain('\x1b[K');
    expect(run.text).toMatch(/\x1b\[[0-9;]*m/);
  });

  it('has neither on TERM=dumb', async () => {
    const run = await atTerminal({ TERM: 'dumb' });
    expect(run.exitCode, run.text).toBe(2);
    expect(run.text).toMatch(/a3-01/);
    expect(run.text).not.toContain('\x1b');
  });

  it('has no colours with NO_COLOR, whatever the terminal', async () => {
    const run = await atTerminal({ TERM: 'xterm-256color', NO_COLOR: '1' });
    expect(run.exitCode, run.text).toBe(2);
    expect(run.text).not.toMatch(/\x1b\[[0-9;]*m/);
  });
});
