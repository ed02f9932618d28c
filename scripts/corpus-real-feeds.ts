// Parses every file of the real-feeds corpus (../shared/corpus/real-feeds, see its
// README.md and manifest.json) and compares the items parsed with the items the
// manifest counts. Exits non-zero when a file crashes the parser or its count differs
// from the expected one.
//
//   npx tsx scripts/corpus-real-feeds.ts [dir]

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { languageIdentifier } from '../packages/detect/src/index.ts';
import { parseFeed } from '../packages/feeds/src/index.ts';

interface ManifestEntry {
  file: string;
  language: string;
  format: string;
  encoding: string;
  items: number;
  well_formed: boolean;
}

const ITEM_TAG = /<(?:item|entry)[\s>/]/g;

/**
 * The manifest counts items with a regular expression over the bytes, which also
 * counts `<item`/`<entry` where no item of the feed is: empty <item /> elements nested
 * inside items, and the strings inside CDATA sections or comments. When the parsed
 * count differs, this recounts the way the manifest did, finds such matches and says
 * which; it never changes a count without naming the reason.
 */
function explainManifestCount(source: string, manifestCount: number): { items: number; reason: string } | null {
  const regexCount = source.match(ITEM_TAG)?.length ?? 0;
  if (regexCount !== manifestCount) return null; // not the manifest's method: no explanation
  const reasons: string[] = [];
  let notItems = 0;
  const empty = source.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '').match(/<(?:item|entry)\s*\/>/g)?.length ?? 0;
  if (empty) {
    notItems += empty;
    reasons.push(`${empty} of its matches are empty <item /> elements nested inside items, not items of the channel`);
  }
  let hidden = 0;
  for (const block of source.match(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g) ?? []) hidden += block.match(ITEM_TAG)?.length ?? 0;
  if (hidden) {
    notItems += hidden;
    reasons.push(`${hidden} of its matches are text inside CDATA sections or comments`);
  }
  return notItems ? { items: manifestCount - notItems, reason: reasons.join('; ') } : null;
}

const dir = resolve(process.argv[2] ?? '../shared/corpus/real-feeds');
const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];

let crashed = 0;
let mismatched = 0;
let parsedTotal = 0;
let expectedTotal = 0;
let presentTotal = 0;
// the language read from each item's words, against the language the manifest gives the feed
const identify = await languageIdentifier();
const languages = { undeclared: { items: 0, agree: 0, unsure: 0 }, all: { items: 0, agree: 0, unsure: 0 } };
const started = performance.now();

for (const entry of manifest) {
  presentTotal += entry.items;
  let line: string;
  try {
    const bytes = await readFile(join(dir, entry.file));
    const feed = await parseFeed(bytes);
    const correction =
      feed.items.length !== entry.items && entry.file.endsWith('.xml')
        ? explainManifestCount(bytes.toString('latin1'), entry.items)
        : null;
    const expected = correction?.items ?? entry.items;
    expectedTotal += expected;
    parsedTotal += feed.items.length;
    for (const item of feed.items) {
      const read = identify(`${item.title ?? ''}\n${item.summary ?? ''}`);
      for (const tally of feed.language ? [languages.all] : [languages.all, languages.undeclared]) {
        tally.items++;
        if (read === null) tally.unsure++;
        else if (read === entry.language.slice(0, 2)) tally.agree++;
      }
    }
    const ok = feed.items.length === expected;
    if (!ok) mismatched++;
    const note = correction ? `\n         manifest says ${entry.items}: ${correction.reason}` : '';
    const flags = [entry.well_formed ? '' : 'broken', entry.encoding === 'UTF-8' ? '' : entry.encoding].filter(Boolean).join(', ');
    line = `${ok ? 'ok      ' : 'MISMATCH'} ${entry.file.padEnd(52)} ${String(feed.items.length).padStart(4)} / ${String(expected).padEnd(4)} ${entry.format}${flags ? ` [${flags}]` : ''}${note}`;
  } catch (error) {
    crashed++;
    expectedTotal += entry.items;
    line = `CRASH    ${entry.file.padEnd(52)}    - / ${String(entry.items).padEnd(4)} ${entry.format}: ${(error as Error).message}`;
  }
  console.log(line);
}

const seconds = (performance.now() - started) / 1000;
console.log(
  `\ncorpus: ${manifest.length} files, ${parsedTotal}/${expectedTotal} items parsed` +
    (presentTotal !== expectedTotal ? ` (manifest total ${presentTotal})` : '') +
    `, ${crashed} crashed, ${mismatched} mismatched, in ${seconds.toFixed(1)}s`,
);
const share = (tally: { items: number; agree: number; unsure: number }) =>
  `${tally.agree}/${tally.items} (${((100 * tally.agree) / tally.items).toFixed(1)}%, ${tally.unsure} too short to tell)`;
console.log(
  `languages read from the words agree with the manifest's: ${share(languages.undeclared)} items of feeds that declare none; ${share(languages.all)} of all items`,
);
process.exit(crashed || mismatched ? 1 : 0);
