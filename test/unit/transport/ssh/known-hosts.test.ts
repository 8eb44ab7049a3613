import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendKnownHostsLine,
  entriesForHost,
  formatKnownHostsLine,
  knownHostsName,
  parseKnownHosts,
  readKnownHostsFile,
} from '../../../../src/transport/ssh/known-hosts.js';

const fixture = (name: string) => readFile(new URL(`../../../../fixtures/ssh/${name}`, import.meta.url), 'utf8');

/** The line numbers the real `ssh-keygen -F name` reports in the plain fixture ("# Host NAME found: line N"). */
function sshKeygenFind(name: string): number[] {
  const file = fileURLToPath(new URL('../../../../fixtures/ssh/known_hosts.plain', import.meta.url));
  const run = spawnSync('ssh-keygen', ['-F', name, '-f', file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return [...run.stdout.matchAll(/^# Host \S+ found: line (\d+)/gm)].map((m) => Number(m[1]));
}

// Key blobs as they appear in the fixtures.
const ED25519_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIG7RSB8vPjO+PXnphqRG7+MlNlLlS17L9XfsJk+IgSw5';
const ECDSA_B =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHFKKnHrWTAJu03e3L25iSPFypdQZ9VVaaHQ77xoOlXYSIl3LQ4DsYQddaUze3KeBq4OPrV5nE3z7Bl/1SN3AAE=';
const ED25519_C = 'AAAAC3NzaC1lZDI1NTE5AAAAIF97cHa/bOiJyHFWwoMQOo6wpi5IJQkMg95XI0Ixi9oP';

describe('knownHostsName', () => {
  it.each([
    ['127.11.3.1', 22, '127.11.3.1'],
    ['127.11.3.1', 2222, '[127.11.3.1]:2222'],
    ['A3-01.Lab', 22, 'a3-01.lab'],
    ['::1', 2200, '[::1]:2200'],
  ])('%s port %i is recorded as %s', (address, port, name) => {
    expect(knownHostsName(address, port)).toBe(name);
  });
});

describe('parseKnownHosts on the plain fixture', () => {
  it('keeps the valid entries with their line numbers and markers, skips garbage', async () => {
    const parsed = parseKnownHosts(await fixture('known_hosts.plain'));
    expect(parsed.entries.map((e) => [e.line, e.marker ?? '-', e.keyType])).toEqual([
      [3, '-', 'ssh-ed25519'],
      [4, '-', 'ecdsa-sha2-nistp256'],
      [5, '-', 'ssh-rsa'],
      [6, '-', 'ssh-ed25519'],
      [7, '-', 'ssh-ed25519'],
      [8, 'cert-authority', 'ssh-ed25519'],
      [9, 'revoked', 'ssh-ed25519'],
    ]);
    // garbage, bad base64, blob of another type than declared, unknown marker, host only
    expect(parsed.skippedLines).toEqual([10, 11, 12, 13, 14]);
  });

  // The lines the real `ssh-keygen -F NAME` lists (OpenSSH 9.2), and ours. ssh-keygen -F lists
  // every line whose host pattern matches, even one whose key cannot be read (lines 11 and 12 for
  // 127.11.3.9: bad base64, an ed25519 blob declared ssh-rsa); ssh skips such a line when it
  // verifies a host, and so do we: it can vouch for no key.
  it.each([
    ['127.11.3.1', [3, 9], [3, 9]],
    ['a3-01.lab', [3, 8, 9], [3, 8, 9]],
    ['[127.11.3.2]:2222', [4, 9], [4, 9]],
    ['127.11.3.2', [9], [9]],
    ['127.11.3.3', [5, 9], [5, 9]],
    ['127.11.4.7', [6, 9], [6, 9]],
    ['10.0.0.4', [7, 9], [7, 9]],
    ['10.0.0.5', [9], [9]],
    ['10.0.0.40', [9], [9]],
    ['127.11.3.9', [9, 11, 12], [9]],
  ])('%s: ssh-keygen -F lists lines %j, we match those whose key can be read, %j', async (name, keygenLines, ours) => {
    const parsed = parseKnownHosts(await fixture('known_hosts.plain'));
    expect(sshKeygenFind(name)).toEqual(keygenLines);
    expect(entriesForHost(parsed, name).map((e) => e.line)).toEqual(ours);
    expect(ours).toEqual(keygenLines.filter((line) => !parsed.skippedLines.includes(line)));
  });

  it('decodes the key blob of an entry', async () => {
    const parsed = parseKnownHosts(await fixture('known_hosts.plain'));
    expect(entriesForHost(parsed, '127.11.3.1')[0]?.blob.toString('base64')).toBe(ED25519_A);
  });
});

describe('hashed entries', () => {
  it('matches the lines ssh-keygen -H produced', async () => {
    const parsed = parseKnownHosts(await fixture('known_hosts.hashed'));
    expect(entriesForHost(parsed, '127.11.3.1').map((e) => e.blob.toString('base64'))).toEqual([ED25519_A]);
    expect(entriesForHost(parsed, '[127.11.3.2]:2222').map((e) => e.blob.toString('base64'))).toEqual([ECDSA_B]);
    expect(entriesForHost(parsed, '127.11.3.2')).toEqual([]);
  });

  it('matches an entry hashed here with HMAC-SHA1 over a fresh salt', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[10.1.2.3]:2022').digest();
    const text = `|1|${salt.toString('base64')}|${hash.toString('base64')} ssh-ed25519 ${ED25519_C}\n`;
    const parsed = parseKnownHosts(text);
    expect(entriesForHost(parsed, knownHostsName('10.1.2.3', 2022)).map((e) => e.line)).toEqual([1]);
    expect(entriesForHost(parsed, knownHostsName('10.1.2.3', 22))).toEqual([]);
  });

  it.each([
    ['|1|short|x ssh-ed25519 ' + ED25519_C],
    ['|2|' + 'A'.repeat(28) + '|' + 'A'.repeat(28) + ' ssh-ed25519 ' + ED25519_C],
    ['|1|' + Buffer.alloc(8).toString('base64') + '|' + Buffer.alloc(20).toString('base64') + ' ssh-ed25519 ' + ED25519_C],
  ])('skips a malformed hash field: %s', (line) => {
    expect(parseKnownHosts(line).skippedLines).toEqual([1]);
  });
});

describe('parser robustness', () => {
  it('survives CRLF, empty input and binary junk', () => {
    expect(parseKnownHosts('').entries).toEqual([]);
    expect(parseKnownHosts(`h1 ssh-ed25519 ${ED25519_C}\r\n`).entries).toHaveLength(1);
    const junk = parseKnownHosts('\u0000\u0001\u00ff @ | || ,,, \n@revoked\n@cert-authority a\n');
    expect(junk.entries).toEqual([]);
    expect(junk.skippedLines).toEqual([1, 2, 3]);
  });
});

describe('formatKnownHostsLine', () => {
  it('writes name, type and base64 blob', () => {
    const blob = Buffer.from(ED25519_C, 'base64');
    expect(formatKnownHostsLine('[127.0.0.1]:2222', blob)).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${ED25519_C}\n`);
    const reparsed = parseKnownHosts(formatKnownHostsLine('127.0.0.1', blob));
    expect(entriesForHost(reparsed, '127.0.0.1')[0]?.blob.equals(blob)).toBe(true);
  });
});

describe('known_hosts file I/O', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reads a missing file as empty and appends to create it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetcheck-kh-'));
    const path = join(dir, 'sub', 'known_hosts');
    const before = await readKnownHostsFile(path);
    expect(before).toMatchObject({ entries: [], missing: true, needsNewline: false });
    await appendKnownHostsLine(path, `a ssh-ed25519 ${ED25519_C}\n`, false);
    expect(await readFile(path, 'utf8')).toBe(`a ssh-ed25519 ${ED25519_C}\n`);
  });

  it('starts a new line when the file does not end with one, and concurrent appends stay whole', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetcheck-kh-'));
    const path = join(dir, 'known_hosts');
    await writeFile(path, `a ssh-ed25519 ${ED25519_C}`);
    const file = await readKnownHostsFile(path);
    expect(file.needsNewline).toBe(true);
    await appendKnownHostsLine(path, `b ssh-ed25519 ${ED25519_C}\n`, file.needsNewline);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => appendKnownHostsLine(path, `h${i} ssh-ed25519 ${ED25519_C}\n`, false)),
    );
    const parsed = parseKnownHosts(await readFile(path, 'utf8'));
    expect(parsed.skippedLines).toEqual([]);
    expect(parsed.entries).toHaveLength(42);
  });

  it('rejects, saying why, when the path is not a regular file it can read', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetcheck-kh-'));
    await expect(readKnownHostsFile(dir)).rejects.toMatchObject({ code: 'not a regular file' });
    await expect(readKnownHostsFile('/dev/zero')).rejects.toMatchObject({ code: 'not a regular file' });
  });
});
