import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach (SSRF): this host, private networks, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast, reserved, and the IPv6 forms that wrap an IPv4
 * address (mapped, compatible, NAT64), which would otherwise slip a private IPv4 address through.
 */
const blockedV4 = new BlockList();
// Separate lists: a BlockList matches an IPv4 address against IPv6 rules too (as ::ffff:a.b.c.d).
const blockedV6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blockedV4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blockedV6.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address (v4 or v6) is one a webhook may not be sent to. Not an IP: blocked. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return family === 4 ? blockedV4.check(address, 'ipv4') : blockedV6.check(address, 'ipv6');
}
