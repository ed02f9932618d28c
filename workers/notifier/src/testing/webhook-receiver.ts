import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as the signature covers it. */
  body: string;
  /** The status the receiver answered. */
  status: number;
}

/**
 * A local HTTP server standing in for a webhook receiver (a team's endpoint, Slack,
 * Teams). Each path answers 200 unless told to answer a list of statuses first.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  readonly #scripts = new Map<string, number[]>();
  #server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const status = this.#scripts.get(path)?.shift() ?? 200;
        this.requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** The URL of a path, answering the given statuses to the first requests, then 200. */
  url(path: string, statuses: number[] = []): string {
    this.#scripts.set(path, [...statuses]);
    return `${this.baseUrl}${path}`;
  }

  at(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    if (!this.#server) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server!.close(() => resolve()));
    this.#server = null;
  }
}
