import { describe, expect, it } from 'vitest';
import { Secret } from '../../../../src/model/secret.js';
import { redactSecrets } from '../../../../src/transport/redfish/redact.js';
import { serializeRequestBody } from '../../../../src/transport/redfish/request-body.js';

describe('request bodies with secrets', () => {
  it('reveals Secret values into the JSON and lists them for redaction', () => {
    const old = new Secret('bios-Old1');
    const body = serializeRequestBody({ PasswordName: 'AdminPassword', OldPassword: old, NewPassword: old, Nested: [{ x: new Secret('n') }] });
    expect(JSON.parse(body.text)).toEqual({ PasswordName: 'AdminPassword', OldPassword: 'bios-Old1', NewPassword: 'bios-Old1', Nested: [{ x: 'n' }] });
    expect(body.secrets).toEqual(['bios-Old1', 'bios-Old1', 'n']);
  });

  it('refuses what JSON cannot carry', () => {
    for (const bad of [{ a: undefined }, { a: () => 1 }, { a: NaN }, { a: new Date(0) }, { a: 1n }]) {
      expect(() => serializeRequestBody(bad)).toThrow(TypeError);
    }
  });

  it('redacts every occurrence, longest secret first', () => {
    expect(redactSecrets('pw=abc and abcdef, abc', ['abc', 'abcdef', ''])).toBe('pw=[secret] and [secret], [secret]');
    expect(redactSecrets('nothing here', [])).toBe('nothing here');
  });
});
