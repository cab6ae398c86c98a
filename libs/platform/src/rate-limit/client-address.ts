import { isIPv6 } from 'node:net';

/**
 * The address a rate limit counts a request against: Express's `req.ip` (which believes X-Forwarded-For
 * only as far as TRUST_PROXY says), an IPv4-mapped IPv6 address as plain IPv4, and an IPv6 address by
 * its /64 network, since anyone with one IPv6 address has the whole /64 to hop around in.
 */
export function clientAddress(req: { ip?: string; socket?: { remoteAddress?: string } } | undefined): string {
  const raw = req?.ip ?? req?.socket?.remoteAddress ?? '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  if (mapped) return mapped[1];
  if (isIPv6(raw)) return `${expandIPv6(raw).slice(0, 4).join(':')}::/64`;
  return raw || 'unknown';
}

/** The eight 16-bit groups of an IPv6 address, lower-case without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16).toString(16));
}
