import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { secretsPurge } from '../../../src/cli/secrets-purge.js';
import { endGpgAgent } from '../support/gpg-agent.js';

// scripts/setup.sh installs pass (and gpg with it): the purge is tested for real, never skipped.

/** A stream standing in for stdout/stderr, keeping what was written. */
function sink(): NodeJS.WriteStream & { text: () => string } {
  const s = new PassThrough();
  let text = '';
  s.on('data', (d: Buffer) => (text += d.toString()));
  return Object.assign(s, { text: () => text, isTTY: false }) as unknown as NodeJS.WriteStream & { text: () => string };
}

describe('secrets purge on a pass store', () => {
  it('rewrites an entry with pass insert and removes an expired one with pass rm', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'fc-pass-purge-'));
    const env = { ...process.env, GNUPGHOME: join(home, 'gnupg'), PASSWORD_STORE_DIR: join(home, 'store') };
    execFileSync('mkdir', ['-m', '700', env.GNUPGHOME]);
    execFileSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'fleetcheck-test@example.invalid', 'default', 'default', 'never'], { env, stdio: 'ignore' });
    execFileSync('pass', ['init', 'fleetcheck-test@example.invalid'], { env, stdio: 'ignore' });
    const insert = (name: string, text: string) => execFileSync('pass', ['insert', '-m', name], { env, input: text, stdio: ['pipe', 'ignore', 'ignore'] });
    insert('fleet/d4-09', 'bmc:\n  accounts:\n    - { user: ADMIN, password: "Pass-Bmc-09", privilege: operator }\nos:\n  - { user: root, password: "Pass-Os-09", handover: 2026-01-02 }\n');
    insert('fleet/d4-11', 'bmc:\n  accounts:\n    - { user: ADMIN, password: "Pass-Bmc-11" }\n');
    const inventory = join(home, 'fleet.yaml');
    writeFileSync(
      inventory,
      [
        'version: 1',
        'defaults: { ssh: { knownHosts: known_hosts } }',
        `secrets: { pass: { prefix: fleet, dir: ${env.PASSWORD_STORE_DIR}, timeout: 20s } }`,
        'provider: {}',
        'racks:',
        '  D4:',
        '    hosts:',
        '      d4-09: { ssh: { address: 192.0.2.9 }, contract: { id: C-9, customer: X, end: 2099-12-31 } }',
        '      d4-11: { ssh: { address: 192.0.2.11 }, contract: { id: C-11, customer: X, end: 2020-07-20 } }',
      ].join('\n'),
    );
    const saved = process.env['GNUPGHOME'];
    process.env['GNUPGHOME'] = env.GNUPGHOME;
    try {
      const stdout = sink();
      const stderr = sink();
      const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
      const code = await secretsPurge({ inventory, host: ['d4-[09,11]'], yes: true }, { stdin, stdout, stderr });
      expect(code).toBe(0);
      expect(stdout.text()).toContain('removed from pass fleet/:');
      expect(stdout.text()).toContain('d4-09  OS login root (handed over on 2026-01-02)');
      expect(stdout.text()).toMatch(/d4-11 {2}the whole entry: 1 BMC account\(s\)/);
      expect(stdout.text() + stderr.text()).not.toMatch(/Pass-(Bmc|Os)-/);
      const d409 = execFileSync('pass', ['show', 'fleet/d4-09'], { env, encoding: 'utf8' });
      expect(d409).toContain('Pass-Bmc-09');
      expect(d409).not.toContain('Pass-Os-09');
      expect(existsSync(join(env.PASSWORD_STORE_DIR, 'fleet', 'd4-11.gpg'))).toBe(false);
    } finally {
      endGpgAgent(env.GNUPGHOME!, env);
      if (saved === undefined) delete process.env['GNUPGHOME'];
      else process.env['GNUPGHOME'] = saved;
    }
  });
});
