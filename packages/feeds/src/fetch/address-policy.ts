import ipaddr from 'ipaddr.js';

/**
 * Which remote addresses the product may connect to when it fetches a URL someone else
 * chose (a feed, a webhook, a WebSub hub). Anything that is not ordinary public unicast is
 * refused, so a feed URL cannot be used to reach this machine, its private network or the
 * cloud provider's metadata service.
 */
export interface AddressPolicyOptions {
  /** Lifts the private-address rule (RADAR_ALLOW_PRIVATE_ADDRESSES: tests and the offline demo). */
  allowPrivateAddresses?: boolean;
  /**
   * Addresses or CIDR ranges exempt from the private-address rule, e.g. a newsroom's own
   * feed server on its private network. Cloud-metadata addresses stay refused.
   */
  allowedAddresses?: readonly string[];
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Cloud instance-metadata endpoints hand out credentials; they stay refused even when the
 * private-address rule is lifted, because no feed, webhook or demo ever lives there.
 */
const METADATA_ADDRESSES = new Set(
  [
    '169.254.169.254', // AWS, GCP, Azure, DigitalOcean, OpenStack...
    '169.254.170.2', // AWS ECS task metadata
    '169.254.170.23', // AWS EKS Pod Identity
    '168.63.129.16', // Azure WireServer (public, yet reached only from inside Azure)
    '169.254.169.253', // AWS DNS resolver
    '100.100.100.200', // Alibaba Cloud
    '192.0.0.192', // Oracle Cloud
    'fd00:ec2::254', // AWS over IPv6
    'fd00:ec2::23', // AWS EKS Pod Identity over IPv6
  ].map((address) => ipaddr.parse(address).toNormalizedString()),
);

const METADATA_HOSTNAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** True for hostnames that name a cloud metadata service, whatever they resolve to. */
export function isCloudMetadataHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return METADATA_HOSTNAMES.has(name);
}

/** True for the well-known cloud metadata addresses (also in IPv4-mapped or NAT64 form). */
export function isCloudMetadataAddress(address: string): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  return [parsed, ...embeddedIPv4(parsed), ...localNat64IPv4(parsed)].some((ip) => METADATA_ADDRESSES.has(ip.toNormalizedString()));
}

/**
 * Whether an address is ordinary public unicast. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, NAT64, 6to4, SIIT) are judged by the IPv4 address they carry.
 * Example: isPublicAddress('::ffff:127.0.0.1') === false.
 */
export function isPublicAddress(address: string): boolean {
  return publicAddressVerdict(address).allowed;
}

/** Applies the private-address rule, its exemptions and the metadata rule to one address. */
export function checkAddress(address: string, options: AddressPolicyOptions = {}): AddressVerdict {
  const parsed = parseAddress(address);
  if (!parsed) return { allowed: false, reason: `${address} is not an IP address` };
  if (isCloudMetadataAddress(address)) {
    return { allowed: false, reason: `${address} is a cloud metadata address` };
  }
  if (options.allowPrivateAddresses) return { allowed: true };
  if (options.allowedAddresses?.some((entry) => matchesEntry(parsed, entry))) return { allowed: true };
  return publicAddressVerdict(address);
}

function publicAddressVerdict(address: string): AddressVerdict {
  const parsed = parseAddress(address);
  if (!parsed) return { allowed: false, reason: `${address} is not an IP address` };
  if (parsed.kind() === 'ipv6') {
    const ipv6 = parsed as ipaddr.IPv6;
    // IPv4-compatible addresses (::a.b.c.d) are deprecated and ipaddr.js calls them
    // unicast; some stacks still route them to the IPv4 address they carry.
    if (ipv6.parts.slice(0, 6).every((part) => part === 0)) {
      return { allowed: false, reason: `${address} is an IPv4-compatible IPv6 address` };
    }
    const range = ipv6.range();
    const carried = embeddedIPv4(ipv6);
    if (range === 'rfc6052' && carried.length === 0) {
      // A local-use NAT64 prefix leads to a translator inside some private network.
      return { allowed: false, reason: `${address} is a local-use NAT64 address` };
    }
    if (carried.length > 0) {
      for (const ipv4 of carried) {
        const verdict = publicAddressVerdict(ipv4.toString());
        if (!verdict.allowed) return { allowed: false, reason: `${address} (${range}) carries ${verdict.reason}` };
      }
      return { allowed: true };
    }
    if (range !== 'unicast') return { allowed: false, reason: `${address} is ${describe(range)}` };
    return { allowed: true };
  }
  const range = (parsed as ipaddr.IPv4).range();
  if (range !== 'unicast') return { allowed: false, reason: `${address} is ${describe(range)}` };
  return { allowed: true };
}

/** Parses an address, turning IPv4-mapped IPv6 (::ffff:a.b.c.d) into plain IPv4. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return null;
  // ipaddr.isValid also accepts non-standard IPv4 spellings (0x7f.1); the URL parser has
  // already turned those into dotted quads, and process() normalises what remains.
  return ipaddr.process(bare);
}

/** The IPv4 addresses an IPv6 address stands for, for the forms that embed one. */
function embeddedIPv4(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4[] {
  if (ip.kind() !== 'ipv6') return [];
  const ipv6 = ip as ipaddr.IPv6;
  const bytes = ipv6.toByteArray();
  const range = ipv6.range();
  const fromBytes = (start: number) => new ipaddr.IPv4(bytes.slice(start, start + 4));
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d (SIIT)
      return [fromBytes(12)];
    case 'rfc6052': // 64:ff9b::a.b.c.d (NAT64); the local-use 64:ff9b:1::/48 is refused apart
      return ipv6.parts[2] === 0 ? [fromBytes(12)] : [];
    case '6to4': // 2002:aabb:ccdd::/48
      return [fromBytes(2)];
    default:
      return [];
  }
}

/** The IPv4 address a local-use NAT64 address (64:ff9b:1::/48, RFC 8215) carries in its last 32 bits, as a /96 prefix puts it. */
function localNat64IPv4(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4[] {
  if (ip.kind() !== 'ipv6') return [];
  const ipv6 = ip as ipaddr.IPv6;
  if (ipv6.parts[0] !== 0x64 || ipv6.parts[1] !== 0xff9b || ipv6.parts[2] !== 1) return [];
  return [new ipaddr.IPv4(ipv6.toByteArray().slice(12, 16))];
}

function matchesEntry(ip: ipaddr.IPv4 | ipaddr.IPv6, entry: string): boolean {
  try {
    if (entry.includes('/')) {
      const [network, bits] = ipaddr.parseCIDR(entry);
      const candidate = network.kind() === 'ipv6' && ip.kind() === 'ipv4' ? (ip as ipaddr.IPv4).toIPv4MappedAddress() : ip;
      return candidate.kind() === network.kind() && candidate.match(network, bits);
    }
    const other = ipaddr.process(entry);
    return other.kind() === ip.kind() && other.toNormalizedString() === ip.toNormalizedString();
  } catch {
    return false;
  }
}

function describe(range: string): string {
  const names: Record<string, string> = {
    unspecified: 'the unspecified address',
    broadcast: 'a broadcast address',
    multicast: 'a multicast address',
    linkLocal: 'a link-local address',
    loopback: 'a loopback address',
    carrierGradeNat: 'a carrier-grade NAT address',
    private: 'a private address',
    uniqueLocal: 'a unique-local (private) address',
    reserved: 'a reserved address',
    teredo: 'a Teredo tunnel address',
  };
  return names[range] ?? `in the special range ${range}`;
}
