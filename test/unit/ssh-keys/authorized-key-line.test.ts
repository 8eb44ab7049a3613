import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAuthorizedKeyLine } from '../../../src/ssh-keys/authorized-key-line.js';

// Keys and fingerprints come from the real ssh-keygen, so the parser is held to OpenSSH's own answer.
const keys: Record<string, { line: string; fingerprint: string }> = {};

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'fc-keys-'));
  for (const [name, args] of [
    ['ed25519', ['-t', 'ed25519']],
    ['rsa', ['-t', 'rsa', '-b', '2048']],
    ['ecdsa', ['-t', 'ecdsa', '-b', '384']],
  ] as const) {
    const file = join(dir, name);
    execFileSync('ssh-keygen', [...args, '-q', '-N', '', '-C', `${name}@test`, '-f', file]);
    const fp = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
    keys[name] = { line: readFileSync(`${file}.pub`, 'utf8').trim(), fingerprint: fp };
  }
});

describe('parseAuthorizedKeyLine', () => {
  it('matches ssh-keygen fingerprints for each key type', () => {
    for (const { line, fingerprint } of Object.values(keys)) {
      expect(parseAuthorizedKeyLine(line)?.fingerprint).toBe(fingerprint);
    }
  });

  it('reads keys behind options with quoted commas and spaces', () => {
    const { line, fingerprint } = keys.ed25519!;
    const parsed = parseAuthorizedKeyLine(`from="10.0.0.0/8,192.0.2.1",command="echo \\"a, b\\"",no-pty ${line}`);
    expect(parsed).toEqual({ type: 'ssh-ed25519', fingerprint, options: ['from', 'command', 'no-pty'], comment: 'ed25519@test' });
  });

  it('reads an RSA key written under a signature algorithm name, as sshd does', () => {
    const [, b64, comment] = keys.rsa!.line.split(' ');
    for (const alias of ['rsa-sha2-512', 'rsa-sha2-256']) {
      expect(parseAuthorizedKeyLine(`${alias} ${b64} ${comment}`)).toMatchObject({ type: 'ssh-rsa', fingerprint: keys.rsa!.fingerprint });
    }
    // The alias names RSA only: an ed25519 blob under it is not a key.
    expect(parseAuthorizedKeyLine(`rsa-sha2-512 ${keys.ed25519!.line.split(' ')[1]}`)).toBeUndefined();
  });

  // sshd matches option names without regard to case (OpenSSH's opt_flag and opt_match compare
  // with strncasecmp): FROM= restricts and Command= forces a command as from= and command= do.
  it('names options in lower case whatever case they are written in, as sshd honours them', () => {
    const { line, fingerprint } = keys.ed25519!;
    const parsed = parseAuthorizedKeyLine(`FROM="10.0.0.0/8",Command="/bin/true",No-Pty ${line}`);
    expect(parsed).toEqual({ type: 'ssh-ed25519', fingerprint, options: ['from', 'command', 'no-pty'], comment: 'ed25519@test' });
    expect(parseAuthorizedKeyLine(`CERT-AUTHORITY,Principals="ops" ${keys.rsa!.line}`)?.options).toEqual(['cert-authority', 'principals']);
  });

  it('reads cert-authority lines', () => {
    const parsed = parseAuthorizedKeyLine(`cert-authority,principals="ops" ${keys.rsa!.line}`);
    expect(parsed?.options).toEqual(['cert-authority', 'principals']);
    expect(parsed?.fingerprint).toBe(keys.rsa!.fingerprint);
  });

  it('ignores the comment and tolerates CRLF and tabs', () => {
    const [type, b64] = keys.ecdsa!.line.split(' ');
    expect(parseAuthorizedKeyLine(`${type}\t${b64}\tsomeone else entirely\r`)?.fingerprint).toBe(keys.ecdsa!.fingerprint);
  });

  it.each([
    [''],
    ['# ssh-ed25519 AAAA commented out'],
    ['ssh-ed25519 not-base64!'],
    ['ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQ'], // an RSA blob labelled ed25519
    ['from="unterminated ssh-ed25519 AAAA'],
    ['garbage'],
  ])('rejects %j', (line) => {
    expect(parseAuthorizedKeyLine(line)).toBeUndefined();
  });
});
