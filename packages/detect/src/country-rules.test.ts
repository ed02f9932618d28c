import { expect, test } from 'vitest';
import { detectStory } from './detect-story.ts';

/**
 * Generic bodies: a kind of body many states have ("the Senate", "Federal Court",
 * "Bundesrat", "Datatilsynet") belongs to the state the story names with it or acting in
 * it, and to the US only when the story points there.
 */
const GENERIC_BODIES: { title: string; text: string; countries: string[] }[] = [
  {
    title: 'French Senate passes age checks for social networks',
    text: 'Senators in Paris voted for parental consent under 15 on platforms such as TikTok and Instagram.',
    countries: ['FR'],
  },
  {
    title: "Brazil's Congress passes digital child protection law",
    text: 'Congress approved the bill late on Tuesday, and senators said platforms would have a year to comply.',
    countries: ['BR'],
  },
  {
    title: 'Philippine Senate opens inquiry into online gambling apps',
    text: 'The Senate committee summoned executives of e-wallet companies, and Republicans had nothing to do with it.',
    countries: ['PH'],
  },
  {
    title: 'Australian Senate refers social media age limit to committee',
    text: 'The Senate voted on Wednesday to send the bill to a committee for a one-day inquiry.',
    countries: ['AU'],
  },
  {
    title: 'Federal Court rejects TikTok bid to halt wind-down order',
    text: "The Federal Court in Ottawa dismissed TikTok's request on Friday, leaving the government's order to close its Canadian offices in place.",
    countries: ['CA'],
  },
  {
    title: "Germany's Christian Democrats and Social Democrats agree on data retention",
    text: 'The Christian Democrats and the Social Democrats agreed that the Bundestag should oblige internet providers to keep IP addresses for three months.',
    countries: ['DE'],
  },
  {
    title: 'Swiss government proposes rules for large platforms',
    text: 'Der Bundesrat in Bern hat am Mittwoch einen Entwurf vorgelegt, der Plattformen wie Google und Facebook verpflichtet, Nutzern in der Schweiz ein Beschwerdeverfahren anzubieten.',
    countries: ['CH'],
  },
  {
    title: 'Datatilsynet fines Grindr over sharing of user data',
    text: "Norway's data protection authority said on Monday that Grindr had shared users' data with advertisers without valid consent.",
    countries: ['NO'],
  },
  {
    title: 'Le Sénat belge adopte une loi sur la cybersécurité',
    text: "Le Sénat a voté jeudi le texte, qui oblige les opérateurs belges à signaler les incidents à l'autorité nationale.",
    countries: ['BE'],
  },
  {
    title: 'Der Bundesrat stimmt dem Gesetz zur Cybersicherheit zu',
    text: 'Die Länderkammer billigte am Freitag das Gesetz, mit dem die Bundesregierung die europäische NIS2-Richtlinie umsetzt.',
    countries: ['DE'],
  },
  // The US with a US cue: Washington, a US state, a US office holder or body, or no other country at all.
  {
    title: 'Senators question tech chiefs over child safety',
    text: 'Senators in Washington accused the chief executives of Meta and TikTok of failing to protect children.',
    countries: ['US'],
  },
  {
    title: 'Senate passes bill that could ban TikTok',
    text: 'The Senate voted 79-18 to force ByteDance to sell TikTok, sending the measure to President Joe Biden.',
    countries: ['US'],
  },
  {
    title: 'Senate passes Kids Online Safety Act',
    text: 'The Senate voted 91-3 on Tuesday to pass a bill that requires platforms to protect minors from harmful content.',
    countries: ['US'],
  },
  {
    title: 'EU fines Apple under Digital Markets Act; Republicans in Congress object',
    text: 'The European Commission fined Apple 500 million euros, and Republicans in Washington said the rules targeted American companies.',
    countries: ['EU', 'US'],
  },
];

for (const c of GENERIC_BODIES) {
  test(`generic body: ${c.title}`, () => {
    expect(detectStory({ title: c.title, text: c.text }).countries).toEqual(c.countries);
  });
}

test('a Romance possessive of a seat speaks for its state', () => {
  const d = detectStory({
    title: 'Ottawa maintient sa taxe numérique',
    text: 'Le gouvernement canadien a maintenu la taxe malgré les menaces de Washington et la réponse de Pékin.',
  });
  expect(d.countries).toEqual(['CA', 'CN', 'US']);
  // A seat that is only a place stays a place.
  expect(detectStory({ title: "L'université de Washington ouvre un campus", text: 'Le campus de Pékin ouvrira en septembre.' }).countries).toEqual([]);
});

test('a country after "in the" is a place, not a subject', () => {
  const d = detectStory({
    title: 'Spotify raises prices',
    text: 'Spotify will raise the price of its Premium plan in the United States to $11.99 a month.',
  });
  expect(d.countries).toEqual([]);
});

test('a state named as a yardstick takes no part', () => {
  const d = detectStory({
    title: 'New Zealand to bar under-16s from social media',
    text: "New Zealand's government said it would introduce legislation requiring platforms to verify users' ages, modelled on Australia's ban.",
  });
  expect(d.countries).toEqual(['NZ']);
  // a longer cue, a few words before the name
  const following = detectStory({
    title: 'New Zealand to bar under-16s from social media',
    text: "New Zealand's government said its age checks would be built following the example of the strict Australian eSafety regime.",
  });
  expect(following.countries).toEqual(['NZ']);
});

test('a yardstick cue in another sentence does not reach the state', () => {
  const d = detectStory({
    title: 'Regulators act on age checks',
    text: "Britain's approach was modelled on. Australia's eSafety Commissioner ordered platforms to remove under-16 accounts.",
  });
  expect(d.countries).toContain('AU');
});

test('a state in a list after a state act on it takes part', () => {
  const d = detectStory({
    title: 'Jordan passes cybercrime law',
    text: "Jordan's parliament passed a cybercrime law on Thursday despite criticism from rights groups and the United States.",
  });
  expect(d.countries).toEqual(['JO', 'US']);
});

test('a Supreme Court belongs to the state the story names, the US when it names none', () => {
  expect(
    detectStory({
      title: 'Supreme Court upholds law that could ban TikTok',
      text: 'The Supreme Court upheld a law that bans TikTok in the United States unless its Chinese parent sells it.',
    }).countries,
  ).toEqual(['US']);
  expect(
    detectStory({
      title: 'Supreme Court strikes down law on online posts',
      text: 'The Supreme Court struck down the law on Tuesday after two women were arrested in Mumbai, India, over a comment on social media.',
    }).countries,
  ).toEqual(['IN']);
  expect(
    detectStory({ title: 'Supreme Court hears social media case', text: 'The Supreme Court heard arguments on Monday over whether platforms can be held liable for recommendations.' })
      .countries,
  ).toEqual(['US']);
});

test('a government named in a story that names no country is the one at home in its language', () => {
  expect(
    detectStory({
      title: 'Il governo approva il ddl sulla cybersicurezza',
      text: 'Il Consiglio dei ministri ha approvato il disegno di legge, che obbliga le pubbliche amministrazioni a segnalare gli attacchi informatici entro 24 ore.',
    }).countries,
  ).toEqual(['IT']);
  // Another country named: the government may be that one's, so nothing is guessed.
  expect(
    detectStory({ title: 'El Gobierno responde', text: 'El Gobierno respondió el lunes a las críticas de Estados Unidos sobre la ley.' }).countries,
  ).not.toContain('ES');
});

test('a federal police belongs to the state of the story', () => {
  expect(
    detectStory({
      title: 'La Policía argentina usará inteligencia artificial',
      text: 'El Gobierno argentino anunció que la Policía Federal usará inteligencia artificial para analizar redes sociales.',
    }).countries,
  ).toEqual(['AR']);
  expect(detectStory({ title: 'Polícia Federal prende hackers', text: 'A Polícia Federal prendeu nesta terça-feira dois suspeitos de invadir sistemas do governo.' }).countries).toEqual(['BR']);
});

test("Georgia's state Senate is American", () => {
  expect(
    detectStory({
      title: 'Georgia Senate passes social media age verification bill',
      text: "Georgia's state Senate passed a bill on Thursday requiring social media companies to verify users' ages, sponsored by Senator Jason Anavitarte.",
    }).countries,
  ).toEqual(['US']);
});
