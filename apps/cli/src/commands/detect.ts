import { createInterface } from 'node:readline';
import { detectStory } from '@radar/detect';

/** One input line of `radar detect`. */
interface DetectLine {
  id: string;
  title?: string;
  text?: string;
  publisher?: string | null;
  lang?: string | null;
}

/**
 * `radar detect`: reads JSON lines {id, title, text} on stdin and writes one JSON line
 * {id, countries, companies, topics, relevant, score} per input, in order
 * (../shared/taxonomy.md, "Detector I/O contract"). A line that is not valid JSON
 * stops the command with its line number.
 */
export async function runDetect(_args: string[]): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let out: string[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let story: DetectLine;
    try {
      story = JSON.parse(line) as DetectLine;
    } catch {
      throw new Error(`line ${lineNumber} is not JSON`);
    }
    out.push(detectLine(story));
    // Write in batches: one write per story costs more than detecting it.
    if (out.length >= 256) {
      await write(out.join(''));
      out = [];
    }
  }
  if (out.length > 0) await write(out.join(''));
}

/** The output line for one story. */
export function detectLine(story: DetectLine): string {
  const d = detectStory({ title: story.title ?? '', text: story.text ?? '', publisher: story.publisher, lang: story.lang });
  return `${JSON.stringify({
    id: story.id,
    countries: d.countries,
    companies: d.companies,
    topics: d.topics,
    relevant: d.relevant,
    score: d.score,
  })}\n`;
}

function write(chunk: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(chunk, (error) => (error ? reject(error) : resolve())));
}
