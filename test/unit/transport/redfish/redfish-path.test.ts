import { describe, expect, it } from 'vitest';
import { describeRedfishEndpoint, redfishOrigin } from '../../../../src/transport/redfish/redfish-endpoint.js';
import { odataLink, redfishPath } from '../../../../src/transport/redfish/redfish-path.js';

const ORIGIN = 'https://127.14.0.10:443';

describe('paths a session requests', () => {
  it('takes Redfish paths and same-origin URLs', () => {
    expect(redfishPath('/redfish/v1/', ORIGIN)).toBe('/redfish/v1/');
    expect(redfishPath('/redfish/v1/Systems?$expand=.', ORIGIN)).toBe('/redfish/v1/Systems?$expand=.');
    expect(redfishPath('https://127.14.0.10/redfish/v1/SessionService/Sessions/7', ORIGIN)).toBe('/redfish/v1/SessionService/Sessions/7');
    expect(redfishPath('https://127.14.0.10:443/redfish', ORIGIN)).toBe('/redfish');
  });

  it('refuses other hosts, other schemes, paths outside /redfish and traversal', () => {
    for (const ref of [
      'https://198.51.100.7/redfish/v1/',
      'http://127.14.0.10/redfish/v1/',
      'https://127.14.0.10:8443/redfish/v1/',
      'https://u:p@127.14.0.10/redfish/v1/',
      '//198.51.100.7/redfish/v1/',
      '/redfishx',
      '/other',
      '/redfish/v1/../../etc/passwd',
      '/redfish/v1/%2e%2e/x',
      '/redfish/v1/a b',
      '/redfish/v1/\u0000',
      '/redfish/v1/#frag',
      '/redfish\\v1',
      'redfish/v1',
      '',
      `/redfish/${'a'.repeat(2000)}`,
      '/redfish/v1/%zz',
    ]) {
      expect(redfishPath(ref, ORIGIN), ref).toBeUndefined();
    }
  });

  it('follows @odata.id links', () => {
    const root = { Links: { Sessions: { '@odata.id': '/redfish/v1/SessionService/Sessions' } }, Systems: { '@odata.id': 7 } };
    expect(odataLink(root, ['Links', 'Sessions'])).toBe('/redfish/v1/SessionService/Sessions');
    expect(odataLink(root, ['Systems'])).toBeUndefined();
    expect(odataLink(root, ['Nope', 'x'])).toBeUndefined();
    expect(odataLink(undefined, ['Links'])).toBeUndefined();
  });

  it('names endpoints and origins, IPv6 included', () => {
    const endpoint = { host: 'a3-01', address: '127.14.3.1', port: 443 };
    expect(redfishOrigin(endpoint)).toBe('https://127.14.3.1:443');
    expect(redfishOrigin({ address: 'fe80::1', port: 8443 })).toBe('https://[fe80::1]:8443');
    expect(describeRedfishEndpoint({ ...endpoint, trust: { kind: 'insecure' }, timeoutMs: 1 }, 'root')).toBe('a3-01 (redfish root@127.14.3.1:443)');
  });
});
