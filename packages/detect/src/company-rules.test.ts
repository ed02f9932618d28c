import { expect, test } from 'vitest';
import { detectStory } from './detect-story.ts';

/** Companies named only as yardsticks, as a person's past employer, or as homonyms are not in the story. */
const CASES: { title: string; text: string; companies: string[] }[] = [
  {
    title: 'Temu tops US download charts',
    text: 'Temu was the most downloaded free app in the United States last year, ahead of TikTok and Instagram, according to Sensor Tower.',
    companies: ['pdd'],
  },
  {
    title: 'Mistral releases chatbot it says rivals ChatGPT',
    text: 'French startup Mistral released Le Chat on Monday, an assistant that competes with ChatGPT in several languages.',
    companies: [],
  },
  {
    title: 'Bluesky passes 20 million users',
    text: 'Bluesky, a decentralised rival to X, passed 20 million users on Tuesday as sign-ups surged.',
    companies: [],
  },
  {
    title: 'AI startup raises $1 billion',
    text: 'Safe Superintelligence, co-founded by former OpenAI chief scientist Ilya Sutskever, raised $1 billion from investors.',
    companies: [],
  },
  {
    // The platform's data is the subject here: former employees of it stay tagged.
    title: 'Former Twitter employees charged with spying',
    text: "Prosecutors charged two former Twitter employees with accessing the private data of the platform's users.",
    companies: ['x'],
  },
  {
    title: 'Hong Kong police freeze Apple Daily assets',
    text: 'Police froze the assets of the pro-democracy newspaper Apple Daily, which printed its last edition on Thursday.',
    companies: [],
  },
  {
    title: 'Signal from Voyager 1 reaches Earth again',
    text: 'Engineers said a signal from the probe reached Earth after months of silence; they will zoom in on the fault next week.',
    companies: [],
  },
  {
    title: 'Malcolm X documentary wins award',
    text: 'A documentary on Malcolm X won the top prize at the festival, and Generation X viewers made up most of its audience.',
    companies: [],
  },
  {
    title: 'Telegram founder allowed to leave France',
    text: 'Telegram founder Pavel Durov was allowed to leave France while the investigation continues, judicial sources said.',
    companies: ['telegram'],
  },
];

for (const c of CASES) {
  test(c.title, () => {
    expect(detectStory({ title: c.title, text: c.text }).companies).toEqual(c.companies);
  });
}

test('"meta" is a goal only where the words say so; Meta products after "a" or "à" stay companies', () => {
  expect(detectStory({ title: 'La Meta De Déficit Se Cumple', text: 'El Gobierno cumplió la meta de déficit del año.' }).companies).toEqual([]);
  expect(detectStory({ title: 'Amende de la CNIL', text: "La CNIL a infligé une amende de 60 millions d'euros à Facebook pour les cookies." }).companies).toEqual(['meta']);
  expect(
    detectStory({ title: 'A Meta anuncia mudanças', text: 'A Meta anunciou nesta terça-feira o fim da checagem de fatos para usuários no Brasil.' }).companies,
  ).toEqual(['meta']);
});

test('Apple acting as a company is the company; apples are not', () => {
  expect(detectStory({ title: 'Apple opens store in Mumbai', text: 'Apple opened its first store in India in Mumbai on Tuesday.' }).companies).toEqual(['apple']);
  expect(detectStory({ title: 'Apple harvest falls', text: 'Apple growers said the harvest fell 10% after a late frost.' }).companies).toEqual([]);
});
