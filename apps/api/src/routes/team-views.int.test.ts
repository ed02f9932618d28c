import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readConfig } from '@radar/core';
import { openScratchDatabase, type Database, type DatabaseKind } from '@radar/db';
import { connectRedis, deleteKeysWithPrefix, FeedScheduler } from '@radar/jobs';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import { createApp } from '../app.ts';
import { apiCaller } from './api-call.test-fixture.ts';

const TOKEN = 'team-views-admin-token';

describe.each<DatabaseKind>(['pglite', 'postgres'])('team views on %s', (kind) => {
  const prefix = `radar-test-team-views-${kind}-${process.pid}-${Date.now().toString(36)}`;
  let database: Database;
  let redis: Redis;
  let scheduler: FeedScheduler;
  let app: Hono;

  const call = apiCaller(() => app, TOKEN);

  beforeAll(async () => {
    database = await openScratchDatabase(kind);
    redis = connectRedis(readConfig().redisUrl);
    scheduler = new FeedScheduler(redis, { prefix });
    app = createApp({ db: database.db, redis, scheduler, adminToken: TOKEN });
  });

  afterAll(async () => {
    await scheduler?.close();
    await database?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis?.disconnect();
  });

  test('an admin shares views with the team, by name; everyone reads them; a name saved again replaces its view', async () => {
    expect((await call('GET', '/api/views', undefined, null)).body).toEqual({ views: [] });
    expect((await call('POST', '/api/views', { name: 'EU privacy', search: '?country=EU&topic=privacy-data-protection' }, null)).status).toBe(401);

    const eu = await call('POST', '/api/views', { name: '  EU privacy ', search: '?country=EU&topic=privacy-data-protection' });
    expect(eu.status).toBe(201);
    expect(eu.body).toMatchObject({ name: 'EU privacy', search: '?country=EU&topic=privacy-data-protection' });
    expect((await call('POST', '/api/views', { name: 'all stories', search: '' })).status).toBe(201);
    const again = await call('POST', '/api/views', { name: 'EU privacy', search: '?country=EU&topic=privacy-data-protection&range=7d' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: eu.body.id, search: '?country=EU&topic=privacy-data-protection&range=7d' });

    const list = await call('GET', '/api/views', undefined, null);
    expect((list.body.views as { name: string; search: string }[]).map((view) => [view.name, view.search])).toEqual([
      ['all stories', ''],
      ['EU privacy', '?country=EU&topic=privacy-data-protection&range=7d'],
    ]);

    expect((await call('DELETE', `/api/views/${eu.body.id}`, undefined, null)).status).toBe(401);
    expect((await call('DELETE', `/api/views/${eu.body.id}`)).status).toBe(204);
    expect(await call('DELETE', `/api/views/${eu.body.id}`)).toEqual({ status: 404, body: { error: 'no team view with that id' } });
    expect(((await call('GET', '/api/views', undefined, null)).body.views as unknown[]).length).toBe(1);
  });

  test('a view without a name, or that is not a dashboard query string, is refused with the reason', async () => {
    expect(await call('POST', '/api/views', { name: ' ', search: '' })).toEqual({ status: 400, body: { error: 'name: the view needs a name' } });
    expect(await call('POST', '/api/views', { name: 'x', search: 'https://evil.example/?a=1' })).toEqual({
      status: 400,
      body: { error: 'search: the view is a dashboard query string: empty, or starting with ? and without spaces' },
    });
    expect((await call('POST', '/api/views', { name: 'x'.repeat(81), search: '' })).body).toEqual({ error: 'name: the name is longer than 80 characters' });
    expect(await call('POST', '/api/views', '{not json')).toEqual({ status: 400, body: { error: 'the body must be JSON' } });
  });
});
