import { constants, X509Certificate } from 'node:crypto';
import dns from 'node:dns';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { checkAddress, isCloudMetadataHostname, type AddressPolicyOptions } from './address-policy.ts';
import { FetchError } from './fetch-error.ts';
import { cachedHostResolver } from './host-lookup-cache.ts';
import { openProxyTunnel, type OutboundProxy, type ProxyRoute } from './outbound-proxy.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to its addresses; the default is the system resolver (dns.lookup). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface GuardedConnectionOptions extends AddressPolicyOptions {
  /** Replaces the system resolver; every address it returns is checked before connecting. */
  resolveHost?: HostResolver;
  /** Extra certificate authorities to trust for https, e.g. a newsroom's internal CA. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** The forward proxy to go through (null: none); unset, the process's (setOutboundProxy). */
  proxy?: OutboundProxy | null;
}

/** A URL's host as resolvers and sockets take it: an IPv6 address without its brackets. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Opens the TCP (or TLS) connection for one request to `url`, enforcing the address rule
 * twice: on every address the hostname resolves to, before connecting, and on the socket's
 * actual remote address once connected, before a byte of the request is written.
 */
export function openGuardedConnection(url: URL, options: GuardedConnectionOptions): net.Socket {
  const hostname = bareHostname(url);
  const isHttps = url.protocol === 'https:';
  const port = Number(url.port) || (isHttps ? 443 : 80);
  const lookup = guardedLookup(options, url.href);
  // Every address is tried in turn (IPv6 and IPv4 interleaved, 250 ms each, Happy Eyeballs):
  // a stale A record or an IPv6 address that goes nowhere does not fail the fetch, as it
  // does not in a browser. Node's default, stated so that no flag can turn it off.
  const connect = { host: hostname, port, lookup, autoSelectFamily: true };
  const socket = isHttps ? tls.connect({ ...connect, ...tlsOptions(hostname, options) }) : net.connect(connect);
  return guardSocket(socket, options, url.href);
}

/**
 * How https is spoken to a site: its name sent (SNI) and checked on its certificate, HTTP/1.1,
 * the newsroom's own authorities trusted besides the usual ones. Servers without secure
 * renegotiation (RFC 5746; NetScaler front ends of many public bodies) are connected to, as
 * browsers and OpenSSL before 3.0 do; renegotiating with them stays refused.
 */
export function tlsOptions(hostname: string, options: GuardedConnectionOptions): tls.ConnectionOptions {
  return {
    servername: net.isIP(hostname) ? undefined : hostname,
    ALPNProtocols: ['http/1.1'],
    secureOptions: constants.SSL_OP_LEGACY_SERVER_CONNECT,
    ...(options.ca ? { ca: [...defaultAuthorities(), ...[options.ca].flat()] } : {}),
  };
}

let defaults: { path: string; authorities: string[] } | null = null;

/**
 * The authorities Node trusts when told of no others: its bundled roots, and those of the file
 * NODE_EXTRA_CA_CERTS names (an organisation's own, or its TLS inspection's). Extra ones given
 * for a connection replace them all, so they are named again beside them. Read once per path.
 */
function defaultAuthorities(): string[] {
  const path = process.env.NODE_EXTRA_CA_CERTS ?? '';
  if (defaults?.path !== path) {
    let extra: string[] = [];
    try {
      if (path) extra = readFileSync(path, 'latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    } catch {
      // Node has warned of an unreadable file at start, and trusts none of it either
    }
    defaults = { path, authorities: [...tls.rootCertificates, ...extra] };
  }
  return defaults.authorities;
}

/**
 * Opens the connection for one request to `url` through a forward proxy: the hostname is
 * resolved and every address checked here, and the proxy is asked for a tunnel to the
 * checked address itself (so it never resolves the name: no rebinding behind it), unless the
 * proxy is the one that resolves names (then the name is what is verified, and
 * checkHostname's rules alone apply); https is spoken end to end through the tunnel, with
 * the site's own name checked on its certificate.
 */
export async function openProxiedConnection(url: URL, proxy: ProxyRoute, options: GuardedConnectionOptions, signal: AbortSignal): Promise<net.Socket> {
  const hostname = bareHostname(url);
  const { tunnel, address } = await checkedTunnel(url, proxy, options, signal);
  const socket = url.protocol === 'https:' ? tls.connect({ socket: tunnel, ...tlsOptions(hostname, options) }) : tunnel;
  // the address checked is the one the tunnel leads to (the socket's own peer is the proxy)
  verifiedAddresses.set(socket, address);
  return socket;
}

/**
 * A proxy's tunnel to the address `url`'s host resolves to, every address checked first; or,
 * through a proxy that resolves names, to the name itself.
 */
async function checkedTunnel(url: URL, proxy: ProxyRoute, options: GuardedConnectionOptions, signal: AbortSignal): Promise<{ tunnel: net.Socket; address: string }> {
  const hostname = bareHostname(url);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const address =
    net.isIP(hostname) || proxy.resolvesNames
      ? hostname
      : await new Promise<string>((resolve, reject) =>
          guardedLookup(options, url.href)(hostname, {}, (error, resolved) => (error ? reject(error) : resolve(resolved as string))),
        );
  return { tunnel: await openProxyTunnel(proxy.url, address, port, signal, url.href), address };
}

/**
 * The certificate an https site presents, from a handshake that is the whole exchange: the
 * certificate is not checked and nothing is sent after it, so it serves only to read where
 * the certificate's issuer is published. The address rule holds as on any connection.
 */
export async function presentedCertificate(url: URL, proxy: ProxyRoute | null, options: GuardedConnectionOptions, signal: AbortSignal): Promise<X509Certificate> {
  const hostname = bareHostname(url);
  const unchecked = { ...tlsOptions(hostname, options), rejectUnauthorized: false };
  const socket = proxy
    ? tls.connect({ socket: (await checkedTunnel(url, proxy, options, signal)).tunnel, ...unchecked })
    : guardSocket(tls.connect({ host: hostname, port: Number(url.port) || 443, lookup: guardedLookup(options, url.href), ...unchecked }), options, url.href);
  const stop = () => socket.destroy(signal.reason as Error);
  if (signal.aborted) stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    return await new Promise<X509Certificate>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('close', () => reject(new FetchError('network', 'the connection closed during the handshake', undefined, undefined, { url: url.href })));
      socket.once('secureConnect', () => {
        const raw = socket.getPeerCertificate(false)?.raw;
        if (raw) resolve(new X509Certificate(raw));
        else reject(new FetchError('tls', 'the site presented no certificate', undefined, undefined, { url: url.href }));
      });
    });
  } finally {
    signal.removeEventListener('abort', stop);
    socket.destroy();
  }
}

/**
 * Destroys `socket` with a FetchError 'blocked-address' as soon as it connects to a refused
 * address. Attach it before anything is written: the listener then runs before the
 * socket flushes queued request bytes.
 */
export function guardSocket<T extends net.Socket>(socket: T, options: AddressPolicyOptions, url: string): T {
  socket.once('connect', () => {
    const remote = socket.remoteAddress ?? '';
    const verdict = checkAddress(remote, options);
    if (!verdict.allowed) {
      socket.destroy(new FetchError('blocked-address', `connected to a refused address: ${verdict.reason}`, undefined, undefined, { url }));
      return;
    }
    verifiedAddresses.set(socket, remote);
  });
  return socket;
}

const verifiedAddresses = new WeakMap<net.Socket, string>();

/**
 * The remote address a guarded socket was verified against when it connected, or undefined
 * for a socket that never passed the check (read it even after the socket has closed).
 */
export function verifiedAddressOf(socket: net.Socket | null | undefined): string | undefined {
  return socket ? verifiedAddresses.get(socket) : undefined;
}

/** Refuses, before any lookup, hostnames that can only lead somewhere refused. */
export function checkHostname(hostname: string, options: AddressPolicyOptions, url: string): void {
  if (isCloudMetadataHostname(hostname)) {
    throw new FetchError('blocked-address', `${hostname} is a cloud metadata service`, undefined, undefined, { url });
  }
  // localhost names are loopback by definition (RFC 6761), whatever a resolver says today.
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) {
    const verdict = checkAddress('127.0.0.1', options);
    if (!verdict.allowed) throw new FetchError('blocked-address', `${hostname} is this machine`, undefined, undefined, { url });
  }
  if (net.isIP(hostname)) {
    const verdict = checkAddress(hostname, options);
    if (!verdict.allowed) throw new FetchError('blocked-address', `refused to connect: ${verdict.reason}`, undefined, undefined, { url });
  }
}

/** The system resolver (getaddrinfo, as curl and browsers use it: /etc/hosts, search domains), asked once per host a minute. */
const systemResolver: HostResolver = cachedHostResolver(async (hostname) => {
  const addresses = await dns.promises.lookup(hostname, { all: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
});

/** Why a lookup failed, in words a feed's owner can act on; the resolver's code kept for whoever searches it. */
function lookupFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND') return 'no such host, the name may be mistyped or its domain lapsed (ENOTFOUND)';
  if (code === 'EAI_AGAIN') return "the host's name servers did not answer, often for a while only (EAI_AGAIN)";
  return (error as Error).message;
}

/**
 * A `lookup` for net/tls.connect that refuses a host when any of its addresses is refused:
 * a rebinding attacker who answers with one public and one private address gets nothing.
 */
export function guardedLookup(options: GuardedConnectionOptions, url: string): net.LookupFunction {
  const resolveHost = options.resolveHost ?? systemResolver;
  return (hostname, lookupOptions, callback) => {
    const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
    resolveHost(hostname)
      .then(
        (addresses) => {
          if (addresses.length === 0) throw new FetchError('network', `${hostname} has no address`, undefined, undefined, { url });
          for (const { address } of addresses) {
            const verdict = checkAddress(address, options);
            if (!verdict.allowed) {
              throw new FetchError('blocked-address', `${hostname} resolves to a refused address: ${verdict.reason}`, undefined, undefined, {
                url,
              });
            }
          }
          const usable = family === 0 ? addresses : addresses.filter((entry) => entry.family === family);
          if (usable.length === 0) throw new FetchError('network', `${hostname} has no IPv${family} address`, undefined, undefined, { url });
          return usable;
        },
        (error: unknown) => {
          throw new FetchError('network', `could not resolve ${hostname}: ${lookupFailure(error)}`, undefined, undefined, { url, cause: error });
        },
      )
      .then(
        (usable) => {
          const first = usable[0] as ResolvedAddress;
          if (lookupOptions.all) callback(null, usable);
          else callback(null, first.address, first.family);
        },
        (error: FetchError) => callback(error as Error as NodeJS.ErrnoException, '', 0),
      );
  };
}
