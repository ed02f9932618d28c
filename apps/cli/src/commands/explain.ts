import { parseArgs } from 'node:util';
import { detectStory, type Detection } from '@radar/detect';

/**
 * `radar explain`: shows why a story was tagged, mention by mention, with the rule that
 * fired. The story is given as --title/--text (and --publisher), or as one JSON line
 * {title, text, publisher?} on stdin. --json prints the full detection instead.
 */
export async function runExplain(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      title: { type: 'string' },
      text: { type: 'string' },
      publisher: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  let story: { title: string; text: string; publisher?: string | null; lang?: string | null };
  if (values.title !== undefined || values.text !== undefined) {
    story = { title: values.title ?? '', text: values.text ?? '', publisher: values.publisher, lang: values.lang };
  } else {
    const input = (await readStdin()).trim().split('\n')[0] ?? '';
    if (!input) throw new Error('give the story as --title/--text or as a JSON line on stdin');
    const parsed = JSON.parse(input) as { title?: string; text?: string; publisher?: string; lang?: string };
    story = { title: parsed.title ?? '', text: parsed.text ?? '', publisher: values.publisher ?? parsed.publisher, lang: values.lang ?? parsed.lang };
  }
  const detection = detectStory(story);
  process.stdout.write(values.json ? `${JSON.stringify(detection, null, 2)}\n` : formatExplanation(detection));
}

/** The detection as readable lines: tags, then each mention with its field, span and rule. */
export function formatExplanation(d: Detection): string {
  const list = (ids: string[]) => (ids.length > 0 ? ids.join(', ') : '-');
  const lines = [
    `countries: ${list(d.countries)}`,
    `companies: ${list(d.companies)}`,
    `topics:    ${list(d.topics)}`,
    `relevant:  ${d.relevant} (score ${d.score})`,
    '',
    'mentions:',
    ...d.mentions.map((m) => `  ${m.kind.padEnd(7)} ${m.id.padEnd(26)} ${m.field}[${m.start}-${m.end}] "${m.text}"  <- ${m.rule}`),
  ];
  if (d.boilerplate.length > 0) {
    lines.push('', 'ignored as boilerplate:', ...d.boilerplate.map((b) => `  summary[${b.start}-${b.end}] "${b.text.trim()}"  (${b.reason})`));
  }
  return `${lines.join('\n')}\n`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
