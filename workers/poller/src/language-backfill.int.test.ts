import { afterAll, beforeAll, expect, test } from 'vitest';
import { EMPTY_FILTER } from '@radar/core';
import { createFeed, listStories, newStoryId, openScratchDatabase, saveStories, type Database } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix } from '@radar/jobs';
import { fillMissingLanguages } from './language-backfill.ts';

const prefix = `radar-test-languages-${process.pid}-${Date.now()}`;
const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
let database: Database;

beforeAll(async () => {
  database = await openScratchDatabase('pglite');
});
afterAll(async () => {
  await database?.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

test('stories stored without a language get the one their words are in, once, in rounds that resume where they stopped', async () => {
  const feedId = (await createFeed(database.db, { url: 'https://sans-langue.example/feed' })).id;
  const story = (title: string, summary: string, lang: string | null = null) => ({
    id: newStoryId(),
    feedId,
    dedupeKey: title,
    url: `https://sans-langue.example/${encodeURIComponent(title)}`,
    title,
    summary,
    sourceTitle: 'Sans langue',
    publishedAt: new Date('2026-11-01T10:00:00Z'),
    lang,
  });
  await saveStories(database.db, [
    story('La CNIL inflige une amende à un réseau social', "Le régulateur reproche à la plateforme d'avoir conservé les données des utilisateurs sans leur accord."),
    story('Bundesnetzagentur prüft neue Regeln für Messenger-Dienste', 'Die Behörde will die Anbieter stärker in die Pflicht nehmen.'),
    story('El Congreso aprueba la ley de protección de datos', 'La norma obliga a las plataformas a informar a los usuarios.'),
    // too short to tell: stays without
    story('OK', ''),
    // declared by its feed: kept as it is
    story('Regulator fines a platform', 'The regulator fined the platform over data transfers.', 'pt'),
  ]);
  const options = { db: database.db, redis, keyPrefix: `${prefix}:language-backfill`, batchSize: 2 };
  // stopped after its first round (a poller closing): resumes after what it did
  let rounds = 0;
  expect(await fillMissingLanguages({ ...options, stopped: () => rounds++ > 0 })).toEqual({ read: 2, filled: 2 });
  expect(await fillMissingLanguages(options)).toEqual({ read: 2, filled: 1 });
  const languages = Object.fromEntries((await listStories(database.db, EMPTY_FILTER, { limit: 10 })).stories.map((s) => [s.title, s.lang]));
  expect(languages).toEqual({
    'La CNIL inflige une amende à un réseau social': 'fr',
    'Bundesnetzagentur prüft neue Regeln für Messenger-Dienste': 'de',
    'El Congreso aprueba la ley de protección de datos': 'es',
    OK: null,
    'Regulator fines a platform': 'pt',
  });
  // done once for the installation: nothing read again
  expect(await fillMissingLanguages(options)).toBeNull();
});

test('one poller at a time reads them', async () => {
  const keyPrefix = `${prefix}:held`;
  await redis.set(`${keyPrefix}:lock`, '1', 'EX', 60);
  expect(await fillMissingLanguages({ db: database.db, redis, keyPrefix })).toBeNull();
});
