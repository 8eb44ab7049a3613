// Makes the lab's age store: fixtures/lab/secrets.yaml (the lab's plaintext fixture, which the
// lab itself reads for ipmi_sim) encrypted to the lab identity fixtures/lab/age-identity.txt,
// written to .lab/secrets.age for the scanner. Rewritten on every `lab up`, so edits to the
// YAML reach the store without a separate step.
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ageEncrypt, ageRecipientsOf } from '../../src/secrets/age-tool.js';
import { Secret } from '../../src/model/secret.js';
import { LabError } from '../lab-error.js';
import type { LabPaths } from '../lab-paths.js';

/** The lab identity (a committed lab fixture) and the store made from the YAML. */
export function labAgePaths(paths: LabPaths): { identity: string; store: string } {
  return { identity: join(paths.repo, 'fixtures/lab/age-identity.txt'), store: join(paths.stateDir, 'secrets.age') };
}

/** Encrypts the lab secrets YAML into the age store the lab inventory names. */
export async function writeLabSecretStore(paths: LabPaths): Promise<void> {
  const { identity, store } = labAgePaths(paths);
  // The scanner refuses identity files others can read; git does not keep modes.
  await chmod(identity, 0o600);
  const recipients = await ageRecipientsOf(new Secret(await readFile(identity, 'utf8')));
  if (!recipients.ok) throw new LabError(`lab age identity ${identity}: ${recipients.message}`);
  const encrypted = await ageEncrypt(new Secret(await readFile(paths.secretsFile, 'utf8')), recipients.value);
  if (!encrypted.ok) throw new LabError(`cannot encrypt ${paths.secretsFile}: ${encrypted.message}`);
  const partial = `${store}.${process.pid}.partial`;
  await writeFile(partial, encrypted.value, { mode: 0o600 });
  await rename(partial, store);
}
