import fc from 'fast-check';
import { expect, test } from 'vitest';
import { checkAddress, isCloudMetadataAddress, isCloudMetadataHostname, isPublicAddress } from './address-policy.ts';

const refused: Array<[string, string]> = [
  ['127.0.0.1', 'IPv4 loopback'],
  ['127.255.255.254', 'anywhere in 127/8'],
  ['0.0.0.0', 'unspecified (reaches this machine on Linux)'],
  ['0.1.2.3', 'this network'],
  ['10.0.0.1', 'private 10/8'],
  ['172.16.0.1', 'private 172.16/12'],
  ['172.31.255.255', 'private 172.16/12, top'],
  ['192.168.1.1', 'private 192.168/16'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.254', 'carrier-grade NAT, top'],
  ['169.254.0.1', 'link-local'],
  ['169.254.169.254', 'cloud metadata'],
  ['100.100.100.200', 'Alibaba metadata'],
  ['192.0.0.192', 'Oracle metadata'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved 240/4'],
  ['192.0.2.1', 'documentation TEST-NET-1'],
  ['198.18.0.1', 'benchmarking'],
  ['::1', 'IPv6 loopback'],
  ['::', 'IPv6 unspecified'],
  ['fc00::1', 'unique local fc00::/7'],
  ['fd12:3456:789a::1', 'unique local fd00::/8'],
  ['fd00:ec2::254', 'AWS metadata over IPv6'],
  ['fe80::1', 'link-local fe80::/10'],
  ['febf::1', 'link-local fe80::/10, top'],
  ['fe80::1%eth0', 'link-local with a zone'],
  ['ff02::1', 'IPv6 multicast'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
  ['::127.0.0.1', 'IPv4-compatible loopback'],
  ['::ffff:0:127.0.0.1', 'SIIT-translated loopback'],
  ['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
  ['64:ff9b::a9fe:a9fe', 'NAT64 of metadata'],
  ['64:ff9b::10.1.2.3', 'NAT64 of private'],
  ['64:ff9b:1::1', 'local-use NAT64'],
  ['2002:7f00:1::1', '6to4 of loopback'],
  ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
  ['2001:db8::1', 'documentation'],
  ['[::1]', 'bracketed IPv6 loopback as in a URL'],
  ['2130706433', 'loopback as one decimal number'],
  ['0x7f000001', 'loopback as one hex number'],
  ['017700000001', 'loopback as one octal number'],
  ['0177.0.0.01', 'loopback in octal octets'],
  ['0x7f.0x0.0x0.0x1', 'loopback in hex octets'],
  ['127.1', 'loopback shortened'],
  ['0xa9fea9fe', 'metadata as one hex number'],
];

test.each(refused)('refuses %s (%s)', (address) => {
  expect(isPublicAddress(address)).toBe(false);
  const verdict = checkAddress(address);
  expect(verdict.allowed).toBe(false);
});

const allowed = ['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4007:80e::200e', '64:ff9b::8.8.8.8', '::ffff:8.8.8.8', '2002:808:808::1'];

test.each(allowed)('allows public %s', (address) => {
  expect(isPublicAddress(address)).toBe(true);
  expect(checkAddress(address)).toEqual({ allowed: true });
});

test('refuses what is not an IP address', () => {
  expect(checkAddress('example.org').allowed).toBe(false);
  expect(checkAddress('').allowed).toBe(false);
});

test('the reason names the range', () => {
  expect(checkAddress('10.1.2.3')).toEqual({ allowed: false, reason: '10.1.2.3 is a private address' });
  const mapped = checkAddress('::ffff:127.0.0.1');
  expect(mapped.allowed).toBe(false);
  if (!mapped.allowed) expect(mapped.reason).toContain('loopback');
});

test('allowPrivateAddresses lifts the rule, but never for cloud metadata', () => {
  for (const address of ['127.0.0.1', '10.0.0.1', '::1', 'fd12::1', '192.168.0.10']) {
    expect(checkAddress(address, { allowPrivateAddresses: true })).toEqual({ allowed: true });
  }
  for (const address of ['169.254.169.254', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '64:ff9b:1::a9fe:a9fe', 'fd00:ec2::254', '100.100.100.200', '169.254.170.23', 'fd00:ec2::23', '168.63.129.16']) {
    expect(checkAddress(address, { allowPrivateAddresses: true }).allowed).toBe(false);
    expect(isCloudMetadataAddress(address)).toBe(true);
  }
});

test('allowedAddresses exempts exact addresses and CIDR ranges only', () => {
  const options = { allowedAddresses: ['10.20.0.0/16', '127.0.0.1', 'fd12::/16'] };
  expect(checkAddress('10.20.3.4', options).allowed).toBe(true);
  expect(checkAddress('::ffff:10.20.3.4', options).allowed).toBe(true);
  expect(checkAddress('10.21.0.1', options).allowed).toBe(false);
  expect(checkAddress('127.0.0.1', options).allowed).toBe(true);
  expect(checkAddress('127.0.0.2', options).allowed).toBe(false);
  expect(checkAddress('fd12::5', options).allowed).toBe(true);
  expect(checkAddress('fd13::5', options).allowed).toBe(false);
  expect(checkAddress('169.254.169.254', { allowedAddresses: ['169.254.0.0/16'] }).allowed).toBe(false);
  expect(checkAddress('10.0.0.1', { allowedAddresses: ['not an address'] }).allowed).toBe(false);
});

test('metadata hostnames are recognised however they are written', () => {
  for (const name of ['metadata.google.internal', 'METADATA.google.internal.', 'metadata', 'instance-data', 'metadata.goog']) {
    expect(isCloudMetadataHostname(name)).toBe(true);
  }
  expect(isCloudMetadataHostname('metadata.example.org')).toBe(false);
  expect(isCloudMetadataHostname('example.org')).toBe(false);
});

test('every private IPv4 address is refused in plain, mapped and NAT64 forms', () => {
  const privateIPv4 = fc.oneof(
    fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
    fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
    fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
    fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
    fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
    fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.nat(255)),
  );
  fc.assert(
    fc.property(privateIPv4, (octets) => {
      const dotted = octets.join('.');
      const hex = (octets[0] * 256 + octets[1]).toString(16) + ':' + (octets[2] * 256 + octets[3]).toString(16);
      return [dotted, `::ffff:${dotted}`, `::ffff:${hex}`, `64:ff9b::${dotted}`, `64:ff9b::${hex}`].every(
        (address) => !isPublicAddress(address),
      );
    }),
  );
});
