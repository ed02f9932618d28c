import { UnrecoverableError, type Job } from 'bullmq';
import { digestEmail } from '@radar/alerts';
import { parseQuery, type FeedProblem, type FiringSubject, type QueryNode, type RisingSignal, type Story } from '@radar/core';
import {
  findRisingForQuery,
  getAlert,
  getDeliveryContext,
  getDigestContext,
  previewQuery,
  recordDeliveryAttempt,
  type RadarDb,
} from '@radar/db';
import { DeliveryError, forQueue } from './delivery-error.ts';
import type { DeliveryJobData } from './delivery-jobs.ts';
import { sendToChannel, type ChannelSenders } from './send-to-channel.ts';

export interface DeliveryDeps extends ChannelSenders {
  db: RadarDb;
  onDelivered?: (event: DeliveryEvent) => void;
}

export interface DeliveryEvent {
  deliveryIds: string[];
  outcome: 'delivered' | 'retrying' | 'failed';
  error?: string;
}

export type DeliveryResult = 'delivered' | 'already-done' | 'gone';

/** What a test message came to: the receiver's HTTP status (null for e-mail, which SMTP accepted). */
export interface TestResult {
  status: number | null;
}

/** True when this try is the job's last: a failure then is final. */
const isLastAttempt = (job: Job) => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/**
 * Logs an attempt on the deliveries and tells BullMQ what to do: nothing on success, stop
 * for a permanent failure or the last try, retry with backoff otherwise.
 */
async function recordOutcome(job: Job, deps: DeliveryDeps, ids: string[], send: () => Promise<number | null>): Promise<DeliveryResult> {
  try {
    const status = await send();
    await recordDeliveryAttempt(deps.db, ids, { status: 'delivered', responseStatus: status, error: null });
    deps.onDelivered?.({ deliveryIds: ids, outcome: 'delivered' });
    return 'delivered';
  } catch (error) {
    const failure = error instanceof DeliveryError ? error : new DeliveryError((error as Error).message, false);
    const final = failure.permanent || isLastAttempt(job);
    await recordDeliveryAttempt(deps.db, ids, {
      status: final ? 'failed' : 'retrying',
      responseStatus: failure.responseStatus,
      error: failure.message,
    });
    deps.onDelivered?.({ deliveryIds: ids, outcome: final ? 'failed' : 'retrying', error: failure.message });
    throw forQueue(failure);
  }
}

/** Sends one delivery, or one digest e-mail; idempotent: what was delivered is not sent again. */
export async function processDelivery(job: Job<DeliveryJobData>, deps: DeliveryDeps): Promise<DeliveryResult | TestResult> {
  const data = job.data;
  if (data.kind === 'single') {
    const context = await getDeliveryContext(deps.db, data.deliveryId);
    if (!context) return 'gone';
    const { delivery, alert, ...subject } = context;
    if (delivery.status === 'delivered' || delivery.status === 'failed') return 'already-done';
    const channel = alert.channels.find((c) => c.id === delivery.channelId);
    if (!channel) {
      await recordDeliveryAttempt(deps.db, [delivery.id], { status: 'failed', responseStatus: null, error: 'the channel was removed from the alert' });
      return 'gone';
    }
    return recordOutcome(job, deps, [delivery.id], () =>
      sendToChannel(channel, { id: alert.id, name: alert.name, rising: subject.rising }, subject, delivery.id, deps),
    );
  }
  if (data.kind === 'digest') {
    const context = await getDigestContext(deps.db, data.alertId, data.channelId, new Date(data.dueAt));
    if (!context) return 'already-done';
    const ids = context.deliveries.map((d) => d.delivery.id);
    const channel = context.alert.channels.find((c) => c.id === data.channelId);
    if (!channel || channel.type !== 'email') {
      await recordDeliveryAttempt(deps.db, ids, { status: 'failed', responseStatus: null, error: 'the e-mail channel was removed from the alert' });
      return 'gone';
    }
    const mode = channel.digest === 'none' ? 'hourly' : channel.digest;
    const email = digestEmail(context.alert, mode, context.deliveries);
    return recordOutcome(job, deps, ids, async () => {
      await deps.mailer.send({ to: channel.to, ...email });
      return null;
    });
  }
  if (data.kind === 'test') return sendTest(job, data, deps);
  return 'gone';
}

/** How far back a test looks for a story its alert matches, to send that instead of a sample. */
const TEST_STORY_DAYS = 30;

/** A story to test with when the alert matched none lately: plainly a test, linking to nothing of anyone's. */
function sampleStory(now: Date): Story {
  return {
    id: 'test',
    url: 'https://example.org/policy-radar-test',
    title: 'Test message from Policy Radar',
    summary: 'This channel is set up: stories matching the alert will arrive here like this one.',
    source: { feedId: '', title: 'Policy Radar' },
    publishedAt: now.toISOString(),
    ingestedAt: now.toISOString(),
    lang: 'en',
    countries: [],
    companies: [],
    topics: [],
    relevant: true,
    score: 1,
    clusterId: null,
  };
}

/** A feed to test a feed alert's channel with: plainly a test, its address nobody's. */
function sampleFeedProblem(now: Date): FeedProblem {
  return {
    feedId: 'test',
    title: 'Test feed (Policy Radar)',
    url: 'https://example.org/policy-radar-test.xml',
    reason: 'This channel is set up: feeds that stop working will be told here like this one.',
    pausedAt: now.toISOString(),
  };
}

/** A sample of what rose, for a rising alert's test while nothing is rising among its stories. */
const SAMPLE_RISING: RisingSignal[] = [{ kind: 'country', id: 'GH', recent: 5, usual: 0.4, baselineDays: 14 }];

/** What a rising alert's test tells of: the values rising among its stories now (at most three), else a sample. */
async function testRising(db: RadarDb, query: QueryNode, now: Date): Promise<RisingSignal[]> {
  const { rising, baselineDays } = await findRisingForQuery(db, query, { now, limit: 3 });
  return rising.length > 0 ? rising.map((value) => ({ ...value, baselineDays })) : SAMPLE_RISING;
}

/** What a test message tells of: a sample feed for a feed alert; else the newest story the alert matched lately, with what rises for a rising alert. */
async function testSubject(db: RadarDb, alert: { query: string; trigger: string }, now: Date): Promise<FiringSubject> {
  if (alert.trigger === 'feed') return { feed: sampleFeedProblem(now) };
  const query = parseQuery(alert.query);
  const recent = await previewQuery(db, query, new Date(now.getTime() - TEST_STORY_DAYS * 86_400_000), 1);
  const rising = alert.trigger === 'rising' ? await testRising(db, query, now) : null;
  return { story: recent.stories[0] ?? sampleStory(now), rising };
}

/**
 * Sends a test message to one channel: the newest story its alert matched in the last 30 days
 * (else a sample), under the alert's name marked "(test)"; for a rising alert, with what is
 * rising among its stories now (else a sample); for a feed alert, a sample paused feed.
 * Answers the receiver's HTTP status; a failure fails the job with the reason, which the
 * alerts page shows.
 */
async function sendTest(job: Job<DeliveryJobData>, data: { alertId: string; channelId: string }, deps: DeliveryDeps): Promise<TestResult> {
  const alert = await getAlert(deps.db, data.alertId);
  const channel = alert?.channels.find((c) => c.id === data.channelId);
  if (!alert || !channel) throw new UnrecoverableError('the alert or its channel is gone');
  const subject = await testSubject(deps.db, alert, new Date());
  try {
    return { status: await sendToChannel(channel, { id: alert.id, name: `${alert.name} (test)`, rising: subject.rising }, subject, `test-${job.id}`, deps, 'test') };
  } catch (error) {
    throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
  }
}
