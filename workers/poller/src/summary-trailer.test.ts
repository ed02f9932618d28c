import { expect, test } from 'vitest';
import { summaryWithoutTrailer } from './summary-trailer.ts';

test("the line a feed adds for its own readers is cut from a summary's end", () => {
  const cases: [string, string][] = [
    ["Trump's address analyzed. Continue reading...", "Trump's address analyzed."],
    ['pressure caused by the drought.SomaliaEthiopia Continue reading...', 'pressure caused by the drought.SomaliaEthiopia'],
    ['The regulator said on a notice posted to its website Friday. Read more of this story at Slashdot.', 'The regulator said on a notice posted to its website Friday.'],
    ['Senadores por São Paulo. Leia mais (09/24/2018 - 19h22)', 'Senadores por São Paulo.'],
    ['De acordo com a organização ... Leia mais no Massa News!', 'De acordo com a organização ...'],
    ['Ils craignent un « affaiblissement historique des normes (…) Lire la suite - En bref / Europe', 'Ils craignent un « affaiblissement historique des normes…'],
    ['The bill passed on Tuesday. The post Senate passes privacy bill appeared first on Tech Policy Press.', 'The bill passed on Tuesday.'],
    ['Die Behörde prüft den Fall.  Weiterlesen', 'Die Behörde prüft den Fall.'],
    ['Buchhaltung in den meisten Unternehmen Am Ende […]', 'Buchhaltung in den meisten Unternehmen Am Ende…'],
    ['I do wish Apple would choose to either commit hard [...]', 'I do wish Apple would choose to either commit hard…'],
    // a summary that is nothing but the link is no summary
    ['Continue reading…', ''],
    // nor is one of punctuation only, or Hacker News's link to the comments alone
    ['...', ''],
    [' […] ', ''],
    ['Comments', ''],
    ['Comments on the bill close on Friday.', 'Comments on the bill close on Friday.'],
  ];
  for (const [summary, cut] of cases) expect(summaryWithoutTrailer(summary)).toBe(cut);
});

test('words that only look like a trailer stay', () => {
  for (const summary of [
    'You can read more about the current beta over on MacStories.',
    'Read more widely, the ruling limits what platforms must remove under the act, lawyers say, and it applies to all of them.',
    'The minister said the post appeared first on a forum.',
    'A plain summary.',
    '',
  ]) {
    expect(summaryWithoutTrailer(summary)).toBe(summary);
  }
});

test('a long summary is searched at its end only, and keeps all before its trailer', () => {
  const long = `${'The ministry published its draft. '.repeat(200)}Continue reading...`;
  expect(summaryWithoutTrailer(long)).toBe('The ministry published its draft. '.repeat(200).trimEnd());
  // a hostile summary of a million spaces is read in no time (the patterns see its last lines only)
  const hostile = `${' '.repeat(1_000_000)}x`;
  expect(summaryWithoutTrailer(hostile)).toBe(hostile);
});
