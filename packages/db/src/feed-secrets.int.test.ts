import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeRows, openDatabase } from './database.ts';
import { createFeed, getFeed, setWebSubState, updateFeed } from './feed-queries.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'radar-secrets-'));
const KEY = 'this installation key is long enough';
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("a feed's password and WebSub secret are stored sealed, read back in the clear with the installation's key, and unreadable with another", async () => {
  const first = await openDatabase({ dataDir, secretKey: KEY });
  const created = await createFeed(first.db, { url: 'https://paid.example/feed', login: { username: 'ana', password: 'hunter2-paid' } });
  expect(created.loginPassword).toBe('hunter2-paid');
  await setWebSubState(first.db, created.id, { websubHub: 'https://hub.example/', websubTopic: 'https://paid.example/feed', websubSecret: 'push-secret-123', websubState: 'pending' });
  const stored = async (db = first.db) =>
    (await executeRows<{ login_password: string; websub_secret: string }>(db, sql`select login_password, websub_secret from feeds where id = ${created.id}`))[0]!;
  const raw = await stored();
  expect(JSON.stringify(raw)).not.toMatch(/hunter2|push-secret/);
  expect(await getFeed(first.db, created.id)).toMatchObject({ loginUsername: 'ana', loginPassword: 'hunter2-paid', websubSecret: 'push-secret-123' });
  // a new login is sealed too
  await updateFeed(first.db, created.id, { login: { username: 'ana', password: 'changed-pass' } });
  expect(JSON.stringify(await stored())).not.toContain('changed-pass');
  expect((await getFeed(first.db, created.id))?.loginPassword).toBe('changed-pass');
  await first.close();

  // the database opened with another key: the secrets read as none, nothing else is lost
  const other = await openDatabase({ dataDir, secretKey: 'somebody else key, also long' });
  expect(await getFeed(other.db, created.id)).toMatchObject({ url: 'https://paid.example/feed', loginUsername: 'ana', loginPassword: null, websubSecret: null });
  await other.close();
  const again = await openDatabase({ dataDir, secretKey: KEY });
  expect((await getFeed(again.db, created.id))?.loginPassword).toBe('changed-pass');
  await again.close();
});

test('secrets stored in the clear before they were sealed are sealed when the database is next opened', async () => {
  const before = await openDatabase({ dataDir, secretKey: KEY });
  const feed = await createFeed(before.db, { url: 'https://intranet.example/feed' });
  // as a version that did not seal them left them
  await before.db.execute(sql`update feeds set login_username = 'bo', login_password = 'plain-pass', websub_secret = 'plain-secret' where id = ${feed.id}`);
  expect((await getFeed(before.db, feed.id))?.loginPassword).toBe('plain-pass');
  await before.close();

  const after = await openDatabase({ dataDir, secretKey: KEY });
  const [raw] = await executeRows<{ login_password: string; websub_secret: string }>(after.db, sql`select login_password, websub_secret from feeds where id = ${feed.id}`);
  expect(raw!.login_password).toMatch(/^sealed:v1:/);
  expect(JSON.stringify(raw)).not.toMatch(/plain-pass|plain-secret/);
  expect(await getFeed(after.db, feed.id)).toMatchObject({ loginPassword: 'plain-pass', websubSecret: 'plain-secret' });
  await after.close();
});
