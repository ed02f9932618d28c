import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError } from './fetch-error.ts';

/** The encodings safeFetch asks for and can decode. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

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
        return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 });
      case 'deflate':
        return new DeflateDecoder();
      case 'br':
        return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH, chunkSize: 64 * 1024 });
      default:
        throw new FetchError('bad-response', `unsupported Content-Encoding: ${coding}`);
    }
  });
}

const INFLATE_OPTIONS: zlib.ZlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 };

/**
 * "deflate" as servers really send it: zlib-wrapped, as HTTP says, or raw, as some old
 * servers do. Told apart by the first byte (a zlib header names method 8 in its low four
 * bits), as browsers and undici do. The chosen inflater is paused while this stream's
 * reader is full, so a bomb inflates no faster than the limit check reads it.
 */
class DeflateDecoder extends Transform {
  #inflater: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (chunk.byteLength === 0) return callback();
    if (!this.#inflater) {
      const inflater = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(INFLATE_OPTIONS) : zlib.createInflateRaw(INFLATE_OPTIONS);
      inflater.on('data', (decoded: Buffer) => {
        if (!this.push(decoded)) inflater.pause();
      });
      inflater.on('error', (error) => this.destroy(error));
      this.#inflater = inflater;
    }
    this.#inflater.write(chunk, () => callback());
  }

  override _read(size: number): void {
    this.#inflater?.resume();
    super._read(size);
  }

  override _flush(callback: (error?: Error | null) => void): void {
    if (!this.#inflater) return callback();
    this.#inflater.once('end', () => callback());
    this.#inflater.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inflater?.destroy();
    callback(error);
  }
}
