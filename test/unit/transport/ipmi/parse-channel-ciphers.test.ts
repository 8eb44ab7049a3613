import { describe, expect, it } from 'vitest';
import { parseChannelCiphers } from '../../../../src/transport/ipmi/parse-channel-ciphers.js';
import { ipmitoolFixture } from './ipmitool-fixture.js';

describe('parseChannelCiphers', () => {
  it('reads the suites ipmi_sim lists, suite 0 included', () => {
    const { rows, unparsed } = parseChannelCiphers(ipmitoolFixture('channel-getciphers').stdout);
    expect(unparsed).toEqual([]);
    expect(rows.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(rows[0]).toEqual({ id: 0, iana: undefined, authentication: 'none', integrity: 'none', confidentiality: 'none' });
    expect(rows[3]).toEqual({ id: 3, iana: undefined, authentication: 'hmac_sha1', integrity: 'hmac_sha1_96', confidentiality: 'aes_cbc_128' });
  });

  it('reads an OEM suite with an IANA number and keeps unreadable lines', () => {
    const text = 'ID   IANA    Auth Alg        Integrity Alg   Confidentiality Alg\n17   N/A     hmac_sha256     sha256_128      aes_cbc_128\n80   4128    hmac_sha1       none            none\nUnable to get cipher suites\n';
    const { rows, unparsed } = parseChannelCiphers(text);
    expect(rows).toEqual([
      { id: 17, iana: undefined, authentication: 'hmac_sha256', integrity: 'sha256_128', confidentiality: 'aes_cbc_128' },
      { id: 80, iana: 4128, authentication: 'hmac_sha1', integrity: 'none', confidentiality: 'none' },
    ]);
    expect(unparsed).toEqual(['Unable to get cipher suites']);
  });
});
