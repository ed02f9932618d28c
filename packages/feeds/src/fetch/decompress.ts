import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError } from './fetch-error.ts';

/** The encodings safeFetch asks for and can decode. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** The most a body may hold after decompression, unless a caller says otherwise. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Whether bytes open as gzip does (its two magic bytes). */
export const startsAsGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

export interface LimitedBodyOptions {
  /** The response's Content-Encoding header. */
  contentEncoding?: string | null;
  /** Limit on the body after decompression. */
  maxBytes: number;
  /** The URL, for error messages. */
  url?: string;
}

export interface LimitedBody {
  body: Uint8Array;
  /** Bytes that came over the wire. */
  bytesReceived: number;
  /** Bytes after decompression (the body's length). */
  bytesDecoded: number;
}

/**
 * Reads a response body through the decoders its Content-Encoding names, counting bytes
 * after decompression and stopping the moment the count passes maxBytes, so a small
 * compressed "bomb" that would expand to gigabytes costs at most maxBytes of memory.
 * Rejects with FetchError 'too-large' or 'bad-response'; errors the source is destroyed
 * with (a deadline's FetchError 'timeout', say) come out as they are.
 */
export async function readLimitedBody(source: Readable, options: LimitedBodyOptions): Promise<LimitedBody> {
  const { maxBytes, url } = options;
  let decoders: Transform[];
  try {
    decoders = createDecoders(options.contentEncoding);
  } catch (error) {
    source.destroy();
    throw error;
  }
  let decodeError: unknown = null;
  for (const decoder of decoders) decoder.once('error', (error) => (decodeError ??= error));
  let bytesReceived = 0;
  let bytesDecoded = 0;
  const wireCounter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesReceived += chunk.byteLength;
      callback(null, chunk);
    },
  });
  const chunks: Buffer[] = [];
  // pipeline may reject with its own AbortError rather than the error that stopped it.
  let stoppedBy: FetchError | null = null;
  try {
    // pipeline's typings cannot express a variable number of middle stages.
    await (pipeline as (...stages: unknown[]) => Promise<void>)(source, wireCounter, ...decoders, async function collect(decoded: AsyncIterable<Buffer>) {
      for await (const chunk of decoded) {
        bytesDecoded += chunk.byteLength;
        if (bytesDecoded > maxBytes) {
          // Throwing here makes pipeline destroy the decoders and the socket at once.
          stoppedBy = new FetchError('too-large', `response body larger than ${maxBytes} bytes after decompression`, undefined, undefined, {
            url,
            bytesReceived,
            bytesDecoded,
          });
          throw stoppedBy;
        }
        chunks.push(chunk);
      }
    });
  } catch (error) {
    if (stoppedBy) throw stoppedBy;
    if (error instanceof FetchError) throw error;
    if (decodeError !== null && error === decodeError) {
      throw new FetchError('bad-response', `could not decompress the response body: ${(error as Error).message}`, undefined, undefined, {
        url,
        bytesReceived,
        bytesDecoded,
        cause: error,
      });
    }
    throw new FetchError('network', `the connection failed while reading the body: ${(error as Error).message}`, undefined, undefined, {
      url,
      bytesReceived,
      bytesDecoded,
      cause: error,
    });
  }
  return { body: Buffer.concat(chunks, bytesDecoded), bytesReceived, bytesDecoded };
}

/**
 * The decoders for a Content-Encoding value, outermost coding first to undo. Throws
 * FetchError 'bad-response' for codings we did not offer in Accept-Encoding.
 */
export function createDecoders(contentEncoding: string | null | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  // Every layer could be a bomb of its own; real servers never stack more than two.
  if (codings.length > 2) throw new FetchError('bad-response', `too many Content-Encoding layers: ${contentEncoding}`);
  // Codings are listed in the order they were applied, so they are undone in reverse.
  return codings.reverse().map((coding) => {
    // Truncated bodies decode as far as they go, as browsers do, instead of failing.
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return gzipDecoder();
      case 'deflate':
        return deflateDecoder();
      case 'br':
        return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH, chunkSize: 64 * 1024 });
      default:
        throw new FetchError('bad-response', `unsupported Content-Encoding: ${coding}`);
    }
  });
}

const ZLIB_OPTIONS: zlib.ZlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 };

/**
 * "gzip" as servers really send it: a body that does not open with gzip's magic bytes was
 * never compressed (a server that labels plain XML gzip), and is read as it is, as Python's
 * feedparser does, instead of failing every poll.
 */
const gzipDecoder = () =>
  new SniffingDecoder(2, (head) => (startsAsGzip(head) ? zlib.createGunzip(ZLIB_OPTIONS) : null));

/**
 * "deflate" as servers really send it: zlib-wrapped, as HTTP says, or raw, as some old
 * servers do. Told apart by the first byte (a zlib header names method 8 in its low four
 * bits), as browsers and undici do.
 */
const deflateDecoder = () =>
  new SniffingDecoder(1, (head) => ((head[0]! & 0x0f) === 0x08 ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS)));

/**
 * A decoder chosen from the body's first bytes: `choose` gets at least `headBytes` of them
 * (fewer only if the body is shorter) and names the decoder, or null to pass the body on as
 * it is. The decoder is paused while this stream's reader is full, so a bomb inflates no
 * faster than the limit check reads it.
 */
class SniffingDecoder extends Transform {
  #head: Buffer[] = [];
  #headLength = 0;
  /** Undefined until chosen; null passes bytes through. */
  #decoder: Transform | null | undefined = undefined;

  readonly #headBytes: number;
  readonly #choose: (head: Buffer) => Transform | null;

  constructor(headBytes: number, choose: (head: Buffer) => Transform | null) {
    super();
    this.#headBytes = headBytes;
    this.#choose = choose;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.#decoder !== undefined) return this.#write(chunk, callback);
    this.#head.push(chunk);
    this.#headLength += chunk.byteLength;
    if (this.#headLength < this.#headBytes) return callback();
    this.#writeHead(callback);
  }

  override _read(size: number): void {
    this.#decoder?.resume();
    super._read(size);
  }

  override _flush(callback: (error?: Error | null) => void): void {
    const end = () => {
      if (!this.#decoder) return callback();
      this.#decoder.once('end', () => callback());
      this.#decoder.end();
    };
    if (this.#decoder === undefined && this.#headLength > 0) this.#writeHead(end);
    else end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#decoder?.destroy();
    callback(error);
  }

  #writeHead(callback: (error?: Error | null) => void): void {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    const decoder = this.#choose(head);
    if (decoder) {
      decoder.on('data', (decoded: Buffer) => {
        if (!this.push(decoded)) decoder.pause();
      });
      decoder.on('error', (error) => this.destroy(error));
    }
    this.#decoder = decoder;
    this.#write(head, callback);
  }

  #write(chunk: Buffer, callback: (error?: Error | null) => void): void {
    if (!this.#decoder) {
      this.push(chunk);
      return callback();
    }
    this.#decoder.write(chunk, () => callback());
  }
}
