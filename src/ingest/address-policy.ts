import ipaddr from 'ipaddr.js';

/**
 * True only for globally routable unicast addresses. ipaddr.js classifies everything else:
 * loopback, RFC 1918 private, unique local fc00::/7, link-local, CGNAT 100.64/10, multicast,
 * unspecified, broadcast, documentation, benchmarking and other reserved ranges, and the
 * translation prefixes (6to4, Teredo, NAT64) that could smuggle a private IPv4 address.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns ::ffff:127.0.0.1 into the IPv4 address it stands for.
  return ipaddr.process(address).range() === 'unicast';
}
