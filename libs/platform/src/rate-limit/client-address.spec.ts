import { describe, expect, it } from '@jest/globals';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8:85a3:0042:1000:8a2e:0370:7334', '2001:db8:85a3:42::/64'],
    ['2001:db8:85a3:42::1', '2001:db8:85a3:42::/64'],
    ['2001:DB8:85A3:42:ffff::', '2001:db8:85a3:42::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('counts %s as %s', (ip, expected) => {
    expect(clientAddress({ ip })).toBe(expected);
  });

  it('falls back to the socket address, then to "unknown"', () => {
    expect(clientAddress({ socket: { remoteAddress: '::ffff:192.168.0.9' } })).toBe('192.168.0.9');
    expect(clientAddress({})).toBe('unknown');
    expect(clientAddress(undefined)).toBe('unknown');
  });
});
