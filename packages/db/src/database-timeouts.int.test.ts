import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { errorText } from '@radar/core';
import { openDatabase, type Database } from './database.ts';
import { openScratchDatabase } from './scratch-database.ts';

/**
 * A TCP relay to PostgreSQL that can go silent, as a frozen server or a connection a
 * firewall cut without a word does: connections stay open, nothing comes back.
 */
function silentRelay(target: URL) {
  let silent = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => (client.destroy(), upstream.destroy()));
    }
    client.on('data', (chunk) => silent || upstream.write(chunk));
    upstream.on('data', (chunk) => silent || client.write(chunk));
  });
  return {
    server,
    setSilent: (value: boolean) => (silent = value),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let scratch: Database & { url?: string };
let relay: ReturnType<typeof silentRelay>;
let relayedUrl: string;
const opened: Database[] = [];

beforeAll(async () => {
  scratch = await openScratchDatabase('postgres');
  const target = new URL(scratch.url!);
  relay = silentRelay(target);
  await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(target.href);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((relay.server.address() as net.AddressInfo).port);
  relayedUrl = relayed.href;
});

afterAll(async () => {
  relay?.setSilent(false);
  await Promise.all(opened.map((database) => database.close().catch(() => {})));
  await relay?.close();
  await scratch?.close();
});

async function openRelayed(): Promise<Database> {
  const database = await openDatabase({ databaseUrl: relayedUrl, migrate: false, secretKey: 'k'.repeat(43), queryTimeoutMs: 1_000, connectTimeoutMs: 1_000 });
  opened.push(database);
  return database;
}

const rowsOf = async (run: Promise<unknown>) => ((await run) as { rows: unknown[] }).rows;

const failureOf = (run: Promise<unknown>) =>
  run.then(
    () => null,
    (error: unknown) => error,
  );

test('a query PostgreSQL never answers fails after the query timeout, and the pool recovers once the server answers again', async () => {
  const { db } = await openRelayed();
  expect(await rowsOf(db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);

  relay.setSilent(true);
  const failure = await failureOf(db.execute(sql`select 2 as two`));
  expect(failure).toBeInstanceOf(Error);
  expect(errorText(failure)).toMatch(/Query read timeout$/);

  relay.setSilent(false);
  // the connection that went silent was dropped; a new one answers
  expect(await rowsOf(db.execute(sql`select 3 as three`))).toEqual([{ three: 3 }]);
});

test('connecting to a server that never answers fails after the connect timeout', async () => {
  relay.setSilent(true);
  try {
    const { db } = await openRelayed();
    const failure = await failureOf(db.execute(sql`select 1`));
    expect(failure).toBeInstanceOf(Error);
    expect(errorText(failure)).toMatch(/timeout/i);
  } finally {
    relay.setSilent(false);
  }
});
