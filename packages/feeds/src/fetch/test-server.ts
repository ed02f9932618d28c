import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

/** A real HTTP server on a local port, for tests of the fetch stage (test support only). */
export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** Requests received so far, in order. */
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

/** Listens on a free local port; `close` ends the open connections (HTTP ones too) and the server. */
export async function listenLocally(server: net.Server, host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        (server as http.Server).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export async function startTestServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<TestServer> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  const { port, close } = await listenLocally(server, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, port, requests, close };
}

export interface ProxyLog {
  port: number;
  /** The CONNECT targets asked for, and the Proxy-Authorization sent with each. */
  tunnels: { target: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A forward proxy as organisations run them, on a local port: CONNECT tunnels only;
 * `answer` other than 200 refuses, `hang` never answers; `names` are the addresses it
 * resolves names to, as the proxy of a network whose machines cannot resolve outside names
 * does (test support only).
 */
export async function startConnectProxy(answer = 200, hang = false, names: Record<string, string> = {}): Promise<ProxyLog> {
  const sockets = new Set<net.Socket>();
  const tunnels: ProxyLog['tunnels'] = [];
  const server = http.createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request: http.IncomingMessage, client: net.Socket) => {
    sockets.add(client);
    client.on('error', () => {});
    tunnels.push({ target: request.url ?? '', authorization: request.headers['proxy-authorization'] });
    if (hang) return;
    if (answer !== 200) {
      client.end(`HTTP/1.1 ${answer} Refused\r\nProxy-Authenticate: Basic realm="corp"\r\n\r\n`);
      return;
    }
    const [host, port] = [request.url!.slice(0, request.url!.lastIndexOf(':')).replace(/^\[|\]$/g, ''), Number(request.url!.split(':').at(-1))];
    const upstream = net.connect({ host: names[host] ?? host, port }, () => {
      sockets.add(upstream);
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const { port, close } = await listenLocally(server);
  return {
    port,
    tunnels,
    close: () => {
      // tunnels are no longer the HTTP server's connections
      for (const socket of sockets) socket.destroy();
      return close();
    },
  };
}
