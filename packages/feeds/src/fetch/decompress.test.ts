import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDecoders, readLimitedBody } from './decompress.ts';
import { FetchError } from './fetch-error.ts';
import { safeFetch } from './safe-fetch.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const MiB = 1024 * 1024;
const BLOCK = 16 * MiB; // uncompressed size of one repeated piece of a bomb

/**
 * Bombs are served as a head followed by one piece repeated many times, so the server can
 * offer hundreds of gigabytes of zeros while holding a few kilobytes:
 * - gzip: concatenated gzip members are one valid gzip body;
 * - deflate: a zlib stream whose blocks end in full flushes can repeat its block run;
 * - brotli: after the first flushed metablock, every further 16 MiB of zeros encodes the same.
 */
interface Bomb {
  encoding: string;
  head: Buffer;
  piece: Buffer;
  /** Repetitions of piece; the decompressed size is (1 + repeats) × BLOCK. */
  repeats: number;
}

async function brotliPieces(): Promise<[Buffer, Buffer]> {
  const encoder = zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } });
  const output: Buffer[] = [];
  encoder.on('data', (chunk: Buffer) => output.push(chunk));
  const flushed = async () => {
    encoder.write(Buffer.alloc(BLOCK));
    await new Promise<void>((resolve) => encoder.flush(zlib.constants.BROTLI_OPERATION_FLUSH, () => resolve()));
    return Buffer.concat(output.splice(0));
  };
  const head = await flushed();
  const piece = await flushed();
  encoder.destroy();
  return [head, piece];
}

const bombs = new Map<string, Bomb>();
let server: TestServer;
const served = new Map<string, { written: number; closed: boolean }>();

beforeAll(async () => {
  const zeros = Buffer.alloc(BLOCK);
  const member = zlib.gzipSync(zeros, { level: 9 });
  bombs.set('gzip', { encoding: 'gzip', head: member, piece: member, repeats: 16 * 1024 }); // 256 GiB
  const flushed = zlib.deflateSync(zeros, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  bombs.set('deflate', { encoding: 'deflate', head: flushed, piece: flushed.subarray(2), repeats: 16 * 1024 }); // 256 GiB
  // Raw deflate (no zlib header), as some servers send for "deflate": its block run repeats whole.
  const raw = zlib.deflateRawSync(zeros, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  bombs.set('deflate-raw', { encoding: 'deflate', head: raw, piece: raw, repeats: 16 * 1024 }); // 256 GiB
  const [head, piece] = await brotliPieces();
  // A brotli piece is ~14 bytes, so send them 1024 at a time: each write is 16 GiB of zeros.
  bombs.set('br', { encoding: 'br', head, piece: Buffer.concat(Array(1024).fill(piece)), repeats: 64 }); // 1 TiB

  server = await startTestServer((request, response) => {
    const name = (request.url ?? '').slice(1);
    const bomb = bombs.get(name);
    if (!bomb) return void response.writeHead(404).end();
    const counter = { written: 0, closed: false };
    served.set(name, counter);
    streamBomb(bomb, response, counter);
  });
});

afterAll(async () => {
  await server?.close();
});

function streamBomb(bomb: Bomb, response: ServerResponse, counter: { written: number; closed: boolean }) {
  response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': bomb.encoding });
  response.on('close', () => (counter.closed = true));
  counter.written += bomb.head.byteLength;
  response.write(bomb.head);
  let sent = 0;
  const pump = () => {
    while (sent < bomb.repeats && !response.destroyed) {
      sent += 1;
      counter.written += bomb.piece.byteLength;
      if (!response.write(bomb.piece)) return void response.once('drain', pump);
    }
    if (!response.destroyed) response.end();
  };
  pump();
}

test('the bomb pieces really decode to zeros', () => {
  for (const bomb of bombs.values()) {
    const sample = Buffer.concat([bomb.head, bomb.piece.subarray(0, bomb.encoding === 'br' ? bomb.piece.byteLength / 1024 : undefined)]);
    const decoded =
      bomb.encoding === 'br'
        ? zlib.brotliDecompressSync(sample, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH })
        : bomb.encoding === 'gzip'
          ? zlib.gunzipSync(sample)
          : bomb.head === bomb.piece
            ? zlib.inflateRawSync(sample, { finishFlush: zlib.constants.Z_SYNC_FLUSH })
            : zlib.inflateSync(sample, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    expect(decoded.byteLength, bomb.encoding).toBe(2 * BLOCK);
  }
});

test.each(['gzip', 'deflate', 'deflate-raw', 'br'])('a %s bomb stops at the 10 MB limit, having read a sliver of it', async (name) => {
  const bomb = bombs.get(name) as Bomb;
  const offeredCompressed = bomb.head.byteLength + bomb.piece.byteLength * bomb.repeats;
  const offeredDecoded = BLOCK * (1 + bomb.repeats * (name === 'br' ? 1024 : 1));
  expect(offeredDecoded).toBeGreaterThan(200 * 1024 * MiB);

  const started = performance.now();
  const error = await safeFetch(`${server.url}/${name}`, { allowPrivateAddresses: true, timeoutMs: 60_000 }).then(
    () => null,
    (thrown: unknown) => thrown as FetchError,
  );
  const elapsed = performance.now() - started;
  expect(error).toBeInstanceOf(FetchError);
  expect(error?.kind).toBe('too-large');
  // Decoding stopped one output chunk past the limit...
  expect(error?.bytesDecoded).toBeGreaterThan(10 * MiB);
  expect(error?.bytesDecoded).toBeLessThanOrEqual(10 * MiB + 1 * MiB);
  // ...after reading a sliver of what was on offer (well under 1 MiB of compressed bytes).
  expect(error?.bytesReceived).toBeLessThan(MiB);
  expect(error?.bytesReceived).toBeLessThan(offeredCompressed / 10);
  // Decoding everything would take minutes; stopping early takes well under a second here.
  expect(elapsed).toBeLessThan(20_000);

  const counter = served.get(name);
  await expect.poll(() => counter?.closed, { timeout: 10_000 }).toBe(true);
  // What the server managed to hand over is bounded by socket buffers, not by the bomb.
  expect(counter?.written).toBeLessThan(Math.max(64 * MiB, offeredCompressed / 4));
});

test('a modest compressed feed decodes in full', async () => {
  const feed = Buffer.from('<rss><channel><title>Policy</title></channel></rss>'.repeat(1000));
  for (const [encoding, encoded] of [
    ['gzip', zlib.gzipSync(feed)],
    ['deflate', zlib.deflateSync(feed)],
    // raw deflate, without the zlib wrapper, as some servers send it: browsers read it too
    ['deflate', zlib.deflateRawSync(feed)],
    ['br', zlib.brotliCompressSync(feed)],
    ['gzip, br', zlib.brotliCompressSync(zlib.gzipSync(feed))],
  ] as const) {
    const result = await readLimitedBody(Readable.from([encoded]), { contentEncoding: encoding, maxBytes: 10 * MiB });
    expect(Buffer.from(result.body).equals(feed), encoding).toBe(true);
    expect(result.bytesReceived).toBe(encoded.byteLength);
    expect(result.bytesDecoded).toBe(feed.byteLength);
  }
});

test('a body exactly at the limit is accepted, one byte more is not', async () => {
  const body = Buffer.alloc(1000, 'x');
  const fits = await readLimitedBody(Readable.from([zlib.gzipSync(body)]), { contentEncoding: 'gzip', maxBytes: 1000 });
  expect(fits.bytesDecoded).toBe(1000);
  await expect(readLimitedBody(Readable.from([zlib.gzipSync(body)]), { contentEncoding: 'gzip', maxBytes: 999 })).rejects.toMatchObject({
    kind: 'too-large',
  });
});

test('two codings: a body decodes through both, and an outer one unpacking past the limit stops there, though the inner one makes nothing of it', async () => {
  const feed = Buffer.from(`<rss version="2.0"><channel><title>Layers</title>${'<item><title>x</title></item>'.repeat(100)}</channel></rss>`);
  const layered = zlib.brotliCompressSync(zlib.gzipSync(feed));
  const read = await readLimitedBody(Readable.from([layered]), { contentEncoding: 'gzip, br', maxBytes: MiB });
  expect(Buffer.from(read.body).equals(feed)).toBe(true);
  // the inner coding is raw deflate's empty stored blocks, each five bytes decoding to nothing
  const emptyBlocks = Buffer.concat(Array<Buffer>(Math.ceil((4 * MiB) / 5)).fill(Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff])));
  const bomb = zlib.brotliCompressSync(emptyBlocks);
  await expect(readLimitedBody(Readable.from([bomb]), { contentEncoding: 'deflate, br', maxBytes: MiB })).rejects.toMatchObject({ kind: 'too-large' });
});

test('corrupt compressed data is a bad response', async () => {
  const corrupt = Buffer.concat([zlib.gzipSync('<rss/>').subarray(0, 10), Buffer.from('this is not deflate at all')]);
  const error = await readLimitedBody(Readable.from([corrupt]), { contentEncoding: 'gzip', maxBytes: MiB }).catch(
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FetchError);
  expect((error as FetchError).kind).toBe('bad-response');
  expect((error as FetchError).disposition).toBe('retry');
});

test('a body labelled gzip that never was (no gzip magic) is read as it is, a byte at a time too', async () => {
  const feed = Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>Plain</title></channel></rss>');
  for (const chunks of [[feed], [...feed].map((byte) => Buffer.from([byte]))]) {
    const result = await readLimitedBody(Readable.from(chunks), { contentEncoding: 'gzip', maxBytes: MiB });
    expect(Buffer.from(result.body).equals(feed)).toBe(true);
  }
  await expect(readLimitedBody(Readable.from([feed]), { contentEncoding: 'gzip', maxBytes: 20 })).rejects.toMatchObject({ kind: 'too-large' });
  const single = await readLimitedBody(Readable.from([Buffer.from('x')]), { contentEncoding: 'x-gzip', maxBytes: MiB });
  expect(Buffer.from(single.body).toString()).toBe('x');
});

test('a truncated gzip body decodes as far as it goes', async () => {
  const feed = Buffer.from('<rss>'.padEnd(5000, 'y'));
  const gz = zlib.gzipSync(feed);
  const result = await readLimitedBody(Readable.from([gz.subarray(0, gz.byteLength - 8)]), { contentEncoding: 'gzip', maxBytes: MiB });
  expect(Buffer.from(result.body).toString()).toBe(feed.toString());
});

test('bytes after the gzip body (a line break printed after it, padding, a second member then a comment) are ignored, as browsers ignore them', async () => {
  // larger than one decoder chunk, so the output lost when Node's gunzip meets them shows
  const feed = Buffer.from(Array.from({ length: 3000 }, (_, i) => `<item><title>Story ${i}</title></item>`).join(''));
  const gz = zlib.gzipSync(feed);
  const [first, second] = [feed.subarray(0, 40_000), feed.subarray(40_000)];
  for (const [label, body, expected] of [
    ['a line break', Buffer.concat([gz, Buffer.from('\r\n')]), feed],
    ['an HTML comment', Buffer.concat([gz, Buffer.from('<!-- page cached in 0.02s -->\n')]), feed],
    ['two members, then junk', Buffer.concat([zlib.gzipSync(first), zlib.gzipSync(second), Buffer.from('\r\n\r\n')]), feed],
    ['a member named, commented and with extra fields', Buffer.concat([withHeaderFields(gz), Buffer.from(' ')]), feed],
  ] as const) {
    for (const chunks of [[body], split(body, 1000)]) {
      const result = await readLimitedBody(Readable.from(chunks), { contentEncoding: 'gzip', maxBytes: MiB });
      expect(Buffer.from(result.body).equals(expected), `${label}, in ${chunks.length} chunks`).toBe(true);
      expect(result.bytesReceived).toBe(body.byteLength);
    }
  }
  // the limit holds on the body read that way
  const junk = Buffer.concat([zlib.gzipSync(Buffer.alloc(1000, 'x')), Buffer.from('\r\n')]);
  expect((await readLimitedBody(Readable.from([junk]), { contentEncoding: 'gzip', maxBytes: 1000 })).bytesDecoded).toBe(1000);
  await expect(readLimitedBody(Readable.from([junk]), { contentEncoding: 'gzip', maxBytes: 999 })).rejects.toMatchObject({ kind: 'too-large' });
  await expect(readLimitedBody(Readable.from([junk]), { contentEncoding: 'gzip', maxBytes: 500 })).rejects.toMatchObject({ kind: 'too-large' });
  // the members are walked one zlib engine each, so only so many: past 64, junk fails the body
  const tiny = zlib.gzipSync('<x/>');
  const members = (count: number) => Buffer.concat([...Array.from({ length: count }, () => tiny), Buffer.from('\r\n')]);
  expect(Buffer.from((await readLimitedBody(Readable.from([members(64)]), { contentEncoding: 'gzip', maxBytes: MiB })).body).toString()).toBe('<x/>'.repeat(64));
  await expect(readLimitedBody(Readable.from([members(100_000)]), { contentEncoding: 'gzip', maxBytes: MiB })).rejects.toMatchObject({ kind: 'bad-response' });
  // a broken first member followed by junk is still a bad response
  const broken = Buffer.concat([gz.subarray(0, 10), Buffer.from('this is not deflate at all'), Buffer.from('\r\n')]);
  await expect(readLimitedBody(Readable.from([broken]), { contentEncoding: 'gzip', maxBytes: MiB })).rejects.toMatchObject({ kind: 'bad-response' });
});

test('bytes after a deflate, raw deflate or brotli body, arriving after it ended, are ignored: the body is read, not left hanging', async () => {
  const feed = Buffer.from(Array.from({ length: 3000 }, (_, i) => `<item><title>Story ${i}</title></item>`).join(''));
  for (const [coding, encoded] of [
    ['deflate', zlib.deflateSync(feed)],
    ['deflate', zlib.deflateRawSync(feed)],
    ['br', zlib.brotliCompressSync(feed)],
  ] as const) {
    const body = Buffer.concat([encoded, Buffer.from('<!-- page cached in 0.02s -->\r\n')]);
    for (const chunks of [[body], split(body, 1000)]) {
      const result = await readLimitedBody(Readable.from(chunks), { contentEncoding: coding, maxBytes: MiB });
      expect(Buffer.from(result.body).equals(feed), `${coding}, in ${chunks.length} chunks`).toBe(true);
    }
  }
}, 10_000);

const split = (bytes: Buffer, size: number) => Array.from({ length: Math.ceil(bytes.byteLength / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

/** A gzip member whose header carries every optional field (RFC 1952, 2.3): extra, name, comment, header CRC. */
function withHeaderFields(member: Buffer): Buffer {
  const extra = Buffer.from([4, 0, 0x41, 0x70, 0, 0]);
  const header = Buffer.concat([member.subarray(0, 10), extra, Buffer.from('feed.xml\0'), Buffer.from('nightly export\0')]);
  header[3] = 0x04 | 0x08 | 0x10 | 0x02;
  const crc = Buffer.alloc(2);
  crc.writeUInt16LE(zlib.crc32(header) & 0xffff);
  return Buffer.concat([header, crc, member.subarray(10)]);
}

test('a raw deflate body arriving a byte at a time decodes in full, and a truncated one as far as it goes', async () => {
  const feed = Buffer.from('<rss><channel><title>Policy</title></channel></rss>'.repeat(200));
  const raw = zlib.deflateRawSync(feed);
  const bytes = [...raw].map((byte) => Buffer.from([byte]));
  const whole = await readLimitedBody(Readable.from(bytes), { contentEncoding: 'deflate', maxBytes: MiB });
  expect(Buffer.from(whole.body).equals(feed)).toBe(true);
  const cut = await readLimitedBody(Readable.from([raw.subarray(0, raw.byteLength - 4)]), { contentEncoding: 'deflate', maxBytes: MiB });
  expect(feed.toString().startsWith(Buffer.from(cut.body).toString())).toBe(true);
  expect(cut.bytesDecoded).toBeGreaterThan(feed.byteLength / 2);
});

test('codings stacked too deep are refused', () => {
  expect(() => createDecoders('gzip, gzip, gzip')).toThrow(/too many/);
  expect(createDecoders('identity')).toHaveLength(0);
  expect(createDecoders(null)).toHaveLength(0);
  expect(createDecoders('GZIP')).toHaveLength(1);
});

test('a coding we did not offer fails a compressed body, and a body that plainly never was compressed is read as it is', async () => {
  // zstd's magic number, then what no feed opens with
  const zstd = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(300, 0x9c)]);
  // a short body is judged whole too
  for (const [coding, body] of [['zstd', zstd], ['compress', zstd], ['zstd', zstd.subarray(0, 40)]] as const) {
    await expect(readLimitedBody(Readable.from([body]), { contentEncoding: coding, maxBytes: MiB })).rejects.toMatchObject({
      kind: 'bad-response',
      message: `unsupported Content-Encoding: ${coding}`,
    });
  }
  // a charset or a word where the coding should be, as misconfigured servers send
  const feed = Buffer.from('\uFEFF\n  <?xml version="1.0"?><rss version="2.0"><channel><title>Notices</title></channel></rss>');
  const json = Buffer.from('{"version":"https://jsonfeed.org/version/1.1","title":"Notices","items":[]}');
  const wide = Buffer.from('\uFEFF<rss/>', 'utf16le');
  for (const [coding, body] of [['UTF-8', feed], ['none', json], ['text', wide], ['utf-8', Buffer.from('<rss/>')]] as const) {
    for (const chunks of [[body], [...body].map((byte) => Buffer.from([byte]))]) {
      const result = await readLimitedBody(Readable.from(chunks), { contentEncoding: coding, maxBytes: MiB });
      expect(Buffer.from(result.body).equals(body), coding).toBe(true);
    }
  }
  // and under the limit, as any body
  await expect(readLimitedBody(Readable.from([feed]), { contentEncoding: 'utf-8', maxBytes: 10 })).rejects.toMatchObject({ kind: 'too-large' });
});
