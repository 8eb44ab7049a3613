// Ed25519 key pairs the lab makes once and keeps: the scanner's login key and each host's host key.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { execa } from 'execa';
import { LabError } from '../lab-error.js';

/** The public key line and whether this call created the pair. */
export interface KeyPair {
  publicKey: string;
  created: boolean;
}

/** Creates `path` and `path.pub` with ssh-keygen unless both exist (an empty passphrase: lab keys only). */
export async function ensureKeyPair(path: string, comment: string): Promise<KeyPair> {
  let created = false;
  if (!existsSync(path) || !existsSync(`${path}.pub`)) {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await rm(path, { force: true });
    await rm(`${path}.pub`, { force: true });
    const result = await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path], {
      reject: false,
      stdin: 'ignore',
    });
    if (result.failed) throw new LabError(`ssh-keygen for ${path} failed: ${result.stderr || result.shortMessage}`);
    created = true;
  }
  return { publicKey: (await readFile(`${path}.pub`, 'utf8')).trim(), created };
}
