import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { readConfig } from '@radar/core';
import { editStoryTags, newStoryId, saveStories } from '@radar/db';
import { openConfiguredDatabase } from '../serve/installation-secrets.ts';

// `radar corrections` run as a user runs it: its own process, the embedded database in DATA_DIR.

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'radar-cli-corrections-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function radar(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

test("the stories editors corrected come out as the detector's labelled lines, which `radar detect` reads", async () => {
  const database = await openConfiguredDatabase(readConfig(env));
  const [corrected, later, untouched] = [newStoryId(), newStoryId(), newStoryId()];
  const story = (id: string, title: string, summary: string) => ({ id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title, summary, lang: 'en', publishedAt: new Date('2026-11-30T10:00:00Z'), sourceTitle: 'Wire' });
  await saveStories(database.db, [
    story(corrected, 'Justice Department wants Google to divest Chrome', 'The US Justice Department told the court Google should sell Chrome.'),
    story(later, 'Markets rally on chip earnings', 'Shares rose.'),
    story(untouched, 'Ofcom opens an inquiry', 'The UK regulator opened an inquiry.'),
  ]);
  await editStoryTags(database.db, corrected, { countries: ['US'], companies: ['google'], topics: ['competition-antitrust'], relevant: true }, new Date('2026-11-30T12:00:00Z'));
  await editStoryTags(database.db, later, { relevant: false, companies: [] }, new Date('2026-12-01T09:00:00Z'));
  await database.close();

  const all = await radar(['corrections']);
  expect(all.stderr).toBe('');
  const lines = all.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines.map((line) => line.id)).toEqual([corrected, later]);
  expect(lines[0]).toEqual({
    id: corrected,
    lang: 'en',
    title: 'Justice Department wants Google to divest Chrome',
    text: 'The US Justice Department told the court Google should sell Chrome.',
    labels: { countries: ['US'], companies: ['google'], topics: ['competition-antitrust'], relevant: true },
    kind: 'policy',
    note: `tags corrected by an editor on 2026-11-30; Wire, https://news.example/${corrected}`,
  });
  expect(lines[1]).toMatchObject({ kind: 'not-policy', labels: { relevant: false } });

  const since = await radar(['corrections', '--since', '2026-12-01']);
  expect(since.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([later]);
  const file = join(dataDir, 'corrections.jsonl');
  expect((await radar(['corrections', file])).stderr).toBe(`2 corrected stories written to ${file}\n`);
  expect(readFileSync(file, 'utf8')).toBe(all.stdout);
  const refused = await radar(['corrections', '--since', 'last week']);
  expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('--since: not a date: last week')]);

  // the detector reads the lines as they are: one answer per line, in order
  const detected = await radar(['detect'], all.stdout);
  expect(detected.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([corrected, later]);
});
