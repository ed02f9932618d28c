import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  ALERT_TRIGGERS,
  AlertInputSchema,
  alertQueryProblem,
  AlertUpdateSchema,
  checkQuery,
  parseQuery,
  triggerHasQuery,
  type AlertChannel,
  type AlertChannelSettings,
  type AlertTrigger,
  type AlertUpdate,
} from '@radar/core';
import {
  createAlert,
  deleteAlert,
  findRisingForQuery,
  getAlert,
  getAlertStats,
  listAlerts,
  listDeliveries,
  previewQuery,
  toAlert,
  updateAlert,
  type AlertRow,
} from '@radar/db';
import { adminAuth } from '../admin-auth.ts';
import type { ApiDeps } from '../api-deps.ts';
import { ApiError, invalidInput, jsonBody } from '../api-error.ts';

/** How far back the preview of a query looks. */
export const PREVIEW_DAYS = 7;

/**
 * The 400 body for a query that does not read: the message and where the fault is, so an
 * editor can underline it. Null when the query reads (or is absent), or the alert is a feed
 * alert, which reads none (`trigger`: the one the alert will have).
 */
function queryFault(body: unknown, trigger?: AlertTrigger): { error: string; position: { start: number; end: number } } | null {
  const query = (body as { query?: unknown } | null)?.query;
  if (typeof query !== 'string') return null;
  if (trigger && !triggerHasQuery(trigger)) return null;
  // checked as given (not trimmed), so the offsets point into what the user sent
  const error = checkQuery(query);
  return error ? { error: `query: ${error.message}`, position: { start: error.start, end: error.end } } : null;
}

const sameTarget = (a: AlertChannelSettings, b: AlertChannelSettings) =>
  a.type === b.type && (a.type === 'email' ? a.to === (b as { to: string }).to : a.url === (b as { url: string }).url);

/** Channels as stored: a channel that was already there keeps its id, so its deliveries stay linked. */
function withIds(channels: AlertChannelSettings[], existing: AlertChannel[] = []): AlertChannel[] {
  return channels.map((channel) => ({ ...channel, id: existing.find((old) => sameTarget(old, channel))?.id ?? randomUUID().slice(0, 8) }));
}

/**
 * The channels a change leaves an alert with: kept ones as they were (an e-mail one with its
 * new digest or digest time), new ones with their ids. A kept channel must be the alert's and readable, and
 * no channel may be listed twice.
 */
function changedChannels(changes: NonNullable<AlertUpdate['channels']>, existing: AlertChannel[]): AlertChannel[] {
  const channels = changes.map((change, i): AlertChannel => {
    if (change.type !== 'keep') return withIds([change], existing)[0]!;
    const kept = existing.find((channel) => channel.id === change.id);
    if (!kept) throw new ApiError(400, `channels.${i}: this alert has no channel ${change.id}`);
    if (kept.unreadable)
      throw new ApiError(400, `channels.${i}: channel ${change.id} was sealed under another secret key; enter its address again or remove it`);
    if (change.digest === undefined && change.digestTime === undefined) return kept;
    if (kept.type !== 'email') throw new ApiError(400, `channels.${i}: only an e-mail channel has a digest`);
    return { ...kept, digest: change.digest ?? kept.digest, ...(change.digestTime ? { digestTime: change.digestTime } : {}) };
  });
  const ids = channels.map((channel) => channel.id);
  const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (twice >= 0) throw new ApiError(400, `channels.${twice}: the same channel is listed twice`);
  return channels;
}

const PreviewSchema = z.object({
  query: z.string().trim().min(1, 'the query is empty').max(1000),
  trigger: AlertInputSchema.shape.trigger.refine(triggerHasQuery, 'a feed alert has no query, so no stories to preview'),
  risingKinds: AlertInputSchema.shape.risingKinds,
});

/** The trigger a request names, when it names a known one. */
function namedTrigger(body: unknown): AlertTrigger | undefined {
  const named = (body as { trigger?: unknown } | null)?.trigger;
  return ALERT_TRIGGERS.find((trigger) => trigger === named);
}
const DeliveryListSchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export function alertRoutes(deps: ApiDeps): Hono {
  const requireAdmin = adminAuth(deps.adminToken);
  const found = async (id: string): Promise<AlertRow> => {
    const alert = await getAlert(deps.db, id);
    if (!alert) throw new ApiError(404, 'no alert with that id');
    return alert;
  };
  return new Hono()
    .get('/', async (c) => c.json({ alerts: await listAlerts(deps.db) }))
    .post('/preview', async (c) => {
      const body = await jsonBody(c.req);
      const fault = queryFault(body);
      if (fault) return c.json(fault, 400);
      const input = PreviewSchema.safeParse(body);
      if (!input.success) throw invalidInput(input.error);
      const since = new Date(Date.now() - PREVIEW_DAYS * 86_400_000);
      const query = parseQuery(input.data.query);
      const [preview, rising] = await Promise.all([
        previewQuery(deps.db, query, since, 50),
        input.data.trigger === 'rising' ? findRisingForQuery(deps.db, query, { kinds: input.data.risingKinds }) : null,
      ]);
      // a rising alert's preview also says what would count as rising among those stories now
      const risingNow = rising ? { rising: rising.rising.map((value) => ({ ...value, baselineDays: rising.baselineDays })) } : {};
      return c.json({ ...preview, ...risingNow, since: since.toISOString(), query: input.data.query });
    })
    .post('/', requireAdmin, async (c) => {
      const body = await jsonBody(c.req);
      const fault = queryFault(body, namedTrigger(body) ?? 'story');
      if (fault) return c.json(fault, 400);
      const input = AlertInputSchema.safeParse(body);
      if (!input.success) throw invalidInput(input.error);
      const { snoozedUntil, channels, ...rest } = input.data;
      const row = await createAlert(deps.db, {
        ...rest,
        channels: withIds(channels),
        snoozedUntil: snoozedUntil ? new Date(snoozedUntil) : null,
      });
      return c.json(toAlert(row), 201);
    })
    .get('/:id', async (c) => {
      const row = await found(c.req.param('id'));
      return c.json(toAlert(row, await getAlertStats(deps.db, row.id)));
    })
    .patch('/:id', requireAdmin, async (c) => {
      const body = await jsonBody(c.req);
      const existing = await found(c.req.param('id'));
      const trigger = namedTrigger(body) ?? existing.trigger;
      const fault = queryFault(body, trigger);
      if (fault) return c.json(fault, 400);
      const input = AlertUpdateSchema.safeParse(body);
      if (!input.success) throw invalidInput(input.error);
      // an alert made a feed alert drops its query; one made a story or rising alert needs one
      if (!triggerHasQuery(trigger) && input.data.query === undefined) input.data.query = '';
      const problem = alertQueryProblem(input.data.query ?? existing.query, trigger);
      if (problem) throw new ApiError(400, `query: ${problem}`);
      const { snoozedUntil, channels, ...rest } = input.data;
      const row = await updateAlert(deps.db, existing.id, {
        ...rest,
        ...(channels ? { channels: changedChannels(channels, existing.channels) } : {}),
        ...(snoozedUntil === undefined ? {} : { snoozedUntil: snoozedUntil ? new Date(snoozedUntil) : null }),
      });
      if (!row) throw new ApiError(404, 'no alert with that id');
      return c.json(toAlert(row, await getAlertStats(deps.db, row.id)));
    })
    .delete('/:id', requireAdmin, async (c) => {
      if (!(await deleteAlert(deps.db, c.req.param('id')))) throw new ApiError(404, 'no alert with that id');
      return c.body(null, 204);
    })
    .post('/:id/channels/:channelId/test', requireAdmin, async (c) => {
      const alert = await found(c.req.param('id'));
      const channel = alert.channels.find((candidate) => candidate.id === c.req.param('channelId'));
      if (!channel) throw new ApiError(404, 'this alert has no channel with that id');
      if (channel.unreadable) throw new ApiError(400, "the channel's address was sealed under another secret key: enter it again first");
      if (!deps.alertTester) throw new ApiError(503, 'test messages are sent by the notifier, which this server cannot reach');
      const outcome = await deps.alertTester.send(alert.id, channel.id);
      if (outcome.ok) return c.json({ sent: true, status: outcome.status });
      return c.json({ error: outcome.error }, outcome.reason === 'timeout' ? 504 : 502);
    })
    .get('/:id/deliveries', async (c) => {
      const row = await found(c.req.param('id'));
      const page = DeliveryListSchema.safeParse(c.req.query());
      if (!page.success) throw invalidInput(page.error);
      return c.json({ deliveries: await listDeliveries(deps.db, row.id, page.data.limit) });
    });
}
