// Small validators the schema is built from: durations, addresses, dates, provider keys, names.
import { describe, expect, it } from 'vitest';
import { canonicalAddress, isAddress, isCidr, isDnsName } from '../../../src/inventory/address.js';
import { isCalendarDate } from '../../../src/inventory/calendar-date.js';
import { closestName } from '../../../src/inventory/closest-name.js';
import { parseDuration } from '../../../src/inventory/duration.js';
import { parseProviderKey } from '../../../src/inventory/provider-key.js';
import { safePath, safeText } from '../../../src/inventory/safe-text.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5000],
    ['2m', 120000],
    ['1h', 3600000],
    [1500, 1500],
  ] as const)('%j is %d ms', (text, ms) => expect(parseDuration(text)).toEqual({ ok: true, value: ms }));

  it.each(['5', '5 seconds', '1.5s', '-1s', '', true, null, 1.5, '5S'])('rejects %j', (value) =>
    expect(parseDuration(value)).toMatchObject({ ok: false }),
  );

  it('rejects zero and more than a day', () => {
    expect(parseDuration('0s')).toEqual({ ok: false, message: 'expected a duration greater than zero' });
    expect(parseDuration('25h')).toEqual({ ok: false, message: 'expected a duration of at most 24h' });
  });
});

describe('addresses', () => {
  it.each(['192.0.2.1', '2001:db8::1', '::1', 'host', 'a3-01.example.net', '1password.example'])('accepts %s', (a) => expect(isAddress(a)).toBe(true));
  it.each(['192.0.2.300', '127.10.3', '192.0.2.01', '[::1]', 'under_score.example', '-x.example', 'a..b', 'x.', '', 'a b'])('rejects %j', (a) =>
    expect(isAddress(a)).toBe(false),
  );
  it('knows CIDRs and domain names', () => {
    expect(['10.0.0.0/8', '2001:db8::/32', '0.0.0.0/0'].every(isCidr)).toBe(true);
    expect(['10.0.0.0/33', '10.0.0.0', '2001:db8::/129', 'x/8', '10.0.0.0/'].some(isCidr)).toBe(false);
    expect(isDnsName('backup.provider.example')).toBe(true);
  });
  it('spells equal addresses the same', () => {
    expect(canonicalAddress('2001:DB8:0:0::1')).toBe(canonicalAddress('2001:db8::1'));
    expect(canonicalAddress('Node1.Example')).toBe('node1.example');
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2026-01-01', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-1', false],
    ['26-01-01', false],
  ] as const)('%s → %s', (text, valid) => expect(isCalendarDate(text)).toBe(valid));
});

describe('parseProviderKey', () => {
  const key = 'AAAAC3NzaC1lZDI1NTE5AAAAIBwQ18ESYzfkS//G3yTSxbsBYl00Qu66QCbpp+VSI0+e';
  const fp = 'SHA256:p4eTNwTH6p/uBMI56QcTMy1Ebyic3N/cEIHWx9j8rjg';
  it('reads key lines and fingerprints', () => {
    expect(parseProviderKey(`ssh-ed25519 ${key} ops team@provider`)).toEqual({ ok: true, value: { fingerprint: fp, publicKey: `ssh-ed25519 ${key}`, label: 'ops team@provider' } });
    expect(parseProviderKey(`ssh-ed25519 ${key}`)).toEqual({ ok: true, value: { fingerprint: fp, publicKey: `ssh-ed25519 ${key}`, label: fp } });
    expect(parseProviderKey(`sha256:${fp.slice(7)}=`)).toEqual({ ok: true, value: { fingerprint: fp, label: fp } });
  });
  it('rejects options, wrong types and broken data', () => {
    expect(parseProviderKey(`restrict ssh-ed25519 ${key}`)).toMatchObject({ ok: false, message: expect.stringContaining('options') });
    expect(parseProviderKey(`ssh-rsa ${key}`)).toEqual({ ok: false, message: 'key data is not a valid ssh-rsa public key' });
    expect(parseProviderKey('ssh-ed25519')).toMatchObject({ ok: false, message: expect.stringContaining('key data is missing') });
  });
  it('cleans the label', () => {
    expect(parseProviderKey(`ssh-ed25519 ${key} a\u001b[31mb`)).toMatchObject({ ok: true, value: { label: 'a?[31mb' } });
  });
});

describe('closestName', () => {
  const fields = ['address', 'port', 'user', 'identity', 'agent', 'knownHosts', 'connectTimeout'];
  it.each([
    ['adress', 'address'],
    ['prot', 'port'],
    ['knownhosts', 'knownHosts'],
    ['known_hosts', 'knownHosts'],
    ['conect_timeout', 'connectTimeout'],
    ['colour', undefined],
    ['x', undefined],
  ])('%s → %s', (typed, expected) => expect(closestName(typed, fields)).toBe(expected));
});

describe('safeText', () => {
  it('caps length and replaces control, escape and bidi characters (seeded random input)', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: random(120) }, () => String.fromCodePoint(random(4) === 0 ? random(0x40) : random(0x3000))).join('');
      const out = safeText(text);
      expect(Array.from(out).length).toBeLessThanOrEqual(40);
      expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
  });
  it('keeps the end of long paths', () => {
    expect(safePath('/a'.repeat(50) + '/keys/id_ed25519', 20)).toBe('…a/a/keys/id_ed25519');
  });
});
