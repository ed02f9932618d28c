import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { readConfig } from '@radar/core';
import { recordPoll, setWebSubState } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import { openConfiguredDatabase } from '../serve/installation-secrets.ts';

// `radar feeds …` run as a user runs it: its own process, the embedded database in DATA_DIR.

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'radar-cli-feeds-'));
const prefix = `radar-test-cli-${process.pid}-${Date.now()}`;
const env = { ...process.env, DATA_DIR: dataDir, RADAR_REDIS_PREFIX: prefix, DATABASE_URL: '' };

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

function radar(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return radarWith(env, ...args);
}

function radarWith(childEnv: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'feeds', ...args], { env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test("an OPML file's feeds are imported with their folders, listed, and exported back by folder; a feed added by hand joins a folder", async () => {
  const file = join(dataDir, 'team.opml');
  writeFileSync(
    file,
    `<?xml version="1.0"?><opml version="2.0"><head><title>Team</title></head><body>
      <outline text="Regulators"><outline type="rss" text="CNIL" xmlUrl="https://www.cnil.fr/fr/rss.xml"/><outline type="rss" text="Ofcom" xmlUrl="https://www.ofcom.org.uk/rss" userAgent="Mozilla/5.0 (compatible; team)"/></outline>
      <outline type="rss" text="EFF" xmlUrl="https://www.eff.org/rss/updates.xml"/>
      <outline type="rss" text="bad" xmlUrl="ftp://files.example/feed"/></body></opml>`,
  );
  const imported = await radar('import', file);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  expect(imported.stdout).toContain('added 3 feeds');
  expect(imported.stdout).toContain('skipped ftp://files.example/feed: not an http(s) URL');

  const added = await radar('add', 'noyb.eu', '--folder', 'Digital rights', '--title', 'noyb');
  expect(added.code).toBe(0);
  expect(added.stdout).toMatch(/^added feed \S+ https:\/\/noyb\.eu\//);
  expect((await radar('add', 'https://www.eff.org/rss/updates.xml')).stderr).toContain('already watched');

  // a site that turns feed readers away is read as a browser; a User-Agent HTTP could not send is refused
  expect((await radar('add', 'https://picky.example/feed.xml', '--user-agent', 'Mozilla/5.0 (X11; Linux x86_64)')).code).toBe(0);
  expect((await radar('add', 'https://picky.example/other.xml', '--user-agent', 'Lecteur\u00e9')).stderr).toContain('userAgent may hold printable ASCII characters only');

  const listed = (await radar('list')).stdout.trim().split('\n');
  expect(listed).toHaveLength(5);
  expect(listed.find((line) => line.includes('picky.example'))).toContain('(read as "Mozilla/5.0 (X11; Linux x86_64)")  https://picky.example/feed.xml');
  expect(listed.find((line) => line.includes('cnil.fr'))).toMatch(/ on {3}\[Regulators\] {2}CNIL {2}https:\/\/www\.cnil\.fr\/fr\/rss\.xml {2}\(0 stories, not polled yet\)$/);
  expect(listed.find((line) => line.includes('noyb.eu'))).toContain('[Digital rights]  noyb  https://noyb.eu/');
  expect(listed.find((line) => line.includes('eff.org'))).not.toContain('[');
  // a User-Agent the list gave a feed comes with it
  expect(listed.find((line) => line.includes('ofcom.org.uk'))).toContain('(read as "Mozilla/5.0 (compatible; team)")');

  const out = join(dataDir, 'out.opml');
  expect((await radar('export', out)).code).toBe(0);
  const exported = readFileSync(out, 'utf8');
  expect(exported).toMatch(/<outline text="Regulators" title="Regulators">\s*<outline[^>]*xmlUrl="https:\/\/www\.cnil\.fr\/fr\/rss\.xml"/);
  expect(exported).toMatch(/<outline text="Digital rights" title="Digital rights">\s*<outline[^>]*xmlUrl="https:\/\/noyb\.eu\/"/);
  expect(exported).toMatch(/xmlUrl="https:\/\/picky\.example\/feed\.xml"[^>]*userAgent="Mozilla\/5\.0 \(X11; Linux x86_64\)"/);
  // one folder alone
  const regulators = join(dataDir, 'regulators.opml');
  expect((await radar('export', '--folder', 'Regulators', regulators)).code).toBe(0);
  const folderList = readFileSync(regulators, 'utf8');
  expect(folderList).toContain('xmlUrl="https://www.cnil.fr/fr/rss.xml"');
  expect(folderList).not.toContain('noyb.eu');
  expect((await radar('export', '--folder', 'Nowhere')).stderr).toContain('no feed is in the folder Nowhere');
}, 120_000);

test("a team's published OPML list is imported from its address, fetched as feeds are: a private address only where allowed", async () => {
  const list = `<?xml version="1.0" encoding="ISO-8859-1"?><opml version="1.0"><body><outline text="Autorités">
    <outline type="rss" text="Arcom" xmlUrl="https://www.arcom.fr/rss.xml"/><outline type="rss" text="Garante" xmlUrl="https://www.garanteprivacy.it/rss"/></outline>
    <outline type="include" text="Courts" url="/courts.opml"/></body></opml>`;
  const courts = '<opml version="2.0"><body><outline type="rss" text="CJEU" xmlUrl="https://curia.example/rss"/></body></opml>';
  const server = createServer((req, res) => {
    if (req.url === '/team.opml') res.writeHead(200, { 'content-type': 'text/x-opml' }).end(Buffer.from(list, 'latin1'));
    else if (req.url === '/courts.opml') res.writeHead(200, { 'content-type': 'text/x-opml' }).end(courts);
    else res.writeHead(404).end('no such list');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // this machine's own address is refused as any feed's would be
    const refused = await radarWith({ ...env, RADAR_ALLOW_PRIVATE_ADDRESSES: '' }, 'import', `${base}/team.opml`);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/private|loopback|not public/i);
    const allowed = { ...env, RADAR_ALLOW_PRIVATE_ADDRESSES: '1' };
    const missing = await radarWith(allowed, 'import', `${base}/gone.opml`);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('404');

    const imported = await radarWith(allowed, 'import', `${base}/team.opml`);
    expect(imported.stderr).toBe('');
    // with the list it includes
    expect(imported.stdout).toContain('added 3 feeds');
    const listed = (await radar('list')).stdout;
    expect(listed).toContain('[Autorités]  Arcom  https://www.arcom.fr/rss.xml');
    expect(listed).toContain('[Courts]  CJEU  https://curia.example/rss');
  } finally {
    server.close();
  }
}, 120_000);

test("a feed's latest polls are listed newest first, by its id or its address, failures with their error", async () => {
  const added = await radar('add', 'https://www.gazette.example/feed.xml');
  expect(added.code).toBe(0);
  const id = added.stdout.split(' ')[2]!;
  expect((await radar('history', id)).stdout).toBe('https://www.gazette.example/feed.xml  https://www.gazette.example/feed.xml\nnot polled yet\n');

  // two polls, as the poller records them, in the installation's own database
  const database = await openConfiguredDatabase(readConfig(env));
  const base = { pushed: false, bytes: null, items: null, newStories: 0, updatedStories: 0, error: null };
  await recordPoll(database.db, id, { ...base, at: new Date('2026-11-30T08:00:00Z'), outcome: 'read', status: 200, latencyMs: 140, bytes: 48_000, items: 20, newStories: 20 });
  await recordPoll(database.db, id, { ...base, at: new Date('2026-11-30T08:05:00Z'), outcome: 'failed', status: 503, latencyMs: 90, error: 'service unavailable (HTTP 503)' });
  // a read that stands beside what went wrong (a page of older items unread)
  const unread = 'the page of older items could not be read: remote server error (HTTP 500)';
  await recordPoll(database.db, id, { ...base, at: new Date('2026-11-30T08:10:00Z'), outcome: 'read', status: 200, latencyMs: 80, bytes: 9_000, items: 10, newStories: 10, error: unread });
  await database.close();

  const history = await radar('history', 'www.gazette.example/feed.xml');
  expect(history.code).toBe(0);
  // the list says whether a hub pushes the feed, and why not
  const hubbed = await openConfiguredDatabase(readConfig(env));
  await setWebSubState(hubbed.db, id, { websubHub: 'https://hub.example/', websubTopic: 'https://www.gazette.example/feed.xml', websubState: 'subscribed', websubExpiresAt: new Date(Date.now() + 86_400_000) });
  await hubbed.close();
  expect((await radar('list')).stdout.split('\n').find((line) => line.startsWith(id))).toMatch(/\(0 stories, not polled yet; pushed by hub\.example\)$/);
  const refused = await openConfiguredDatabase(readConfig(env));
  await setWebSubState(refused.db, id, { websubHub: 'https://hub.example/', websubTopic: 'https://www.gazette.example/feed.xml', websubState: 'denied: publisher opted out' });
  await refused.close();
  expect((await radar('list')).stdout.split('\n').find((line) => line.startsWith(id))).toMatch(/; push refused by hub\.example: publisher opted out\)$/);
  expect(history.stdout.split('\n').slice(1, -1)).toEqual([
    `2026-11-30 08:10:00  read             200    80 ms     9000 B   10 items  10 new, 0 updated; ${unread}`,
    '2026-11-30 08:05:00  failed           503    90 ms          -          -  service unavailable (HTTP 503)',
    '2026-11-30 08:00:00  read             200   140 ms    48000 B   20 items  20 new, 0 updated',
  ]);
  expect((await radar('history', id, '--limit', '1')).stdout.split('\n')).toHaveLength(3);
  const unknown = await radar('history', 'https://nowhere.example/feed.xml');
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr).toContain('no feed https://nowhere.example/feed.xml');
  expect((await radar('history', id, '--limit', '0')).stderr).toContain('--limit must be a whole number from 1 to 1500');
}, 120_000);
