import { expect, test } from 'vitest';
import { languageIdentifier } from './identify-language.ts';

test("a story's language is read from its words when its feed declares none", async () => {
  const identify = await languageIdentifier();
  expect(identify("Le gouvernement veut encadrer l'usage de la reconnaissance faciale par la police")).toBe('fr');
  expect(identify('Bundesregierung plant neue Regeln für Plattformen und Datenschutz')).toBe('de');
  expect(identify('Роскомнадзор заблокировал доступ к мессенджеру в России')).toBe('ru');
  expect(identify('El Congreso aprueba la ley de protección de datos personales')).toBe('es');
  expect(identify('Ofcom fines a video platform over age checks for children')).toBe('en');
  // too little to tell
  expect(identify('')).toBeNull();
  expect(identify('12:30')).toBeNull();
});
