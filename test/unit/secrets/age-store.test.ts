import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgeSecretStore } from '../../../src/secrets/age-store.js';
import { ageGenerateIdentity } from '../../../src/secrets/age-tool.js';
import { readStoreDocument, writeStoreDocument } from '../../../src/secrets/store-document-io.js';
import type { SecretsSource } from '../../../src/inventory/types.js';

const PASSWORD = 'Unit-age-Pw-7731';
let dir: string;
let identityFile: string;
let source: Extract<SecretsSource, { kind: 'age' }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fc-age-'));
  identityFile = join(dir, 'identity.txt');
  const id = await ageGenerateIdentity();
  if (!id.ok) throw new Error(id.message);
  writeFileSync(identityFile, id.value.reveal(), { mode: 0o600 });
  source = { kind: 'age', path: join(dir, 'store.age'), identity: { kind: 'file', path: identityFile }, recipients: [] };
});

describe('the age secret store', () => {
  it('writes a store that Debian’s age decrypts, and reads it back', async () => {
    const doc = { hosts: { 'a3-01': { bmc: { accounts: [{ user: 'ADMIN', password: PASSWORD, privilege: 'administrator' as const }] }, bios: { password: 'Bios-unit-1' } } } };
    expect(await writeStoreDocument(source, doc)).toEqual({ ok: true, value: undefined });
    expect(readFileSync(source.path).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    const plain = execFileSync('age', ['--decrypt', '-i', identityFile, source.path], { encoding: 'utf8' });
    expect(plain).toContain(PASSWORD);
    const back = await readStoreDocument(source);
    expect(back.ok && back.value.hosts['a3-01']?.bmc?.accounts[0]?.password).toBe(PASSWORD);
  });

  it('opens a store encrypted by the age binary, values wrapped', async () => {
    const recipient = execFileSync('age-keygen', ['-y', identityFile], { encoding: 'utf8' }).trim();
    const file = join(dir, 'from-cli.age');
    execFileSync('age', ['-r', recipient, '-o', file], { input: `hosts:\n  b1-01:\n    bmc:\n      accounts:\n        - { user: ADMIN, password: "${PASSWORD}" }\n` });
    const store = new AgeSecretStore(file, { kind: 'file', path: identityFile });
    const got = await store.forHost('b1-01');
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.value.bmcAccounts[0]!.password.reveal()).toBe(PASSWORD);
    expect(JSON.stringify(got.value)).not.toContain(PASSWORD);
    expect(got.value.bmcAccounts[0]!.privilege).toBe('administrator');
  });

  it('takes the identity from an environment variable', async () => {
    const name = 'FC_UNIT_AGE_IDENTITY';
    process.env[name] = readFileSync(identityFile, 'utf8');
    try {
      const got = await new AgeSecretStore(source.path, { kind: 'env', name }).forHost('a3-01');
      expect(got.ok).toBe(true);
    } finally {
      delete process.env[name];
    }
    const unset = await new AgeSecretStore(source.path, { kind: 'env', name }).forHost('a3-01');
    expect(unset).toMatchObject({ ok: false, reason: 'secret', message: expect.stringContaining(`key 'a3-01'`) });
  });

  it('names the key when it is missing or the store cannot be opened, and never quotes the identity', async () => {
    const store = new AgeSecretStore(source.path, { kind: 'file', path: identityFile });
    expect(await store.forHost('zz-99')).toMatchObject({ ok: false, message: `no secrets stored under key 'zz-99' in ${source.path}` });
    const other = join(dir, 'other.txt');
    writeFileSync(other, execFileSync('age-keygen', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), { mode: 0o600 });
    const wrong = await new AgeSecretStore(source.path, { kind: 'file', path: other }).forHost('a3-01');
    expect(wrong).toMatchObject({ ok: false, reason: 'secret' });
    if (!wrong.ok) {
      expect(wrong.message).toMatch(/key 'a3-01'.*no identity matched/);
      expect(wrong.message).not.toContain('AGE-SECRET-KEY');
    }
    writeFileSync(other, 'AGE-SECRET-KEY-1NOTAKEY\n', { mode: 0o600 });
    const bad = await new AgeSecretStore(source.path, { kind: 'file', path: other }).forHost('a3-01');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).not.toContain('NOTAKEY');
  });
});
