// The store's `systems` section (repository passwords of provider systems) in every backend and in `secrets` edits.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandSecretStore } from '../../../src/secrets/command-store.js';
import { describeKeys, mergeDocuments, setSecret, setSystemSecret } from '../../../src/secrets/edit-document.js';
import { FileSecretStore } from '../../../src/secrets/file-store.js';
import { PassSecretStore } from '../../../src/secrets/pass-store.js';
import { purgeDocument } from '../../../src/secrets/purge-plan.js';
import { parseSecretsDocument, renderSecretsDocument } from '../../../src/secrets/secrets-document.js';
import { endGpgAgent } from '../support/gpg-agent.js';
import { slotOf } from '../../../src/cli/secrets-command.js';

const ref = { system: 'backup01', name: 'restic-main' };

describe('repository passwords in the store', () => {
  it('the document keeps a systems section beside the hosts, through set, merge and purge', () => {
    let doc = setSystemSecret({ hosts: {} }, 'backup01', 'restic-main', 'Restic-pw-1');
    doc = setSecret(doc, 'a3-01', { kind: 'bios' }, 'Bios-pw-1');
    doc = mergeDocuments(doc, { hosts: {}, systems: { backup01: { 'borg-main': 'Borg-pw-1' } } });
    expect(doc.systems).toEqual({ backup01: { 'restic-main': 'Restic-pw-1', 'borg-main': 'Borg-pw-1' } });
    const purged = purgeDocument(doc, [{ key: 'a3-01', hosts: ['a3-01'], items: [], entire: { held: [], deadline: '2026-01-01', window: '3 months' } }] as never);
    expect(purged.hosts).toEqual({});
    expect(purged.systems).toEqual(doc.systems);
    const again = parseSecretsDocument(renderSecretsDocument(doc), 'test');
    expect(again.ok && again.value.systems).toEqual(doc.systems);
    expect(describeKeys(doc)).toEqual(['a3-01  bmc: -; bios: set', 'system backup01  repositories: borg-main, restic-main']);
    expect(describeKeys(doc).join('\n')).not.toMatch(/pw-1/);
  });

  it('`secrets set SYSTEM repository NAME` names a repository password slot', () => {
    expect(slotOf(['repository', 'restic-main'], {})).toEqual({ kind: 'repository', name: 'restic-main' });
    expect(() => slotOf(['repository'], {})).toThrow(/name the repository password/);
  });

  it('a file store answers a repository password, and a missing one as secret-absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-sys-'));
    const file = join(dir, 'secrets.yaml');
    writeFileSync(file, 'hosts: {}\nsystems:\n  backup01:\n    restic-main: "Restic-pw-2"\n');
    const store = new FileSecretStore(file);
    const got = await store.forSystem(ref);
    expect(got.ok && got.value.reveal()).toBe('Restic-pw-2');
    expect(await store.forSystem({ system: 'backup01', name: 'borg-main' })).toMatchObject({ ok: false, reason: 'secret-absent', message: `no repository password systems.backup01.borg-main in ${file}` });
  });

  it('a helper is asked for systems/SYSTEM/NAME and prints the password alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-sys-helper-'));
    const helper = join(dir, 'helper.sh');
    writeFileSync(helper, '#!/bin/sh\n[ "$FLEETCHECK_SECRET_KIND" = system ] || exit 9\ncase $1 in systems/backup01/restic-main) echo "Cmd-restic-pw" ;; *) exit 3 ;; esac\n');
    chmodSync(helper, 0o700);
    const store = new CommandSecretStore({ run: [helper], timeoutMs: 5000 });
    const got = await store.forSystem(ref);
    expect(got.ok && got.value.reveal()).toBe('Cmd-restic-pw');
    expect(await store.forSystem({ system: 'backup01', name: 'nope' })).toMatchObject({ ok: false, reason: 'secret-absent' });
  });

  it('a pass store reads <prefix>/systems/SYSTEM/NAME, its first line', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'fc-pass-sys-'));
    const env = { ...process.env, GNUPGHOME: join(home, 'gnupg'), PASSWORD_STORE_DIR: join(home, 'store') };
    execFileSync('mkdir', ['-m', '700', env.GNUPGHOME]);
    execFileSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'fleetcheck-test@example.invalid', 'default', 'default', 'never'], { env, stdio: 'ignore' });
    execFileSync('pass', ['init', 'fleetcheck-test@example.invalid'], { env, stdio: 'ignore' });
    execFileSync('pass', ['insert', '-m', 'fleet/systems/backup01/restic-main'], { env, input: 'Pass-restic-pw\nnote: second line\n', stdio: ['pipe', 'ignore', 'ignore'] });
    const saved = process.env['GNUPGHOME'];
    process.env['GNUPGHOME'] = env.GNUPGHOME;
    try {
      const store = new PassSecretStore({ prefix: 'fleet', dir: env.PASSWORD_STORE_DIR, timeoutMs: 20_000 });
      const got = await store.forSystem(ref);
      expect(got.ok && got.value.reveal()).toBe('Pass-restic-pw');
      expect(await store.forSystem({ system: 'backup01', name: 'borg-main' })).toMatchObject({ ok: false, reason: 'secret-absent' });
    } finally {
      endGpgAgent(env.GNUPGHOME, env);
      if (saved === undefined) delete process.env['GNUPGHOME'];
      else process.env['GNUPGHOME'] = saved;
    }
  });
});
