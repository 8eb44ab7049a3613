import { describe, expect, it } from 'vitest';
import { planFleet } from '../../../../lab/fleet/plan-fleet.js';
import { repositoryEnv } from '../../../../lab/provider/copies-layer.js';
import { fleetFile, secretsFile } from '../lab-fixtures.js';

function backup01() {
  const result = planFleet(fleetFile(), secretsFile());
  if ('errors' in result) throw new Error(result.errors.join('\n'));
  return result.fleet.hosts.find((h) => h.name === 'backup01')!;
}

describe('repositoryEnv', () => {
  it('hands the build each repository password in the variable its tool reads, from systems.<server> of the secrets file', () => {
    const stored = secretsFile().systems!.backup01!;
    expect(repositoryEnv(backup01(), secretsFile())).toEqual({ RESTIC_PASSWORD: stored['restic-main'], BORG_PASSPHRASE: stored['borg-main'] });
  });

  it('names the missing entry, never a value, when the secrets file lacks a password', () => {
    const secrets = secretsFile();
    delete secrets.systems!.backup01!['borg-main'];
    expect(() => repositoryEnv(backup01(), secrets)).toThrow('backup01: the secrets file has no systems.backup01.borg-main');
  });
});
