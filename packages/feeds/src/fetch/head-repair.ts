import { Duplex } from 'node:stream';
import type net from 'node:net';

/**
 * Slips in a response's head that Node's HTTP parser refuses, strict or lenient, where
 * browsers and curl read the body:
 * - a Content-Length said twice, or as a list ("5, 5"), as a web server and the script
 *   behind it each adding one do ("Duplicate Content-Length"): the values agree, so the
 *   length is not in doubt (RFC 9110, 8.6). It is said once; lengths that disagree are passed
 *   on as they are, and refused;
 * - white space between a field's name and its colon ("Content-Type : text/xml", from old
 *   servers), which RFC 9112 (5.1) has a proxy remove before passing a response on. It is
 *   removed;
 * - a line that is no field (no colon, or no name before it), which browsers skip. It is
 *   dropped.
 * This connection passes the response's head on repaired so, and the rest as it comes.
 */
export class RepairedHeadConnection extends Duplex {
  readonly #inner: net.Socket;
  /** The chunks of the response head read so far; null once passed on. */
  #head: Buffer[] | null = [];
  #headLength = 0;
  /** The head's last three characters: its end may begin there and finish in the next chunk. */
  #tail = '';
  readonly #maxHeadBytes: number;

  constructor(inner: net.Socket, maxHeadBytes: number) {
    super();
    this.#inner = inner;
    this.#maxHeadBytes = maxHeadBytes;
    inner.on('data', (chunk: Buffer) => {
      const passed = this.#passHead(chunk);
      if (passed && !this.push(passed)) inner.pause();
    });
    inner.on('end', () => {
      if (this.#headLength > 0) this.push(this.#takeHead());
      this.#head = null;
      this.push(null);
    });
    inner.on('error', (error) => this.destroy(error));
    // a connection closed after its end has handed everything on, read or not yet read
    inner.on('close', () => {
      if (!inner.readableEnded) this.destroy();
    });
  }

  override _read(): void {
    this.#inner.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#inner.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#inner.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner.destroy(error ?? undefined);
    callback(error);
  }

  /**
   * What of the bytes so far can be passed on: nothing until the head is whole. Each chunk is
   * looked at once, so a head trickled in a byte at a time costs no more than one that comes whole.
   */
  #passHead(chunk: Buffer): Buffer | null {
    if (this.#head === null) return chunk;
    const seen = this.#tail + chunk.toString('latin1');
    const end = /\r?\n\r?\n/.exec(seen);
    const before = this.#headLength - this.#tail.length;
    this.#head.push(chunk);
    this.#headLength += chunk.byteLength;
    if (end) {
      const read = this.#takeHead();
      const headEnd = before + end.index + end[0].length;
      return Buffer.concat([Buffer.from(repairedHead(read.toString('latin1', 0, headEnd)), 'latin1'), read.subarray(headEnd)]);
    }
    // past any head the parser takes: it says so itself
    if (this.#headLength > this.#maxHeadBytes) return this.#takeHead();
    this.#tail = seen.slice(-3);
    return null;
  }

  /** The head read so far, whole; nothing more is held back after it. */
  #takeHead(): Buffer {
    const head = Buffer.concat(this.#head ?? [], this.#headLength);
    this.#head = null;
    this.#headLength = 0;
    return head;
  }
}

/** A field name (RFC 9110, 5.6.2), then white space before its colon. */
const SPACE_BEFORE_COLON = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]+:/gm;
const LENGTH_LINE = /^content-length[ \t]*:([^\r\n]*)\r?\n/gim;
/**
 * A line after the status line that is no field: no colon, or nothing before it. Lines that
 * open with white space continue the field above them (obs-fold) and are left.
 */
const NO_FIELD = /(?<=\n)(?:[^\s:][^:\r\n]*|:[^\r\n]*)\r?\n/g;

/**
 * A response head repaired as RepairedHeadConnection says.
 * @example repairedHead('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n') // '…Content-Length: 5\r\n\r\n'
 */
export function repairedHead(head: string): string {
  const spaced = head.replace(NO_FIELD, '').replace(SPACE_BEFORE_COLON, '$1:');
  const values = [...spaced.matchAll(LENGTH_LINE)].flatMap((match) => match[1]!.split(',').map((value) => value.trim()));
  if (values.length < 2 || !/^\d+$/.test(values[0]!) || values.some((value) => value !== values[0])) return spaced;
  let first = true;
  return spaced.replace(LENGTH_LINE, (line) => {
    const kept = first ? `Content-Length: ${values[0]}${line.endsWith('\r\n') ? '\r\n' : '\n'}` : '';
    first = false;
    return kept;
  });
}
