import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readConfig } from '@radar/core';
import { createFeed, getFeed } from '@radar/db';
import { openConfiguredDatabase } from './installation-secrets.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'radar-installation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("without RADAR_SECRET_KEY, a key is made once and kept in DATA_DIR for the owner's eyes only: a login stored today reads tomorrow", async () => {
  const config = readConfig({ DATA_DIR: dataDir });
  const first = await openConfiguredDatabase(config);
  const feed = await createFeed(first.db, { url: 'https://paid.example/feed', login: { username: 'ana', password: 'paid-access' } });
  await first.close();
  const file = join(dataDir, 'secret-key');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const key = readFileSync(file, 'utf8');
  const second = await openConfiguredDatabase(config);
  expect((await getFeed(second.db, feed.id))?.loginPassword).toBe('paid-access');
  await second.close();
  expect(readFileSync(file, 'utf8')).toBe(key);
});

test('with RADAR_SECRET_KEY, no key file is made; a key too short is refused', async () => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'radar-installation-'));
  try {
    const database = await openConfiguredDatabase(readConfig({ DATA_DIR: elsewhere, RADAR_SECRET_KEY: 'k'.repeat(32) }));
    await database.close();
    expect(existsSync(join(elsewhere, 'secret-key'))).toBe(false);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
  expect(() => readConfig({ RADAR_SECRET_KEY: 'short' })).toThrow(/at least 16 characters/);
});
