import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig, type Story } from '@radar/core';
import { listCorrectedStories } from '@radar/db';
import { openConfiguredDatabase } from '../serve/installation-secrets.ts';

const usage = 'usage: radar corrections [--since YYYY-MM-DD] [FILE.jsonl]';

/**
 * A story an editor corrected as a labelled line of the detector's development set
 * (shared/detect-dev): its text, and the editor's tags as the labels to score against.
 */
export function correctionLine(story: Story): string {
  return JSON.stringify({
    id: story.id,
    lang: story.lang,
    title: story.title,
    text: story.summary,
    labels: { countries: story.countries, companies: story.companies, topics: story.topics, relevant: story.relevant },
    kind: story.relevant ? 'policy' : 'not-policy',
    note: `tags corrected by an editor on ${story.tagsEditedAt?.slice(0, 10) ?? 'an unknown day'}; ${story.source.title}, ${story.url}`,
  });
}

/**
 * `radar corrections`: the stories whose tags editors corrected, as JSON lines the detector's
 * scorer reads (`node shared/detect-dev/score.mjs corrections.jsonl -- pnpm --silent radar detect`),
 * to a file or stdout.
 */
export async function runCorrections(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { since: { type: 'string' } }, allowPositionals: true });
  const since = values.since === undefined ? undefined : new Date(values.since);
  if (since && Number.isNaN(since.getTime())) throw new Error(`--since: not a date: ${values.since}\n${usage}`);
  if (positionals.length > 1) throw new Error(usage);
  const database = await openConfiguredDatabase(readConfig());
  try {
    const lines = (await listCorrectedStories(database.db, since)).map(correctionLine);
    const output = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    if (positionals[0]) {
      writeFileSync(positionals[0], output);
      process.stderr.write(`${lines.length} corrected ${lines.length === 1 ? 'story' : 'stories'} written to ${positionals[0]}\n`);
    } else {
      process.stdout.write(output);
    }
  } finally {
    await database.close();
  }
}
