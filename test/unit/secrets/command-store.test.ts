import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CommandSecretStore } from '../../../src/secrets/command-store.js';

/** Whether `pid` is a live process (a zombie awaiting its parent's wait is not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

function helper(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fc-helper-'));
  const file = join(dir, 'helper.sh');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o700);
  return file;
}

describe('the command secret store', () => {
  it('reads one host entry from the helper’s stdout; the key is the last argument and in the environment', async () => {
    const file = helper(`[ "$1" = "$FLEETCHECK_SECRET_KEY" ] || exit 9\nprintf 'bmc:\\n  accounts:\\n    - { user: ADMIN, password: "Cmd-%s-pw" }\\n' "$1"`);
    const got = await new CommandSecretStore({ run: [file], timeoutMs: 5000 }).forHost('a3-01');
    expect(got.ok && got.value.bmcAccounts[0]!.password.reveal()).toBe('Cmd-a3-01-pw');
  });

  it('maps exit 3 to a missing key, other exits to a failure, naming the key and never the helper’s stderr', async () => {
    const missing = await new CommandSecretStore({ run: [helper('exit 3')], timeoutMs: 5000 }).forHost('b1-02');
    expect(missing).toMatchObject({ ok: false, reason: 'secret-absent', message: expect.stringContaining(`no secrets stored under key 'b1-02'`) });
    const failed = await new CommandSecretStore({ run: [helper('echo "leak-me" >&2; exit 1')], timeoutMs: 5000 }).forHost('b1-02');
    expect(failed).toMatchObject({ ok: false, message: expect.stringContaining(`failed for key 'b1-02' (exit 1)`) });
    expect(JSON.stringify(failed)).not.toContain('leak-me');
  });

  it('kills a helper that passes its deadline', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'fc-helper-pid-')), 'pid');
    // The helper would sleep an hour: returning with it dead is the deadline kept by killing it.
    const got = await new CommandSecretStore({ run: [helper(`echo $$ > ${pidFile}; exec sleep 3600`)], timeoutMs: 300 }).forHost('a3-01');
    expect(got).toMatchObject({ ok: false, message: expect.stringContaining('before its deadline') });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 10_000 });
  });

  it('rejects output that is not a host entry without quoting it', async () => {
    const got = await new CommandSecretStore({ run: [helper('echo "bmc: [Secret-Value-1]"')], timeoutMs: 5000 }).forHost('a3-01');
    expect(got.ok).toBe(false);
    expect(JSON.stringify(got)).not.toContain('Secret-Value-1');
  });
});
