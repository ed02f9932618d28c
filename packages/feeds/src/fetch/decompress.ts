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
    decoders = createDecoders(options.contentEncoding, maxBytes);
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
  const tooLarge = () =>
    new FetchError('too-large', `response body larger than ${maxBytes} bytes after decompression`, undefined, undefined, {
      url,
      bytesReceived,
      bytesDecoded: maxBytes + 1,
    });
  // an outer coding's output is held to the limit too: an inner one made of empty blocks
  // decodes to nothing, however much the outer one unpacks
  const stages = decoders.flatMap((decoder, i) => {
    if (i === decoders.length - 1) return [decoder];
    let unpacked = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        unpacked += chunk.byteLength;
        if (unpacked > maxBytes) callback((stoppedBy = tooLarge()));
        else callback(null, chunk);
      },
    });
    return [decoder, limit];
  });
  try {
    // pipeline's typings cannot express a variable number of middle stages.
    await (pipeline as (...stages: unknown[]) => Promise<void>)(source, wireCounter, ...stages, async function collect(decoded: AsyncIterable<Buffer>) {
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
      if (error instanceof RangeError) {
        // a decoder that unpacked the body whole found it past the limit
        throw new FetchError('too-large', `response body larger than ${maxBytes} bytes after decompression`, undefined, undefined, {
          url,
          bytesReceived,
          bytesDecoded: maxBytes + 1,
        });
      }
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
 * The decoders for a Content-Encoding value, outermost coding first to undo. A coding we did
 * not offer in Accept-Encoding fails the body with FetchError 'bad-response', unless the body
 * plainly never was compressed (see plainDecoder).
 */
export function createDecoders(contentEncoding: string | null | undefined, maxBytes = DEFAULT_MAX_BYTES): Transform[] {
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
        return gzipDecoder(maxBytes);
      case 'deflate':
        return deflateDecoder();
      case 'br':
        return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH, chunkSize: 64 * 1024 });
      default:
        return plainDecoder(coding);
    }
  });
}

const ZLIB_OPTIONS: zlib.ZlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 };

/**
 * "gzip" as servers really send it: a body that does not open with gzip's magic bytes was
 * never compressed (a server that labels plain XML gzip), and is read as it is, as Python's
 * feedparser does, instead of failing every poll. Bytes after the last member are ignored,
 * as browsers ignore them (see gunzipLeniently).
 */
const gzipDecoder = (maxBytes: number) =>
  new SniffingDecoder(2, (head) => (startsAsGzip(head) ? zlib.createGunzip(ZLIB_OPTIONS) : null), {
    // one byte past the limit is enough for the reader to say the body is too large
    recover: (input) => gunzipLeniently(input, maxBytes + 1),
  });

/** Bytes a feed or page opens with: markup or JSON, after a byte order mark and white space. */
const OPENS_AS_TEXT = /^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?(?:[\t\n\r ]|\x00)*[<{[]/;

/**
 * A coding we do not know (`utf-8`, `none`, `text`: a charset or a word where the coding
 * should be, as misconfigured servers send) over a body that opens as markup or JSON does is
 * no compression, and the body is read as it is, as browsers read it. A body that does not
 * is compressed in a way we did not offer (zstd, compress) and cannot be read.
 */
const plainDecoder = (coding: string) =>
  new SniffingDecoder(256, (head) => {
    if (OPENS_AS_TEXT.test(head.toString('latin1'))) return null;
    throw new FetchError('bad-response', `unsupported Content-Encoding: ${coding}`);
  });

/**
 * Unpacks gzip as browsers do: members one after another, and anything after the last one
 * ignored. A PHP site that prints a newline after its compressed output, or a server that
 * pads the body, sends such bytes; Node's gunzip fails on them and drops the output of the
 * call that met them, and the whole feed with it. The member walk runs only after gunzip has
 * failed, so well-formed bodies cost nothing more. Throws what gunzip threw if the first
 * member cannot be read either, and a RangeError past maxBytes.
 */
export function gunzipLeniently(input: Uint8Array, maxBytes: number): Buffer {
  try {
    return zlib.gunzipSync(input, { maxOutputLength: maxBytes, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (error) {
    if (error instanceof RangeError) throw error;
    const members = gzipMembers(input, maxBytes);
    if (members === null) throw error;
    return members;
  }
}

/**
 * The most members the walk reads. Real bodies have one, rarely a few; each costs a zlib
 * engine of its own, so a body of a hundred thousand tiny members would hold the thread for
 * a minute. Past this many, the walk gives up and gunzip's error stands.
 */
const MAX_GZIP_MEMBERS = 64;

/** The members gzip bodies are made of, unpacked until one cannot be; null if none can. */
function gzipMembers(input: Uint8Array, maxBytes: number): Buffer | null {
  const output: Buffer[] = [];
  let length = 0;
  let at = 0;
  while (startsAsGzip(input.subarray(at))) {
    if (output.length === MAX_GZIP_MEMBERS) return null;
    const header = gzipHeaderLength(input.subarray(at));
    if (header === null) break;
    let member: { buffer: Buffer; engine: zlib.InflateRaw };
    try {
      member = zlib.inflateRawSync(input.subarray(at + header), {
        ...ZLIB_OPTIONS,
        info: true,
        maxOutputLength: Math.max(1, maxBytes - length),
      }) as unknown as { buffer: Buffer; engine: zlib.InflateRaw };
    } catch (error) {
      if (error instanceof RangeError) throw error;
      break;
    }
    output.push(member.buffer);
    length += member.buffer.byteLength;
    if (length > maxBytes) throw new RangeError(`Cannot create a Buffer larger than ${maxBytes} bytes`);
    // the deflate data the member used, then its CRC-32 and length
    at += header + member.engine.bytesWritten + 8;
  }
  return output.length > 0 ? Buffer.concat(output, length) : null;
}

const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const FHCRC = 0x02;

/** The length of a gzip member's header (RFC 1952, 2.3), or null if it is cut short or not one. */
function gzipHeaderLength(bytes: Uint8Array): number | null {
  if (bytes.byteLength < 10 || !startsAsGzip(bytes) || bytes[2] !== 8) return null;
  const flags = bytes[3]!;
  let at = 10;
  if (flags & FEXTRA) {
    if (bytes.byteLength < at + 2) return null;
    at += 2 + (bytes[at]! | (bytes[at + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const end = bytes.indexOf(0, at);
    if (end === -1) return null;
    at = end + 1;
  }
  if (flags & FHCRC) at += 2;
  return at <= bytes.byteLength ? at : null;
}

/**
 * "deflate" as servers really send it: zlib-wrapped, as HTTP says, or raw, as some old
 * servers do. Told apart by the first byte (a zlib header names method 8 in its low four
 * bits), as browsers and undici do.
 */
const deflateDecoder = () =>
  new SniffingDecoder(1, (head) => ((head[0]! & 0x0f) === 0x08 ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS)));

/** The most compressed input a decoder keeps for its `recover`. */
const MAX_RETAINED_BYTES = DEFAULT_MAX_BYTES;

interface SniffingDecoderOptions {
  /**
   * Decodes, when the decoder has failed, all the input it was given, whole: the body to
   * pass on instead, ending there. Throws if it cannot, and the decoder's error stands.
   */
  recover?: (input: Buffer) => Buffer;
}

/**
 * A decoder chosen from the body's first bytes: `choose` gets at least `headBytes` of them
 * (fewer only if the body is shorter) and names the decoder, or null to pass the body on as
 * it is, or throws to fail the body. The decoder is paused while this stream's reader is
 * full, so a bomb inflates no faster than the limit check reads it.
 */
class SniffingDecoder extends Transform {
  #head: Buffer[] = [];
  #headLength = 0;
  /** Undefined until chosen; null passes bytes through. */
  #decoder: Transform | null | undefined = undefined;
  /** What the decoder was given, for `recover`; null once past MAX_RETAINED_BYTES. */
  #input: Buffer[] | null = [];
  #inputLength = 0;
  /** Bytes the decoder has passed on. */
  #decodedLength = 0;
  /** Set once recovered: the rest of the input is ignored. */
  #recovered = false;
  /** The flush waiting for the decoder to end. */
  #flushed: (() => void) | null = null;
  /** Set once the decoder has passed on all it will. */
  #decoderEnded = false;
  /** The write waiting for the decoder to take its chunk. */
  #written: ((error?: Error | null) => void) | null = null;

  readonly #headBytes: number;
  readonly #choose: (head: Buffer) => Transform | null;
  readonly #recover: ((input: Buffer) => Buffer) | undefined;

  constructor(headBytes: number, choose: (head: Buffer) => Transform | null, options: SniffingDecoderOptions = {}) {
    super();
    this.#headBytes = headBytes;
    this.#choose = choose;
    this.#recover = options.recover;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.#recovered) return callback();
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
    const end = (error?: Error | null) => {
      if (error) return callback(error);
      // a decoder whose stream ended before the body did (bytes after it) has nothing more
      if (!this.#decoder || this.#decoderEnded) return callback();
      this.#flushed = () => callback();
      this.#decoder.once('end', this.#flushed);
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
    let decoder: Transform | null;
    try {
      decoder = this.#choose(head);
    } catch (error) {
      return callback(error as Error);
    }
    if (decoder) {
      decoder.on('data', (decoded: Buffer) => {
        this.#decodedLength += decoded.byteLength;
        if (!this.push(decoded)) decoder.pause();
      });
      decoder.on('error', (error) => this.#failed(error));
      decoder.once('end', () => (this.#decoderEnded = true));
    }
    this.#decoder = decoder;
    this.#write(head, callback);
  }

  #write(chunk: Buffer, callback: (error?: Error | null) => void): void {
    if (!this.#decoder) {
      this.push(chunk);
      return callback();
    }
    if (this.#recover && this.#input) {
      this.#input.push(chunk);
      this.#inputLength += chunk.byteLength;
      if (this.#inputLength > MAX_RETAINED_BYTES) this.#input = null;
    }
    // a decoder that fails never calls back for the chunk it failed on
    this.#written = callback;
    this.#decoder.write(chunk, () => this.#takeWritten()?.());
  }

  #takeWritten(): ((error?: Error | null) => void) | null {
    const callback = this.#written;
    this.#written = null;
    return callback;
  }

  /**
   * The decoder failed: `recover` decodes what it was given whole, and the part the decoder
   * did not pass on before failing follows; the rest of the input is ignored. Without
   * `recover`, or if it fails too, the decoder's error ends this stream.
   */
  #failed(error: Error): void {
    let body: Buffer;
    try {
      if (!this.#recover || !this.#input) throw error;
      body = this.#recover(Buffer.concat(this.#input, this.#inputLength));
    } catch (recoveryError) {
      this.destroy(recoveryError instanceof RangeError ? recoveryError : error);
      return;
    }
    this.#recovered = true;
    this.#decoder = null;
    this.#input = null;
    // the decoder's output is the start of the whole body, up to what it lost in failing
    if (body.byteLength > this.#decodedLength) this.push(body.subarray(this.#decodedLength));
    this.#takeWritten()?.();
    this.#flushed?.();
  }
}
