import { expect, test } from 'vitest';
import { detectStory } from './detect-story.ts';

/**
 * The seed case: the full page of "French Minister Asks Internet Companies to Stop
 * Terrorist Groups" as a site served it, masthead, homepage prompt and share lines
 * included. Written for this test from the story's facts.
 */
const SEED_TEXT = `CHINA TOPIX

04/26/2024 10:43:57 am

Make CT Your Homepage

French Minister Asks Internet Companies to Stop Terrorist Groups

bernard-cazeneuve

(Photo : Reuters) The French interior minister met internet companies in California to seek their help.

France's interior minister, Bernard Cazeneuve, travelled to Silicon Valley for a day of meetings with Facebook, Google and Twitter, urging them to work with the French government to take down propaganda from terrorist organisations.

Paris recently began treating sites that glorify terrorism like child abuse sites, which the authorities may block without a judge.

Like Us on Facebook

The government says the attack on Charlie Hebdo changed public opinion on such blocking.

"When an investigation is under way we cannot wait for the usual channels between governments," Cazeneuve told reporters.

A Facebook spokesperson said the company removes content that praises or supports terrorism. Google and Twitter declined to say whether France would get faster handling of its requests.

Real Time Analytics`;

const SEED_TITLE = 'French Minister Asks Internet Companies to Stop Terrorist Groups';

test('seed case: FR only, not CN from the site name; google, meta, x; terrorism; relevant', () => {
  for (const publisher of [undefined, 'China Topix']) {
    const d = detectStory({ title: SEED_TITLE, text: SEED_TEXT, publisher });
    expect(d.countries).toEqual(['FR']);
    expect(d.companies).toEqual(['google', 'meta', 'x']);
    expect(d.topics).toContain('terrorism-extremism');
    expect(d.relevant).toBe(true);
    expect(d.score).toBeGreaterThan(0.5);
  }
});

test('seed case: the boilerplate lines are reported and no mention falls inside them', () => {
  const d = detectStory({ title: SEED_TITLE, text: SEED_TEXT });
  const ignored = d.boilerplate.map((b) => b.text.trim());
  expect(ignored).toEqual(expect.arrayContaining(['CHINA TOPIX', 'Make CT Your Homepage', 'Like Us on Facebook', 'Real Time Analytics']));
  for (const m of d.mentions.filter((m) => m.field === 'summary')) {
    expect(d.boilerplate.some((b) => b.start < m.end && m.start < b.end)).toBe(false);
    expect(SEED_TEXT.slice(m.start, m.end)).toBe(m.text);
  }
});

test('mentions carry offsets into the original text and the rule that fired', () => {
  const title = "Brazil's Supreme Court orders nationwide suspension of X";
  const d = detectStory({ title, text: 'Internet providers were given 24 hours to block access to the platform.' });
  const brazil = d.mentions.find((m) => m.kind === 'country' && m.id === 'BR');
  expect(brazil).toMatchObject({ field: 'title', start: 0, end: 6, text: 'Brazil', rule: 'place-state-noun' });
  const x = d.mentions.find((m) => m.kind === 'company');
  expect(x).toMatchObject({ id: 'x', text: 'X' });
  expect(title.slice(x!.start, x!.end)).toBe('X');
});

test('arrays are sorted, without repeats, and the score is in [0, 1]', () => {
  const d = detectStory({
    title: 'EU, UK and US blame Russia for satellite hack',
    text: 'The European Union, Britain and the United States accused Russia of a cyberattack on a satellite network an hour before its invasion of Ukraine.',
  });
  for (const list of [d.countries, d.companies, d.topics]) expect(list).toEqual([...new Set(list)].sort());
  expect(d.countries).toEqual(['EU', 'GB', 'RU', 'UA', 'US']);
  expect(d.score).toBeGreaterThanOrEqual(0);
  expect(d.score).toBeLessThanOrEqual(1);
});

test.each([
  {
    title: 'México analiza reforma para regular la inteligencia artificial',
    text: 'Senadores de México presentaron una iniciativa para crear un marco legal de inteligencia artificial con obligaciones de transparencia para sistemas de alto riesgo.',
    countries: ['MX'],
    topics: ['ai-regulation'],
  },
  {
    title: 'EU-Gericht bestätigt Milliardenstrafe gegen Google wegen Shopping-Dienst',
    text: 'Der Gerichtshof der Europäischen Union hat die von der EU-Kommission verhängte Wettbewerbsstrafe gegen Google bestätigt.',
    countries: ['EU'],
    topics: ['competition-antitrust'],
  },
  {
    title: 'BSI warnt vor staatlich gesteuerten Cyberangriffen auf Kommunen',
    text: 'Das Bundesamt für Sicherheit in der Informationstechnik berichtet von Angriffen auf Verwaltungen in Deutschland, die einer staatlich unterstützten Gruppe zugeschrieben werden.',
    countries: ['DE'],
    topics: ['cybersecurity'],
  },
  {
    title: 'French regulator CNIL fines Google over cookie banners that made refusing harder',
    text: "France's CNIL said Google let users accept cookies in one click but made refusing them harder, and imposed a fine on the company.",
    countries: ['FR'],
    topics: ['privacy-data-protection'],
  },
  {
    title: 'Apple faces first fine under EU Digital Markets Act',
    text: 'Apple is expected to be fined for breaching anti-steering rules of the new law, people familiar with the matter said.',
    countries: ['EU'],
    topics: ['competition-antitrust'],
  },
  {
    title: 'The EU AI Act enters into force',
    text: 'The first obligations for providers of general-purpose models apply from August, with fines for those that break them.',
    countries: ['EU'],
    topics: ['ai-regulation'],
  },
  {
    title: 'Justice Department wants Google to divest Chrome browser',
    text: 'The US Justice Department told the court in Washington that Google should sell its Chrome browser to end its search monopoly.',
    countries: ['US'],
    topics: ['competition-antitrust'],
  },
])('policy in words the lexicons lacked: $title', ({ title, text, countries, topics }) => {
  const d = detectStory({ title, text });
  expect(d).toMatchObject({ relevant: true, countries, topics });
});
