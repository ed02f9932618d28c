import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RisingSignal } from '@radar/core';
import { recordRisingFiring } from './alert-delivery-queries.ts';
import { createAlert } from './alert-queries.ts';
import type { Database } from './database.ts';
import { newStoryId } from './ids.ts';
import { openScratchDatabase, type DatabaseKind } from './scratch-database.ts';
import { saveStories } from './story-queries.ts';

const value = (kind: RisingSignal['kind'], id: string): RisingSignal => ({ kind, id, recent: 3, usual: 0, baselineDays: 14 });
const GH = value('country', 'GH');
const KE = value('country', 'KE');
const SHUTDOWNS = value('topic', 'censorship-shutdowns');

describe.each<DatabaseKind>(['postgres', 'pglite'])('rising firings (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openScratchDatabase(kind);
  });
  afterAll(() => database?.close());

  const stories = async (count: number) => {
    const ids = Array.from({ length: count }, () => newStoryId());
    await saveStories(
      database.db,
      ids.map((id) => ({ id, feedId: null, dedupeKey: id, url: `https://news.example/${id}`, title: `Story ${id}`, publishedAt: new Date() })),
    );
    return ids;
  };
  const alert = () => createAlert(database.db, { name: 'Shutdown watch', query: 'shutdown', trigger: 'rising', channels: [] });
  const now = new Date('2026-12-01T09:00:00Z');
  const since = new Date(now.getTime() - 24 * 3_600_000);

  test('a value is told once a day: a later story tells only what was not told, and nothing when all was', async () => {
    const { id: alertId } = await alert();
    const [first, second, third] = await stories(3);
    const told = await recordRisingFiring(database.db, { alertId, storyId: first!, rising: [SHUTDOWNS, GH], since, now });
    expect(told).toMatchObject({ created: true, firing: { eventKey: 'rising:topic:censorship-shutdowns:2026-12-01', rising: [SHUTDOWNS, GH] } });
    const next = await recordRisingFiring(database.db, { alertId, storyId: second!, rising: [GH, KE], since, now });
    expect(next).toMatchObject({ created: true, firing: { eventKey: 'rising:country:KE:2026-12-01', rising: [KE] } });
    expect(await recordRisingFiring(database.db, { alertId, storyId: third!, rising: [KE, SHUTDOWNS], since, now })).toBeNull();
    // the first story read again after a crash finds its own firing
    expect(await recordRisingFiring(database.db, { alertId, storyId: first!, rising: [SHUTDOWNS, GH], since, now })).toEqual({
      created: false,
      firing: told!.firing,
    });
    // told more than a day ago: told again
    const tomorrow = new Date(now.getTime() + 25 * 3_600_000);
    const again = await recordRisingFiring(database.db, {
      alertId,
      storyId: third!,
      rising: [GH],
      since: new Date(tomorrow.getTime() - 24 * 3_600_000),
      now: tomorrow,
    });
    expect(again).toMatchObject({ created: true, firing: { eventKey: 'rising:country:GH:2026-12-02', rising: [GH] } });
  });

  test('stories of one alert recorded at once, as by two notifiers, tell each value once', async () => {
    for (let round = 0; round < 5; round++) {
      const { id: alertId } = await alert();
      const ids = await stories(6);
      // each story leads with another value, so only the alert's turn keeps Ghana from being told twice
      const risings = [[KE, GH], [SHUTDOWNS, GH], [GH], [GH, KE], [SHUTDOWNS], [KE, SHUTDOWNS, GH]];
      const recorded = await Promise.all(ids.map((storyId, i) => recordRisingFiring(database.db, { alertId, storyId, rising: risings[i]!, since, now })));
      const told = recorded.flatMap((r) => (r?.created ? r.firing.rising!.map((v) => v.id) : []));
      expect(told.sort()).toEqual(['GH', 'KE', 'censorship-shutdowns']);
    }
  });
});
