import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PassSecretStore } from '../../../src/secrets/pass-store.js';
import { endGpgAgent } from '../support/gpg-agent.js';

// scripts/setup.sh installs pass (and gpg with it): the store is tested for real, never skipped.
describe('the pass secret store', () => {
  it('reads <prefix>/<key> from a real password store', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'fc-pass-'));
    const env = { ...process.env, GNUPGHOME: join(home, 'gnupg'), PASSWORD_STORE_DIR: join(home, 'store') };
    execFileSync('mkdir', ['-m', '700', env.GNUPGHOME]);
    execFileSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'fleetcheck-test@example.invalid', 'default', 'default', 'never'], { env, stdio: 'ignore' });
    execFileSync('pass', ['init', 'fleetcheck-test@example.invalid'], { env, stdio: 'ignore' });
    execFileSync('pass', ['insert', '-m', 'fleet/a3-01'], { env, input: 'bmc:\n  accounts:\n    - { user: ADMIN, password: "Pass-unit-9", privilege: operator }\n', stdio: ['pipe', 'ignore', 'ignore'] });
    const saved = { GNUPGHOME: process.env['GNUPGHOME'] };
    process.env['GNUPGHOME'] = env.GNUPGHOME;
    try {
      const store = new PassSecretStore({ prefix: 'fleet', dir: env.PASSWORD_STORE_DIR, timeoutMs: 20_000 });
      const got = await store.forHost('a3-01');
      expect(got.ok && got.value.bmcAccounts[0]!.password.reveal()).toBe('Pass-unit-9');
      expect(got.ok && got.value.bmcAccounts[0]!.privilege).toBe('operator');
      expect(await store.forHost('zz-01')).toMatchObject({ ok: false, reason: 'secret-absent', message: expect.stringContaining(`key 'zz-01'`) });
      // A store that is not where the inventory says, or a prefix it does not have, is not "nothing stored".
      const elsewhere = new PassSecretStore({ prefix: 'fleet', dir: join(home, 'no-store-here'), timeoutMs: 20_000 });
      expect(await elsewhere.forHost('zz-01')).toMatchObject({ ok: false, reason: 'secret', message: expect.stringContaining('no password store at') });
      const misprefixed = new PassSecretStore({ prefix: 'flet', dir: env.PASSWORD_STORE_DIR, timeoutMs: 20_000 });
      expect(await misprefixed.forHost('zz-01')).toMatchObject({ ok: false, reason: 'secret', message: expect.stringContaining('has no flet/') });
    } finally {
      // gpg started an agent for this GNUPGHOME; end exactly that one.
      endGpgAgent(env.GNUPGHOME!, env);
      if (saved.GNUPGHOME === undefined) delete process.env['GNUPGHOME'];
      else process.env['GNUPGHOME'] = saved.GNUPGHOME;
    }
  });
});
