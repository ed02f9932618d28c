import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import { CookieJar } from 'tough-cookie';
import { ACCEPT_ENCODING, DEFAULT_MAX_BYTES, readLimitedBody } from './decompress.ts';
import { FetchError } from './fetch-error.ts';
import { bareHostname, checkHostname, openGuardedConnection, openProxiedConnection, verifiedAddressOf, type GuardedConnectionOptions } from './guarded-connection.ts';
import { isMissingIssuer, learnedIssuerOf, learnMissingIssuer, type IssuerFetch } from './missing-issuer.ts';
import { proxyFor } from './outbound-proxy.ts';
import { RepairedHeadConnection } from './head-repair.ts';

export type { HostResolver, ResolvedAddress } from './guarded-connection.ts';

export const USER_AGENT = 'PolicyRadar/0.1 (+https://github.com/policy-radar/policy-radar; feed reader)';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_REDIRECTS = 5;
/**
 * Response headers may run to 64 KiB: Node's own limit, 16 KiB, refuses real publishers'
 * feeds whose CDN stacks Set-Cookie, CSP and tracking headers past it ("Header overflow").
 */
export const MAX_HEADER_BYTES = 64 * 1024;

export interface SafeFetchOptions extends GuardedConnectionOptions {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** One deadline for the whole response, redirects and body included. */
  timeoutMs?: number;
  /** Limit on the body after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Lifts the private-address rule (tests and the offline demo only). */
  allowPrivateAddresses?: boolean;
  /** Cancels the fetch, e.g. when the worker shuts down. */
  signal?: AbortSignal;
  /**
   * Fetches the intermediate certificate an https site left out, from the address its
   * certificate names, as browsers do (missing-issuer.ts); on unless told otherwise.
   */
  chaseIssuers?: boolean;
}

export interface FollowedRedirect {
  status: number;
  /** The URL that answered with the redirect. */
  from: string;
  to: string;
}

export interface SafeResponse {
  status: number;
  /** The final URL after redirects. */
  url: string;
  headers: Headers;
  body: Uint8Array;
  /** The redirects followed to get here, in order (a poller may adopt a 301/308 target). */
  redirects: FollowedRedirect[];
  /** The address the final response came from (its host's name, through a proxy that resolves names). */
  remoteAddress: string;
  /** Bytes that came over the wire for the body (before decompression). */
  bytesReceived: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * Fetches an untrusted URL: http(s) only; every address connected to must be public (the
 * check runs on each resolved address and again on the socket's remote address, so DNS
 * rebinding and redirects to private hosts fail); at most `maxRedirects` redirects; one
 * deadline for everything; the body limited after decompression. Any status is returned;
 * failures to get a response throw a classified FetchError.
 * Example: await safeFetch('https://example.org/feed.xml', { timeoutMs: 10_000 }).
 */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;

  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new FetchError('timeout', `no complete response within ${timeoutMs} ms`, undefined, undefined, { url })),
    timeoutMs,
  );
  const onCancel = () =>
    deadline.abort(new FetchError('network', 'the fetch was cancelled', undefined, undefined, { url, cause: options.signal?.reason }));
  if (options.signal?.aborted) onCancel();
  options.signal?.addEventListener('abort', onCancel, { once: true });

  try {
    let current = parseFetchUrl(url);
    let method = options.method ?? 'GET';
    let body = options.body;
    const headers = initialHeaders(options.headers);
    const redirects: FollowedRedirect[] = [];
    const chased = new Set<string>();
    // Cookies a server sets on the way are sent on the fetch's later hops, as a browser sends
    // them: a bot check or a sign-on that redirects with a cookie and back for it reads the
    // feed instead of looping. None outlive the fetch.
    const jar = new CookieJar();
    // Origins whose answer only the lenient parser reads, within this fetch.
    const lenient = new Set<string>();

    for (;;) {
      let exchange: OneResponse;
      try {
        const requestOptions = { ...withLearnedIssuer(options, current), lenient: lenient.has(current.origin) };
        exchange = await requestOnce(current, method, withJarCookies(headers, jar, current), body, requestOptions, deadline.signal);
      } catch (error) {
        // Asked again, once, of a server whose answer Node's strict parser refused (a
        // Content-Length beside chunked coding, bare LF line ends, a folded or control
        // character in a header), read as browsers and curl read it. Only for a request
        // that can be sent twice: a webhook's POST is not.
        if (isRefusedAsMalformed(error) && !lenient.has(current.origin) && (method === 'GET' || method === 'HEAD')) {
          lenient.add(current.origin);
          continue;
        }
        if (options.chaseIssuers === false || !isMissingIssuer(error) || chased.has(current.origin)) throw error;
        chased.add(current.origin);
        const proxy = proxyFor(bareHostname(current), options.proxy);
        const fetchIssuer: IssuerFetch = (address, limits) =>
          safeFetch(address, { ...options, method: 'GET', headers: {}, body: undefined, maxRedirects: 2, chaseIssuers: false, ...limits });
        if (!(await learnMissingIssuer(current, proxy, options, fetchIssuer, deadline.signal))) throw error;
        continue;
      }
      const { response, remoteAddress } = exchange;
      const status = response.statusCode ?? 0;
      const location = response.headers.location === undefined ? undefined : headerText(response.headers.location);

      if (REDIRECT_STATUSES.has(status) && location) {
        response.destroy();
        for (const cookie of response.headers['set-cookie'] ?? []) jar.setCookieSync(cookie, current.href, { ignoreError: true, loose: true });
        if (redirects.length >= maxRedirects) {
          throw new FetchError('too-many-redirects', `more than ${maxRedirects} redirects, stopped at ${current.href}`, status, undefined, {
            url: current.href,
          });
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new FetchError('bad-response', `redirect to an invalid URL: ${location}`, status, undefined, { url: current.href });
        }
        checkScheme(next, `redirect from ${current.href} to`);
        redirects.push({ status, from: current.href, to: next.href });
        // As browsers do: 303 always, and 301/302 after a POST, continue as a GET without body.
        if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          delete headers['content-type'];
        }
        // A body kept through a 307 or 308 (a WebSub hub's secret, say) is sent to its own host only.
        if (body !== undefined && next.hostname !== current.hostname) {
          throw new FetchError('bad-response', `the server sent the ${method} on to another host (${next.host}), where its body is not sent`, status, undefined, {
            url: current.href,
          });
        }
        // Credentials were meant for the first origin only.
        if (next.origin !== current.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
        current = next;
        continue;
      }

      const responseHeaders = toHeaders(response.rawHeaders, current.href);
      const bodyless = method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200);
      if (bodyless) {
        response.destroy();
        return { status, url: current.href, headers: responseHeaders, body: new Uint8Array(), redirects, remoteAddress, bytesReceived: 0 };
      }
      const encoding = response.headers['content-encoding'];
      const declaredLength = Number(response.headers['content-length']);
      if (!encoding && Number.isFinite(declaredLength) && declaredLength > maxBytes) {
        response.destroy();
        throw new FetchError('too-large', `response body of ${declaredLength} bytes is larger than ${maxBytes} bytes`, status, undefined, {
          url: current.href,
        });
      }
      const decoded = await readLimitedBody(response, { contentEncoding: encoding, maxBytes, url: current.href });
      return {
        status,
        url: current.href,
        headers: responseHeaders,
        body: decoded.body,
        redirects,
        remoteAddress,
        bytesReceived: decoded.bytesReceived,
      };
    }
  } catch (error) {
    // Whatever broke after the deadline passed was broken by the deadline.
    if (deadline.signal.aborted && deadline.signal.reason instanceof FetchError) throw deadline.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}

/** The request headers for `url`, with the cookies the fetch was given for it on the way. */
function withJarCookies(headers: Record<string, string>, jar: CookieJar, url: URL): Record<string, string> {
  const given = jar.getCookieStringSync(url.href);
  if (!given) return headers;
  return { ...headers, cookie: headers.cookie ? `${headers.cookie}; ${given}` : given };
}

/** The options for a request to `url`, trusting the intermediate learned for its origin. */
function withLearnedIssuer(options: SafeFetchOptions, url: URL): SafeFetchOptions {
  const issuer = url.protocol === 'https:' ? learnedIssuerOf(url.origin) : undefined;
  return issuer ? { ...options, ca: [...[options.ca ?? []].flat(), issuer] } : options;
}

function parseFetchUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError('invalid-url', `not a URL: ${url}`, undefined, undefined, { url });
  }
  checkScheme(parsed, 'cannot fetch');
  return parsed;
}

function checkScheme(url: URL, context: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('invalid-url', `${context} ${url.protocol} URL: only http(s) URLs can be fetched`, undefined, undefined, {
      url: url.href,
    });
  }
  if (url.username || url.password) {
    // Credentials in the URL would be sent to whatever host a redirect names; refuse them.
    // the error names the address without them: errors are logged and shown
    const bare = new URL(url.href);
    bare.username = '';
    bare.password = '';
    throw new FetchError('invalid-url', `${context} a URL with credentials in it`, undefined, undefined, { url: bare.href });
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A header value as its sender wrote it. Node reads header bytes as Latin-1, but servers
 * that put non-ASCII in a Location header send UTF-8 ("/café" as C3 A9), and browsers read
 * it so; bytes that are not valid UTF-8 stay Latin-1.
 */
function headerText(value: string): string {
  if (!/[\x80-\xff]/.test(value)) return value;
  try {
    return strictUtf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

function initialHeaders(given: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*' };
  for (const [name, value] of Object.entries(given ?? {})) headers[name.toLowerCase()] = value;
  // We decode exactly what we offer; a caller's own Accept-Encoding could bring codings we cannot limit.
  headers['accept-encoding'] = ACCEPT_ENCODING;
  return headers;
}

interface OneResponse {
  response: http.IncomingMessage;
  remoteAddress: string;
}

/**
 * Whether a request failed on an answer Node's strict HTTP parser refused. Headers over the
 * size limit are a limit, not strictness, and stay refused.
 */
function isRefusedAsMalformed(error: unknown): boolean {
  if (!(error instanceof FetchError) || error.kind !== 'bad-response') return false;
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
  return code.startsWith('HPE_') && code !== 'HPE_HEADER_OVERFLOW';
}

/**
 * One request/response exchange, with the address rule enforced on the connection. With
 * `lenient`, the response is read with Node's lenient parser (insecureHTTPParser). Its risk,
 * a response framed one way by us and another by something in between, needs a connection
 * that carries a second exchange; every exchange here has a connection of its own.
 */
function requestOnce(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  options: SafeFetchOptions & { lenient?: boolean },
  signal: AbortSignal,
): Promise<OneResponse> {
  return new Promise<OneResponse>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const hostname = bareHostname(url);
    try {
      checkHostname(hostname, options, url.href);
    } catch (error) {
      reject(error);
      return;
    }
    const isHttps = url.protocol === 'https:';
    const port = Number(url.port) || (isHttps ? 443 : 80);
    let socket: net.Socket | undefined;
    const proxy = proxyFor(hostname, options.proxy);
    // the lenient parser's connection also repairs what that parser refuses too (head-repair.ts)
    const forParser = (opened: net.Socket): net.Socket | Duplex => (options.lenient ? new RepairedHeadConnection(opened, MAX_HEADER_BYTES) : opened);
    const createConnection = proxy
      ? (_options: unknown, created: (error: Error | null, socket?: net.Socket | Duplex) => void) => {
          openProxiedConnection(url, proxy, options, signal).then(
            (tunnelled) => created(null, forParser((socket = tunnelled))),
            (error: Error) => created(error),
          );
          return undefined;
        }
      : () => forParser((socket = openGuardedConnection(url, options)));

    const requestHeaders: Record<string, string> = { ...headers, host: url.host };
    if (body !== undefined) requestHeaders['content-length'] = String(Buffer.byteLength(body));
    const request = (isHttps ? https : http).request({
      method,
      hostname,
      port,
      path: `${url.pathname}${url.search}`,
      headers: requestHeaders,
      maxHeaderSize: MAX_HEADER_BYTES,
      insecureHTTPParser: options.lenient === true,
      // No agent: with one, Node would open its own sockets and skip createConnection, and a
      // pooled socket checked under one policy could serve a request made under another.
      createConnection: createConnection as unknown as http.RequestOptions['createConnection'],
    });

    // The deadline settles the exchange itself: a request Node has already given up on
    // (an unasked protocol switch, say) emits no error when destroyed again.
    const onAbort = () => {
      request.destroy(signal.reason as Error);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });

    request.on('response', (response) => {
      // From here on the deadline stops the body read instead.
      signal.removeEventListener('abort', onAbort);
      const stopBody = () => response.destroy(signal.reason as Error);
      signal.addEventListener('abort', stopBody, { once: true });
      response.once('close', () => signal.removeEventListener('abort', stopBody));
      // Fail closed: a response on a socket that never passed the connect check is refused.
      const remote = verifiedAddressOf(socket);
      if (remote === undefined) {
        response.destroy();
        reject(new FetchError('blocked-address', 'answered on a connection whose address was not verified', undefined, undefined, { url: url.href }));
        return;
      }
      resolve({ response, remoteAddress: remote });
    });
    request.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(classifyRequestError(error, url.href));
    });
    // A 101 answer to a request that asked for no new protocol: a feed reader cannot read it.
    request.on('upgrade', (response: http.IncomingMessage, upgraded: net.Socket) => {
      signal.removeEventListener('abort', onAbort);
      upgraded.destroy();
      reject(new FetchError('bad-response', `switched protocols unasked (HTTP ${response.statusCode})`, response.statusCode, undefined, { url: url.href }));
    });
    // Settles an exchange that ended with neither a response nor an error (no-op otherwise).
    request.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      reject(new FetchError('network', 'the connection closed without a response', undefined, undefined, { url: url.href }));
    });
    request.end(body);
  });
}

const TLS_ERROR_CODES = /^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_SSL_|HOSTNAME_MISMATCH)/;

function classifyRequestError(error: unknown, url: string): FetchError {
  if (error instanceof FetchError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = (error as Error).message;
  if (TLS_ERROR_CODES.test(code) || /certificate|ssl|tls/i.test(code)) {
    return new FetchError('tls', `TLS failed: ${message}`, undefined, undefined, { url, cause: error });
  }
  if (code.startsWith('HPE_')) {
    return new FetchError('bad-response', `malformed HTTP response: ${message}`, undefined, undefined, { url, cause: error });
  }
  return new FetchError('network', message || code || 'connection failed', undefined, undefined, { url, cause: error });
}

/** Characters no header value may hold (HTAB aside), which only the lenient parser lets by. */
const CONTROL_CHARACTERS = /[\x00-\x08\x0a-\x1f\x7f]/;

function toHeaders(rawHeaders: string[], url: string): Headers {
  const headers = new Headers();
  try {
    for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
      const value = rawHeaders[index + 1] as string;
      // dropped: an ETag holding one, sent back as If-None-Match, would fail every later poll
      if (CONTROL_CHARACTERS.test(value)) continue;
      headers.append(rawHeaders[index] as string, value);
    }
  } catch (error) {
    throw new FetchError('bad-response', `invalid response header: ${(error as Error).message}`, undefined, undefined, { url, cause: error });
  }
  return headers;
}
