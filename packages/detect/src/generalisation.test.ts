import { expect, test } from 'vitest';
import { detectStory } from './detect-story.ts';
import STORIES from './generalisation-stories.json' with { type: 'json' };

/**
 * Stories unlike the development set (other countries, regulators, languages), written
 * for this test from real events, to check that the rules carry over.
 */
interface Case {
  title: string;
  text: string;
  countries: string[];
  companies: string[];
  topics: string[];
  relevant: boolean;
}

const CASES: Case[] = [
  {
    title: 'South Korea fines Google over app store payment rules',
    text: "The Korea Fair Trade Commission fined Google 42.1 billion won on Monday for blocking the release of games on a rival app store, the country's latest move against the market power of big platforms.",
    countries: ['KR'],
    companies: ['google'],
    topics: ['competition-antitrust'],
    relevant: true,
  },
  {
    title: 'Meta ends news on Facebook and Instagram in Canada as Online News Act takes effect',
    text: "Meta began blocking news links for users in Canada on Tuesday in response to the Online News Act, which requires platforms to pay publishers for news content. Ottawa called the move irresponsible.",
    countries: ['CA'],
    companies: ['meta'],
    topics: ['copyright-news'],
    relevant: true,
  },
  {
    title: 'Ireland fines TikTok 345 million euros over handling of children’s data',
    text: "Ireland's Data Protection Commission fined TikTok 345 million euros on Friday for breaching EU privacy law in its processing of children's personal data, including default public settings for accounts of users under 16.",
    countries: ['IE'],
    companies: ['tiktok'],
    topics: ['child-safety', 'privacy-data-protection'],
    relevant: true,
  },
  {
    title: 'Pakistan restores access to X after months-long block',
    text: 'Pakistan Telecommunication Authority lifted the block on X on Wednesday, months after the platform was shut down nationwide following allegations of vote rigging in the general election.',
    countries: ['PK'],
    companies: ['x'],
    topics: ['censorship-shutdowns'],
    relevant: true,
  },
  {
    title: 'Australia passes law banning social media for under-16s',
    text: "Australia's parliament passed a law on Thursday that bars children under 16 from holding social media accounts, with platforms such as TikTok, Snapchat and Instagram facing fines of up to A$49.5 million if they fail to take reasonable steps to keep them off.",
    countries: ['AU'],
    companies: ['meta', 'snap', 'tiktok'],
    topics: ['child-safety'],
    relevant: true,
  },
  {
    title: 'Kremlin orders Apple to remove VPN apps from its Russian App Store',
    text: 'Roskomnadzor demanded that Apple remove dozens of virtual private network apps from its App Store in Russia, and the company complied, a step critics said tightened the Kremlin’s grip on the internet.',
    countries: ['RU'],
    companies: ['apple'],
    topics: ['censorship-shutdowns'],
    relevant: true,
  },
  {
    title: 'La CNIL sanctionne Clearview AI pour reconnaissance faciale illégale',
    text: "La Commission nationale de l'informatique et des libertés a infligé une amende de 20 millions d'euros à Clearview AI pour avoir collecté sans base légale des photos de personnes en France afin d'alimenter son outil de reconnaissance faciale.",
    countries: ['FR'],
    companies: [],
    topics: ['privacy-data-protection'],
    relevant: true,
  },
  {
    title: 'Bundesnetzagentur verhängt Bußgeld gegen Telekom wegen Netzneutralität',
    text: 'Die Bundesnetzagentur hat gegen einen Mobilfunkanbieter ein Bußgeld verhängt, weil dessen Tarif bestimmte Streaming-Dienste bevorzugte und damit gegen die Regeln zur Netzneutralität verstieß.',
    countries: ['DE'],
    companies: [],
    topics: ['telecom-access'],
    relevant: true,
  },
  {
    title: 'El Gobierno aprueba el proyecto de ley para proteger a los menores en entornos digitales',
    text: 'El Consejo de Ministros aprobó este martes el proyecto de ley que eleva a 16 años la edad mínima para abrir una cuenta en redes sociales y obliga a los fabricantes a incluir controles parentales en los dispositivos vendidos en España.',
    countries: ['ES'],
    companies: [],
    topics: ['child-safety'],
    relevant: true,
  },
  {
    title: 'STF manda suspender o Telegram em todo o Brasil',
    text: 'O ministro do Supremo Tribunal Federal Alexandre de Moraes determinou a suspensão do Telegram em todo o país por descumprimento de ordens judiciais para bloquear perfis que espalhavam desinformação.',
    countries: ['BR'],
    companies: ['telegram'],
    topics: ['censorship-shutdowns'],
    relevant: true,
  },
  {
    title: "L'Antitrust multa Meta per abuso di posizione dominante su WhatsApp",
    text: "L'Autorità garante della concorrenza e del mercato ha avviato un'istruttoria nei confronti di Meta per un possibile abuso di posizione dominante legato all'integrazione di Meta AI in WhatsApp.",
    countries: ['IT'],
    companies: ['meta'],
    topics: ['competition-antitrust'],
    relevant: true,
  },
  {
    title: 'Senegal cuts mobile internet as protests spread',
    text: "Senegal's government suspended mobile data services on Monday, citing the spread of hateful and subversive messages on social media after the sentencing of opposition leader Ousmane Sonko.",
    countries: ['SN'],
    companies: [],
    topics: ['censorship-shutdowns'],
    relevant: true,
  },
  {
    title: 'Georgia secretary of state certifies election results',
    text: "Georgia's secretary of state Brad Raffensperger certified the state's presidential election results on Friday after a hand recount, confirming Joe Biden's narrow win in the state.",
    countries: ['US'],
    companies: [],
    topics: [],
    relevant: false,
  },
  {
    title: "Georgia's parliament overrides veto of foreign agents law",
    text: "Georgia's parliament voted on Tuesday to override President Salome Zourabichvili's veto of a law on foreign influence, which critics compare to legislation Moscow uses against dissent.",
    countries: ['GE'],
    companies: [],
    topics: [],
    relevant: false,
  },
  {
    title: 'France beat Morocco to reach World Cup final',
    text: 'France beat Morocco 2-0 in Qatar to reach the World Cup final, where they will face Argentina on Sunday.',
    countries: [],
    companies: [],
    topics: [],
    relevant: false,
  },
  {
    title: 'Google to pay $700 million to settle Play Store case with US states',
    text: 'Google agreed to pay $700 million and make changes to its Play Store to settle an antitrust lawsuit brought by 50 US states over its app store practices.',
    countries: ['US'],
    companies: ['google'],
    topics: ['competition-antitrust'],
    relevant: true,
  },
  {
    title: 'Datenschutzbehörde verhängt Millionenstrafe gegen Clearview',
    text: 'Die niederländische Datenschutzbehörde hat gegen das US-Unternehmen Clearview AI eine Strafe von 30,5 Millionen Euro verhängt, weil es eine illegale Datenbank mit Milliarden Gesichtsfotos aufgebaut habe.',
    countries: ['NL'],
    companies: [],
    topics: ['privacy-data-protection'],
    relevant: true,
  },
  {
    title: 'Samsung unveils Galaxy S24 with built-in AI translation',
    text: 'Samsung unveiled its Galaxy S24 smartphones on Wednesday with on-device AI features such as live call translation, priced from $799 and going on sale next month.',
    countries: [],
    companies: ['samsung'],
    topics: [],
    relevant: false,
  },
  {
    title: 'Netflix adds 13 million subscribers after password-sharing crackdown',
    text: 'Netflix said on Tuesday it added 13.1 million subscribers in the fourth quarter, beating forecasts, and its shares rose 10% in after-hours trading.',
    countries: [],
    companies: ['netflix'],
    topics: [],
    relevant: false,
  },
];

for (const c of CASES) {
  test(c.title, () => {
    const d = detectStory({ title: c.title, text: c.text });
    expect({ countries: d.countries, companies: d.companies, relevant: d.relevant }).toEqual({
      countries: c.countries,
      companies: c.companies,
      relevant: c.relevant,
    });
    // Topics must include the main one; a related second topic is tolerated.
    if (c.topics.length > 0) expect(d.topics).toEqual(expect.arrayContaining(c.topics));
    else expect(d.topics).toEqual([]);
  });
}

/**
 * A held-out-style set written for this test (generalisation-stories.json): 227 wire
 * stories labelled by the taxonomy's conventions before the detector saw them (100, then
 * three fresh checks of 43, 42 and 40, then two privacy regulators' cases the detector
 * missed in English: cookies, a data protection authority named in full), in about the held-out mix (129 policy, 65 other
 * news, 33 traps; six languages). Generic bodies of
 * other states ("the Senate", "Federal Court", "Attorney-General"), nationalities,
 * markets and offices, homonyms and boilerplate. Scored as a whole, with the bars the
 * detector is held to, so a rule that stops carrying over makes this test fail.
 */
interface LabelledStory {
  id: string;
  kind: string;
  lang: string;
  title: string;
  text: string;
  countries: string[];
  companies: string[];
  topics: string[];
  relevant: boolean;
}

type Field = 'countries' | 'companies' | 'topics';
const FIELDS: Field[] = ['countries', 'companies', 'topics'];

/** Micro F1 of one label field over stories, and the stories it got wrong. */
function microF1(rows: { story: LabelledStory; got: Record<Field, string[]> }[], field: Field): { f1: number; wrong: string[] } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (const { story, got } of rows) {
    const expected = new Set(story[field]);
    const found = new Set(got[field]);
    const hits = [...found].filter((x) => expected.has(x)).length;
    tp += hits;
    fp += found.size - hits;
    fn += expected.size - hits;
    if (hits !== found.size || hits !== expected.size) wrong.push(`${story.id} ${field}: expected [${[...expected]}] got [${[...found]}]  ${story.title}`);
  }
  return { f1: tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn), wrong };
}

const stories = STORIES as LabelledStory[];

test('the labelled set has the held-out mix and valid labels', () => {
  expect(stories.length).toBeGreaterThanOrEqual(60);
  const share = (kind: string) => stories.filter((s) => s.kind === kind).length / stories.length;
  expect(share('policy')).toBeCloseTo(0.55, 1);
  expect(share('nonpolicy')).toBeCloseTo(0.3, 1);
  expect(share('trap')).toBeCloseTo(0.15, 1);
  for (const s of stories) {
    // A relevant story has 1-3 topics; another has none.
    expect(s.relevant ? s.topics.length >= 1 && s.topics.length <= 3 : s.topics.length === 0).toBe(true);
  }
});

test('held-out-style stories score above the bars', () => {
  // Detected as the evaluation does: title and text only, no feed language or publisher.
  const rows = stories.map((story) => ({ story, got: detectStory({ title: story.title, text: story.text }) }));
  const [countries, companies, topics] = FIELDS.map((f) => microF1(rows, f));
  const relevanceWrong = rows.filter((r) => r.got.relevant !== r.story.relevant).map((r) => `${r.story.id} relevant: expected ${r.story.relevant}  ${r.story.title}`);
  const traps = rows.filter((r) => r.story.kind === 'trap');
  const scores = {
    countries: countries!.f1,
    companies: companies!.f1,
    topics: topics!.f1,
    relevance: 1 - relevanceWrong.length / rows.length,
    trapCountries: microF1(traps, 'countries').f1,
    trapCompanies: microF1(traps, 'companies').f1,
  };
  const misses = [...countries!.wrong, ...companies!.wrong, ...topics!.wrong, ...relevanceWrong].join('\n');
  expect(scores.countries, misses).toBeGreaterThanOrEqual(0.95);
  expect(scores.companies, misses).toBeGreaterThanOrEqual(0.97);
  expect(scores.topics, misses).toBeGreaterThanOrEqual(0.8);
  expect(scores.relevance, misses).toBeGreaterThanOrEqual(0.93);
  expect(scores.trapCountries, misses).toBeGreaterThanOrEqual(0.9);
  expect(scores.trapCompanies, misses).toBeGreaterThanOrEqual(0.9);
});
