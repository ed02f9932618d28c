import { expect, test } from 'vitest';
import { storyLanguage } from './story-language.ts';
import { readField } from './story-text.ts';

const language = (title: string, text: string, declared?: string) =>
  storyLanguage([readField('title', title).tokens, readField('summary', text).tokens], declared);

test('short wire ledes are told apart without the feed saying', () => {
  // French with "en", "de" and elisions, which Spanish and Italian share in part.
  expect(language("L'Arcom met en demeure cinq sites", "L'Arcom a mis en demeure mardi cinq sites de mettre en place un contrôle de l'âge, sous peine d'être bloqués en France.")).toBe('fr');
  expect(language('Die Bundesnetzagentur sperrt Rufnummern', 'Die Behörde hat am Montag mehrere Rufnummern gesperrt, über die Betrüger Nachrichten verschickt hatten.')).toBe('de');
  expect(language('El Senado aprueba la ley', 'El Senado aprobó el martes por unanimidad el proyecto, que ahora pasa al Congreso.')).toBe('es');
  expect(language('Anatel manda bloquear sites', 'A Anatel determinou nesta segunda-feira que as operadoras bloqueiem o acesso a sites não autorizados.')).toBe('pt');
  expect(language("Il Garante blocca l'app", "Il Garante ha ordinato giovedì il blocco dell'app, che non ha risposto alle richieste dell'autorità.")).toBe('it');
  expect(language("France's Republicans elect new leader", 'The conservative party elected its leader on Sunday, giving him a platform for a presidential bid.')).toBe('en');
});

test("the feed's own language wins", () => {
  expect(language('Apple', 'Apple a annoncé mardi ses résultats.', 'en-GB')).toBe('en');
});
