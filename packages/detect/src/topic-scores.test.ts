import { expect, test } from 'vitest';
import { detectStory } from './detect-story.ts';

test('a court that blocks a law censors nothing', () => {
  const d = detectStory({
    title: 'Judge blocks Utah law on social media age checks',
    text: 'A federal judge in Utah blocked a state law on Tuesday that would have required social media platforms to verify the age of users and get parental consent for minors.',
  });
  expect(d.topics).toEqual(['child-safety']);
});

test('blocking access stays censorship', () => {
  const d = detectStory({
    title: 'Uganda blocks Facebook ahead of election',
    text: "Uganda's communications regulator ordered internet providers to block access to Facebook and other social media platforms on Tuesday, two days before the presidential election.",
  });
  expect(d.topics).toContain('censorship-shutdowns');
});

test('a phrase inside a longer phrase of another topic means what the longer one means', () => {
  // "consent" is a privacy word, but "parental consent" is about minors.
  const d = detectStory({
    title: 'Louisiana requires parental consent for minors on social media',
    text: "Louisiana's governor signed a law requiring parental consent before children under 16 can open social media accounts.",
  });
  expect(d.topics).toEqual(['child-safety']);
});

test('an election result is politics, not internet policy', () => {
  const d = detectStory({
    title: 'Senegal opposition candidate wins presidential election',
    text: "Bassirou Diomaye Faye won Senegal's presidential election in the first round with 54% of the vote, the electoral commission said on Wednesday.",
  });
  expect(d.relevant).toBe(false);
  expect(d.topics).toEqual([]);
});

test('French, Spanish and Italian stories find their topics', () => {
  expect(
    detectStory({
      title: "La justice valide la vérification d'âge sur les sites pornographiques",
      text: "Le tribunal a confirmé l'obligation pour les sites pornographiques de vérifier l'âge de leurs utilisateurs afin de protéger les mineurs.",
    }).topics,
  ).toEqual(['child-safety']);
  expect(
    detectStory({
      title: 'El Congreso aprueba la ley contra la ciberdelincuencia',
      text: 'La ley tipifica nuevos delitos informáticos y refuerza la protección de los sistemas informáticos del Estado frente a ataques de ransomware.',
    }).topics,
  ).toEqual(['cybersecurity']);
  expect(
    detectStory({
      title: "L'Agcom rafforza Piracy Shield contro le partite pirata",
      text: "L'autorità ha ordinato ai fornitori di accesso di oscurare entro 30 minuti i siti che trasmettono illegalmente le partite, in base alla legge antipirateria.",
    }).topics,
  ).toContain('copyright-news');
});
