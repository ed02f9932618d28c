import { expect, test } from 'vitest';
import { StoryClusterer, storyFeatureList, type ClusterInput } from './story-clusterer.ts';

const hour = 3600_000;
const story = (id: string, title: string, text: string, countries: string[], companies: string[], time = 0): ClusterInput => ({
  id,
  title,
  text,
  countries,
  companies,
  time,
});

const background = [
  story('b1', 'Kenya restricts Telegram during national exams', 'The Communications Authority of Kenya ordered operators to suspend access to Telegram during exam hours.', ['KE'], ['telegram']),
  story('b2', 'Japan passes law on active cyber defence', "Japan's parliament enacted a law letting police neutralise hostile servers before attacks occur.", ['JP'], []),
  story('b3', 'Spotify posts first annual profit', 'Spotify reported its first full-year profit as price increases and cost cuts paid off.', [], ['spotify']),
  story('b4', 'EU fines Apple over music streaming rules', 'The European Commission fined Apple 1.8 billion euros for stopping music apps from telling users about cheaper offers.', ['EU'], ['apple']),
  story('b5', 'Nigeria lifts Twitter suspension after seven months', "Nigeria's government lifted its suspension of Twitter after the company agreed to open a local office.", ['NG'], ['x']),
];

test('two outlets reporting the same event share a cluster', () => {
  const clusterer = new StoryClusterer();
  for (const s of background) clusterer.assign(s);
  const first = clusterer.assign(
    story('a1', 'France fines Google 150 million euros over cookie consent', 'The CNIL fined Google 150 million euros and Facebook 60 million euros for making it harder to refuse cookies than to accept them.', ['FR'], ['google', 'meta'], hour),
  );
  const second = clusterer.assign(
    story('a2', 'Google and Facebook hit with 210 million euros in French cookie fines', "France's CNIL said Google must pay 150 million euros and Facebook 60 million euros because refusing cookies took more clicks than accepting them.", ['FR'], ['google', 'meta'], 3 * hour),
  );
  expect(first).toBe('a1');
  expect(second).toBe('a1');
});

test('a report in another language joins when names, numbers and entities agree', () => {
  const clusterer = new StoryClusterer();
  for (const s of background) clusterer.assign(s);
  clusterer.assign(
    story('en', 'Telegram founder Pavel Durov charged in Paris', 'French judges placed Pavel Durov under formal investigation and barred him from leaving France, setting bail at 5 million euros.', ['FR'], ['telegram'], 0),
  );
  const fr = clusterer.assign(
    story('fr', 'Pavel Durov, fondateur de Telegram, mis en examen à Paris', "Pavel Durov a été mis en examen et a l'interdiction de quitter le territoire français ; sa caution est fixée à 5 millions d'euros.", ['FR'], ['telegram'], 2 * hour),
  );
  expect(fr).toBe('en');
});

test('different events about the same company stay apart', () => {
  const clusterer = new StoryClusterer();
  for (const s of background) clusterer.assign(s);
  const a = clusterer.assign(story('x1', 'Brazil suspends X nationwide', "Brazil's Supreme Court ordered internet providers to block X after it failed to name a legal representative.", ['BR'], ['x'], 0));
  const b = clusterer.assign(story('x2', 'EU opens DSA investigation into X', 'The European Commission opened formal proceedings against X over illegal content and Community Notes.', ['EU'], ['x'], hour));
  expect(a).toBe('x1');
  expect(b).toBe('x2');
});

test('stories further apart than the window never share a cluster, and old stories leave the index', () => {
  const clusterer = new StoryClusterer({ windowMs: 24 * hour });
  const text = 'Iran cut off almost all internet access as protests over petrol prices spread to dozens of cities.';
  expect(clusterer.assign(story('i1', 'Iran imposes internet blackout', text, ['IR'], [], 0))).toBe('i1');
  expect(clusterer.assign(story('i2', 'Iran imposes internet blackout', text, ['IR'], [], 30 * hour))).toBe('i2');
  expect(clusterer.size).toBe(1);
});

test('countries that contradict keep look-alike stories apart', () => {
  const clusterer = new StoryClusterer();
  const text = 'The government ordered internet providers to block access to the messaging app during exams.';
  clusterer.assign(story('k', 'Government blocks Telegram during exams', text, ['KE'], ['telegram'], 0));
  expect(clusterer.assign(story('i', 'Government blocks Telegram during exams', text, ['IQ'], ['telegram'], hour))).toBe('i');
});

test('after thousands of stories have left the window, new events still cluster only with their own reports', () => {
  const clusterer = new StoryClusterer({ windowMs: hour });
  // a day of unrelated stories, a minute apart: most leave the window and the index is compacted
  const words = (n: number) => Array.from({ length: 6 }, (_, k) => `Word${(n * 6 + k).toString(36)}`).join(' ');
  for (let n = 0; n < 3000; n++) clusterer.assign(story(`old${n}`, `${words(n)} report`, `${words(n)} details`, [], [], n * 60_000));
  expect(clusterer.size).toBeLessThanOrEqual(61);
  const now = 3000 * 60_000;
  // an event worded like a story long gone starts its own cluster
  expect(clusterer.assign(story('again', `${words(10)} report`, `${words(10)} details`, [], [], now))).toBe('again');
  const first = clusterer.assign(
    story('n1', 'Chile passes landmark data protection law', 'Chile’s Congress approved a data protection law creating an independent agency, Senator Ximena Rincón said.', ['CL'], [], now),
  );
  const second = clusterer.assign(
    story('n2', 'Chilean Congress approves data protection law', 'Senator Ximena Rincón said the law creates an independent data protection agency in Chile.', ['CL'], [], now + 60_000),
  );
  expect(first).toBe('n1');
  expect(second).toBe('n1');
});

test('a story added with the cluster it already has is joined by later reports under that cluster', () => {
  const clusterer = new StoryClusterer();
  for (const s of background) clusterer.assign(s);
  clusterer.add(
    story('s1', 'France fines Google 150 million euros over cookie consent', 'The CNIL fined Google 150 million euros for making it harder to refuse cookies than to accept them.', ['FR'], ['google'], hour),
    'event-7',
  );
  const report = story('s2', 'Google hit with 150 million euro French cookie fine', "France's CNIL said Google must pay 150 million euros because refusing cookies took more clicks.", ['FR'], ['google'], 2 * hour);
  expect(clusterer.assign(report)).toBe('event-7');
  expect(clusterer.size).toBe(background.length + 2);
});

test('a clusterer that learns stories from the features another one told clusters as one that read them', () => {
  const teller = new StoryClusterer();
  const byFeatures = new StoryClusterer();
  const byText = new StoryClusterer();
  const reports = [
    ...background,
    story('c1', 'Ofcom fines 4chan £20,000 under the Online Safety Act', "Britain's Ofcom fined the forum 4chan £20,000 for failing to answer information requests.", ['GB'], [], hour),
    story('c2', 'Brazil’s Supreme Court orders X suspended nationwide', "Justice Alexandre de Moraes ordered Anatel to block X after it failed to name a legal representative in Brazil.", ['BR'], ['x'], hour),
  ];
  for (const report of reports) {
    const { clusterId, features } = teller.assignTelling(report);
    expect(features).toMatch(/^\S+( \S+)*$/);
    byFeatures.addFeatures(report, features, clusterId);
    byText.add(report, clusterId);
  }
  // the list told on assigning is the story's list
  expect(teller.assignTelling(reports[5]!).features).toBe(storyFeatureList(reports[5]!));
  expect(storyFeatureList(reports[5]!).split(' ')).toEqual(expect.arrayContaining(['wofcom^', '#4chan^', 'cGB']));
  const followUps = [
    story('f1', '4chan fined £20,000 by UK regulator Ofcom', 'Ofcom said 4chan must pay £20,000 and warned of further penalties under the Online Safety Act.', ['GB'], [], 2 * hour),
    story('f2', 'X blocked in Brazil after Moraes ruling', 'Brazil’s Supreme Court justice Alexandre de Moraes had Anatel block X nationwide.', ['BR'], ['x'], 2 * hour),
    story('f3', 'Spain fines Meta over election ads', 'The Spanish regulator fined Meta for political advertising before the election.', ['ES'], ['meta'], 2 * hour),
  ];
  const learned = followUps.map((report) => byFeatures.assign(report));
  expect(learned).toEqual(followUps.map((report) => byText.assign(report)));
  expect(learned).toEqual(['c1', 'c2', 'f3']);
  // a malformed list teaches nothing and breaks nothing
  byFeatures.addFeatures(story('bad', '', '', [], [], 2 * hour), 'zzz ^ w', 'bad');
  expect(byFeatures.assign(story('f4', 'Spain fines Meta over election ads again', 'The Spanish regulator fined Meta again for political advertising before the election.', ['ES'], ['meta'], 3 * hour))).toBe('f3');
});
