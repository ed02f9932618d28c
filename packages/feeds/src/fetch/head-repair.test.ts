import net from 'node:net';
import { once } from 'node:events';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { RepairedHeadConnection, repairedHead } from './head-repair.ts';
import { listenLocally } from './test-server.ts';

test('a Content-Length said more than once with one value is said once, in the first field', () => {
  expect(repairedHead('HTTP/1.1 200 OK\r\nContent-Length: 84\r\nPragma: no-cache\r\nContent-Length: 84\r\n\r\n')).toBe(
    'HTTP/1.1 200 OK\r\nContent-Length: 84\r\nPragma: no-cache\r\n\r\n',
  );
  expect(repairedHead('HTTP/1.1 200 OK\r\ncontent-length:84, 84 ,84\r\n\r\n')).toBe('HTTP/1.1 200 OK\r\nContent-Length: 84\r\n\r\n');
  expect(repairedHead('HTTP/1.1 200 OK\nCONTENT-LENGTH: 7\nContent-Length: 7\n\n')).toBe('HTTP/1.1 200 OK\nContent-Length: 7\n\n');
});

test('a head whose lengths disagree, are no numbers, or are said once is passed on as it is', () => {
  for (const head of [
    'HTTP/1.1 200 OK\r\nContent-Length: 84\r\nContent-Length: 85\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: 84, 85\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: 0x54\r\nContent-Length: 0x54\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: 84\r\n\r\n',
    'HTTP/1.1 200 OK\r\nX-Content-Length: 84\r\nContent-Length: 84\r\n\r\n',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n',
  ]) {
    expect(repairedHead(head)).toBe(head);
  }
});

test("white space between a field's name and its colon is removed, and nothing else of the head changes", () => {
  expect(repairedHead('HTTP/1.1 200 OK\r\nContent-Type : application/rss+xml\r\nETag\t: "a : b"\r\nX-Note: a : b\r\n\r\n')).toBe(
    'HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: "a : b"\r\nX-Note: a : b\r\n\r\n',
  );
  // the status line is no field, whatever its reason says
  expect(repairedHead('HTTP/1.1 200 OK : fine\r\nContent-Length : 4\r\nContent-Length: 4\r\n\r\n')).toBe('HTTP/1.1 200 OK : fine\r\nContent-Length: 4\r\n\r\n');
});

test('a line that is no field (no colon, or no name) is dropped; a folded line and the status line are left', () => {
  expect(repairedHead('HTTP/1.1 200 OK\r\nBrokenHeader\r\n: empty\r\nX-Long: a\r\n  continued\r\nContent-Length: 4\r\n\r\n')).toBe(
    'HTTP/1.1 200 OK\r\nX-Long: a\r\n  continued\r\nContent-Length: 4\r\n\r\n',
  );
  expect(repairedHead('HTTP/1.1 200 OK\nno colon here\nContent-Length: 4\n\n')).toBe('HTTP/1.1 200 OK\nContent-Length: 4\n\n');
});

test('any head: the status line and every well-formed field other than a length come through, and repairing twice changes nothing', () => {
  const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/).filter((name) => name.toLowerCase() !== 'content-length');
  const value = fc.stringMatching(/^[!-~]([ !-~]{0,30}[!-~])?$/);
  const line = fc.oneof(
    fc.tuple(token, value).map(([name, text]) => ({ kept: `${name}: ${text}`, raw: `${name}: ${text}` })),
    fc.tuple(token, value).map(([name, text]) => ({ kept: `${name}: ${text}`, raw: `${name} \t: ${text}` })),
    fc.nat(99).map((length) => ({ kept: null, raw: `Content-Length: ${length}` })),
    value.filter((text) => !text.includes(':')).map((text) => ({ kept: null, raw: text })),
  );
  fc.assert(
    fc.property(fc.array(line, { maxLength: 10 }), fc.constantFrom('\r\n', '\n'), (lines, end) => {
      const head = `HTTP/1.1 200 OK${end}${lines.map((entry) => entry.raw + end).join('')}${end}`;
      const repaired = repairedHead(head);
      expect(repaired.startsWith(`HTTP/1.1 200 OK${end}`)).toBe(true);
      expect(repaired.endsWith(`${end}${end}`)).toBe(true);
      for (const { kept } of lines) if (kept) expect(repaired).toContain(`${end}${kept}${end}`);
      expect(repairedHead(repaired)).toBe(repaired);
    }),
  );
});

test('a response the server sends whole and closes at once is read whole from the repaired connection, however late it is read', async () => {
  // within what the connection holds unread (16 KiB), so the server's side ends and closes first
  const body = 'x'.repeat(8 * 1024);
  const answer = `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  const server = net.createServer((socket) => socket.end(answer));
  const { port, close } = await listenLocally(server);
  try {
    const socket = net.connect(port, '127.0.0.1');
    const connection = new RepairedHeadConnection(socket, 64 * 1024);
    // nothing is read until the server's connection has closed
    await once(socket, 'close');
    const chunks: Buffer[] = [];
    for await (const chunk of connection) chunks.push(chunk as Buffer);
    const read = Buffer.concat(chunks).toString('latin1');
    expect(read.startsWith(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`)).toBe(true);
    expect(read.length).toBe(answer.length - `Content-Length: ${body.length}\r\n`.length);
  } finally {
    await close();
  }
});
