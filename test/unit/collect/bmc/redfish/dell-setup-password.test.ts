import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareDellSetupHash } from '../../../../../src/collect/bmc/redfish/dell-setup-password.js';
import { Secret } from '../../../../../src/model/secret.js';
import { captured } from './capture-transport.js';

const attributes = () => captured('dell', '/redfish/v1/Systems/System.Embedded.1/Bios')['Attributes'] as Record<string, string>;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex').toUpperCase();

describe('compareDellSetupHash on the iDRAC9 capture', () => {
  it('does not take a guess for the captured setup password', () => {
    const a = attributes();
    expect(a['SHA256SetupPasswordSalt']).toBe('4EB3FD9FAC862EDF439C905D95FBB565');
    for (const guess of ['calvin', 'password', '']) expect(compareDellSetupHash(a, new Secret(guess))).toBe('mismatch');
  });

  it('matches sha256(password + salt), with the salt as its hex text or as its bytes', () => {
    const a = attributes();
    const salt = a['SHA256SetupPasswordSalt']!;
    const asText = { ...a, SHA256SetupPassword: sha(Buffer.from(`Bios-Pw-1${salt}`)) };
    const asBytes = { ...a, SHA256SetupPassword: sha(Buffer.concat([Buffer.from('Bios-Pw-1'), Buffer.from(salt, 'hex')])).toLowerCase() };
    expect(compareDellSetupHash(asText, new Secret('Bios-Pw-1'))).toBe('match');
    expect(compareDellSetupHash(asBytes, new Secret('Bios-Pw-1'))).toBe('match');
    expect(compareDellSetupHash(asText, new Secret('Bios-Pw-2'))).toBe('mismatch');
  });

  it('tells an unset password from missing attributes', () => {
    expect(compareDellSetupHash({ ...attributes(), SHA256SetupPassword: '' }, new Secret('x'))).toBe('not-set');
    expect(compareDellSetupHash({ SetupPassword: null }, new Secret('x'))).toBe('absent');
    expect(compareDellSetupHash({ SHA256SetupPassword: 'zz', SHA256SetupPasswordSalt: '' }, new Secret('x'))).toBe('absent');
    expect(compareDellSetupHash(undefined, new Secret('x'))).toBe('absent');
  });
});
