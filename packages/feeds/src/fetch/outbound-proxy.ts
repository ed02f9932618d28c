import net from 'node:net';
import tls from 'node:tls';
import { FetchError } from './fetch-error.ts';

/**
 * The forward proxy an organisation's network sends outgoing web requests through. Every
 * fetch goes through it as a CONNECT tunnel to the address the fetcher resolved and checked
 * itself (an IP literal, never the name), so the private-address rule holds behind a proxy
 * too: the proxy, which can reach the internal network, is never asked to resolve a name.
 */
export interface OutboundProxy {
  /** `http://[user:password@]proxy.example:3128`, or `https://…` for a proxy spoken to over TLS. */
  url: string;
  /** Hosts reached directly: a name also covers its subdomains (`.corp.example` as well); `*` is every host. */
  noProxy?: string[];
  /**
   * For a network where only the proxy can resolve outside names: the proxy is asked for a
   * tunnel to the name, which is not looked up here, so the proxy, not the fetcher, decides
   * where it leads (addresses written as such, localhost names and cloud metadata names are
   * still refused here). Only for a proxy that refuses internal destinations itself.
   */
  resolvesNames?: boolean;
}

/** The proxy one fetch goes through. */
export interface ProxyRoute {
  url: URL;
  /** Names are sent to the proxy unresolved (OutboundProxy.resolvesNames). */
  resolvesNames: boolean;
}

let installed: { url: URL; noProxy: string[]; resolvesNames: boolean } | null = null;

/** Checks a proxy's address; throws a message naming what is wrong (never the password). */
export function parseProxy(proxy: OutboundProxy): { url: URL; noProxy: string[]; resolvesNames: boolean } {
  let url: URL;
  try {
    url = new URL(proxy.url);
  } catch {
    throw new Error('the outbound proxy must be an http:// or https:// address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('the outbound proxy must be an http:// or https:// address');
  const noProxy = (proxy.noProxy ?? []).map((entry) => entry.trim().toLowerCase().replace(/^\*?\./, '')).filter(Boolean);
  return { url, noProxy, resolvesNames: proxy.resolvesNames ?? false };
}

/** Sends every fetch of this process through `proxy` (null: straight to the internet). */
export function setOutboundProxy(proxy: OutboundProxy | null): void {
  installed = proxy ? parseProxy(proxy) : null;
}

/**
 * The proxy a fetch to `hostname` goes through: the one given for this fetch (null for none),
 * else the process's; null when there is none or the host is exempt.
 */
export function proxyFor(hostname: string, given: OutboundProxy | null | undefined): ProxyRoute | null {
  const proxy = given === undefined ? installed : given && parseProxy(given);
  if (!proxy) return null;
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  const exempt = proxy.noProxy.some((entry) => entry === '*' || name === entry || name.endsWith(`.${entry}`));
  return exempt ? null : { url: proxy.url, resolvesNames: proxy.resolvesNames };
}

/** "proxy.example:3128": the proxy as logs and errors name it (without its login). */
export function proxyName(proxy: URL): string {
  return proxy.port ? `${proxy.hostname}:${proxy.port}` : proxy.hostname;
}

const MAX_RESPONSE_HEAD = 16 * 1024;

/**
 * Opens a tunnel through `proxy` to `address`:`port` (an address already checked, or a name
 * for the proxy to resolve) and answers the raw socket once the proxy says 200. `signal`
 * stops the wait.
 */
export function openProxyTunnel(proxy: URL, address: string, port: number, signal: AbortSignal, url: string): Promise<net.Socket> {
  const proxyPort = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
  const proxyHost = proxy.hostname.replace(/^\[(.*)\]$/, '$1');
  const target = net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
  const fail = (message: string, cause?: unknown) =>
    new FetchError('network', `the outbound proxy ${proxyName(proxy)} ${message}`, undefined, undefined, { url, cause });
  return new Promise<net.Socket>((resolve, reject) => {
    const socket =
      proxy.protocol === 'https:'
        ? tls.connect({ host: proxyHost, port: proxyPort, servername: net.isIP(proxyHost) ? undefined : proxyHost })
        : net.connect({ host: proxyHost, port: proxyPort });
    const settle = (error: FetchError | null) => {
      signal.removeEventListener('abort', onAbort);
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.removeListener('close', onClose);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve(socket);
    };
    const onAbort = () => settle(signal.reason instanceof FetchError ? signal.reason : fail('was not reached in time'));
    const onError = (error: Error) => settle(fail(`could not be reached: ${error.message}`, error));
    const onClose = () => settle(fail(`closed the connection before opening a tunnel to ${target}`));
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_RESPONSE_HEAD) settle(fail('answered CONNECT with an endless header'));
        return;
      }
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
      if (status !== 200) {
        const login = status === 407 ? ' (it asks for a login: give it in the proxy address, http://user:password@proxy:port)' : '';
        settle(fail(`refused a tunnel to ${target}: ${statusLine.slice(0, 120) || 'no answer'}${login}`));
        return;
      }
      // the site speaks only once asked (http) or greeted (TLS): nothing follows the answer
      if (head.length > end + 4) {
        settle(fail(`sent bytes of ${target} before it was asked anything`));
        return;
      }
      settle(null);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    const authorization = proxy.username
      ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`
      : '';
    socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${authorization}\r\n`);
  });
}
