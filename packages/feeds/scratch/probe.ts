import net from 'node:net';
import zlib from 'node:zlib';
import { fetchFeed, parseFeed } from '../src/index.ts';

const rss = (n = 3) => `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${Array.from({ length: n }, (_, i) => `<item><title>I${i}</title><link>http://example.org/${i}</link></item>`).join('')}</channel></rss>`;
type Handler = (socket: net.Socket, request: string) => void;
const cases: Record<string, Handler> = {
  resetMidBody: (s) => { s.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>'); setTimeout(() => s.resetAndDestroy(), 20); },
  closeMidBody: (s) => { s.end('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n' + rss().slice(0, 100)); },
  badChunk: (s) => { s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n'); },
  moreThanLength: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n${b}`); },
  dupLength: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nContent-Length: ${b.length}\r\nContent-Length: 5\r\n\r\n${b}`); },
  http09: (s) => { s.end(rss()); },
  status999: (s) => { const b = rss(); s.end(`HTTP/1.1 999 Weird\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  status100then200: (s) => { const b = rss(); s.end(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  status101: (s) => { s.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'); setTimeout(() => s.end('garbage'), 50); },
  ctlInEtag: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nETag: "a\x01b"\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  nulInEtag: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nETag: "a\x00b"\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  highByteEtag: (s) => { const b = rss(); s.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nETag: "a`), Buffer.from([0xe9, 0xff]), Buffer.from(`b"\r\nLast-Modified: \xff\xfe\r\nContent-Length: ${b.length}\r\n\r\n${b}`, 'latin1')])); },
  locJavascript: (s) => { s.end('HTTP/1.1 302 Found\r\nLocation: javascript:alert(1)\r\nContent-Length: 0\r\n\r\n'); },
  locFile: (s) => { s.end('HTTP/1.1 301 Moved\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\n\r\n'); },
  locBlank: (s) => { s.end('HTTP/1.1 301 Moved\r\nLocation:    \r\nContent-Length: 0\r\n\r\n'); },
  locGarbage: (s) => { s.end('HTTP/1.1 301 Moved\r\nLocation: http://[zz/\r\nContent-Length: 0\r\n\r\n'); },
  locHighBytes: (s) => { s.end(Buffer.concat([Buffer.from('HTTP/1.1 302 Found\r\nLocation: /caf'), Buffer.from([0xc3, 0xa9]), Buffer.from('\r\nContent-Length: 0\r\n\r\n')])); },
  locSelfLoop: (s, req) => { s.end(`HTTP/1.1 302 Found\r\nLocation: ${req.split(' ')[1]}\r\nContent-Length: 0\r\n\r\n`); },
  locUserinfo: (s) => { s.end('HTTP/1.1 302 Found\r\nLocation: http://user:pass@127.0.0.1:1/\r\nContent-Length: 0\r\n\r\n'); },
  gzipLiesPlain: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  unknownEncoding: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nContent-Encoding: zstd\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  identityEncoding: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  encodingUpper: (s) => { const b = zlib.gzipSync(rss()); s.write(`HTTP/1.1 200 OK\r\nContent-Encoding: GZIP\r\nContent-Length: ${b.length}\r\n\r\n`); s.end(b); },
  xgzip: (s) => { const b = zlib.gzipSync(rss()); s.write(`HTTP/1.1 200 OK\r\nContent-Encoding: x-gzip\r\nContent-Length: ${b.length}\r\n\r\n`); s.end(b); },
  rawDeflate: (s) => { const b = zlib.deflateRawSync(rss()); s.write(`HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: ${b.length}\r\n\r\n`); s.end(b); },
  charsetUnknown: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=x-foobar\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  charsetUtf7: (s) => { const b = rss().replace('<title>I0', '<title>+ADw-script+AD4-'); s.end(`HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-7\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  charsetQuoted: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset="iso-8859-1"\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  teAndLength: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n${b.length.toString(16)}\r\n${b}\r\n0\r\n\r\n`); },
  status204Body: (s) => { s.end('HTTP/1.1 204 No Content\r\n\r\n' + rss()); },
  status304NoAsk: (s) => { s.end('HTTP/1.1 304 Not Modified\r\n\r\n'); },
  closeImmediately: (s) => { s.destroy(); },
  oneByteChunks: (s) => { const b = rss(200); s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'); let out = ''; for (const ch of b) out += `1\r\n${ch}\r\n`; s.end(out + '0\r\n\r\n'); },
  hugeContentLength: (s) => { s.write('HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n'); s.end(rss()); },
  negativeLength: (s) => { s.end(`HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n${rss()}`); },
  bareLF: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\nContent-Length: ${b.length}\n\n${b}`); },
  foldedHeader: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  noLengthClose: (s) => { s.end(`HTTP/1.1 200 OK\r\n\r\n${rss()}`); },
  http10: (s) => { s.end(`HTTP/1.0 200 OK\r\n\r\n${rss()}`); },
  giantStatusText: (s) => { const b = rss(); s.end(`HTTP/1.1 500 ${'x'.repeat(20000)}\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  retryAfterGarbage: (s) => { s.end('HTTP/1.1 503 Busy\r\nRetry-After: -5\r\nContent-Length: 0\r\n\r\n'); },
  retry429Date: (s) => { s.end('HTTP/1.1 429 Busy\r\nRetry-After: Thu, 01 Jan 1970 00:00:00 GMT\r\nContent-Length: 0\r\n\r\n'); },
  cacheControlWeird: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nCache-Control: max-age=1e400, max-age=-3, s-maxage=abc\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  linkHeaderHuge: (s) => { const b = rss(); s.end(`HTTP/1.1 200 OK\r\nLink: ${Array.from({ length: 300 }, (_, i) => `<http://h${i}.example/>; rel="hub"`).join(', ')}\r\nContent-Length: ${b.length}\r\n\r\n${b}`); },
  gzipOfGzip: (s) => { const b = zlib.gzipSync(zlib.gzipSync(rss())); s.write(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${b.length}\r\n\r\n`); s.end(b); },
  trailingGarbageGzip: (s) => { const b = Buffer.concat([zlib.gzipSync(rss()), Buffer.from('trailing junk')]); s.write(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${b.length}\r\n\r\n`); s.end(b); },
  brotli: (s) => { const b = zlib.brotliCompressSync(rss()); s.write(`HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: ${b.length}\r\n\r\n`); s.end(b); },
  infinite103: (s) => { const t = setInterval(() => { if (s.destroyed) return clearInterval(t); s.write('HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n'); }, 1); },
  slowHeaders: (s) => { s.write('HTTP/1.1 200 OK\r\n'); const t = setInterval(() => { if (s.destroyed) return clearInterval(t); s.write('X-A: b\r\n'); }, 50); },
  connectStyle: (s) => { s.end('HTTP/1.1 200 Connection established\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\n' + rss()); },
  keepOpenAfter: (s) => { const b = rss(); s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${b.length}\r\n\r\n${b}HTTP/1.1 200 OK\r\n`); },
};

const server = net.createServer((socket) => {
  let data = '';
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    data += chunk.toString('latin1');
    if (!data.includes('\r\n\r\n')) return;
    const name = data.split(' ')[1]!.split('/')[1]!.split('?')[0]!;
    const handler = cases[name];
    if (handler) handler(socket, data); else socket.end('HTTP/1.1 404 No\r\nContent-Length: 0\r\n\r\n');
    data = '';
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as net.AddressInfo).port;
process.on('unhandledRejection', (e) => console.log('UNHANDLED REJECTION', e));
process.on('uncaughtException', (e) => console.log('UNCAUGHT', e));
for (const name of Object.keys(cases).filter((n) => !(process.env.SKIP ?? "").split(",").includes(n) && (!process.env.ONLY || process.env.ONLY.split(",").includes(n)))) {
  const started = Date.now();
  try {
    const r = await fetchFeed(`http://127.0.0.1:${port}/${name}`, { allowPrivateAddresses: true, timeoutMs: 3000 });
    let parsed = '';
    if (r.body) {
      try { const f = await parseFeed(r.body, { contentType: r.contentType ?? undefined, baseUrl: r.url }); parsed = `items=${f.items.length} t0=${JSON.stringify(f.items[0]?.title)}`; } catch (e) { parsed = `PARSE ERR ${(e as Error).message.slice(0, 120)}`; }
    }
    console.log(name.padEnd(20), 'OK', r.status, `etag=${JSON.stringify(r.etag)} lm=${JSON.stringify(r.lastModified)} maxAge=${r.maxAgeSeconds}`, parsed, `${Date.now() - started}ms`);
  } catch (e) {
    const err = e as { kind?: string; message: string; status?: number; retryAfterSeconds?: number };
    console.log(name.padEnd(20), 'ERR', err.constructor.name, err.kind, err.status ?? '', err.message.slice(0, 150), `${Date.now() - started}ms`);
  }
}
server.close();
process.exit(0);
