import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { detectLine } from './detect.ts';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

test('one output line per story, with the contract fields only', () => {
  const line = detectLine({ id: 's1', title: 'Turkey blocks Discord over child abuse concerns', text: 'A Turkish court ordered access to Discord blocked.' });
  expect(line.endsWith('\n')).toBe(true);
  const out = JSON.parse(line);
  expect(Object.keys(out)).toEqual(['id', 'countries', 'companies', 'topics', 'relevant', 'score']);
  expect(out).toMatchObject({ id: 's1', countries: ['TR'], companies: ['discord'], relevant: true });
  expect(out.topics).toContain('censorship-shutdowns');
});

test('`radar detect` answers every stdin line in order', () => {
  const stories = [
    { id: 'a', title: 'Kenya restricts Telegram during national exams', text: 'The Communications Authority of Kenya ordered operators to suspend access to Telegram.' },
    { id: 'b', title: 'Liverpool win the league', text: 'Share on Facebook Share on X Share on WhatsApp Email' },
    { id: 'c', title: '', text: '' },
  ];
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'detect'], {
    input: `${stories.map((s) => JSON.stringify(s)).join('\n')}\n`,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status).toBe(0);
  const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
  expect(lines[0]).toMatchObject({ countries: ['KE'], companies: ['telegram'], relevant: true });
  expect(lines[1]).toMatchObject({ countries: [], companies: [], topics: [], relevant: false });
  for (const l of lines) expect(l.score).toBeGreaterThanOrEqual(0);
});

test('`radar detect` stops on a line that is not JSON, naming it', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'detect'], { input: '{"id":"a","title":"x","text":""}\nnot json\n', encoding: 'utf8', timeout: 60_000 });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('line 2');
});
