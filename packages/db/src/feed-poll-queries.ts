import { and, desc, eq, lt, lte, or, sql } from 'drizzle-orm';
import { MAX_POLLS_PER_FEED, POLLS_KEPT_HOURS, POLLS_KEPT_PER_FEED, type FeedPoll } from '@radar/core';
import type { RadarDb } from './database.ts';
import { prepared } from './prepared.ts';
import { storedErrorText } from './stored-text.ts';
import { feedPolls, type FeedPollRow } from './schema/index.ts';

export type NewFeedPoll = Omit<FeedPoll, 'at'> & { at: Date };

/**
 * Records one poll of a feed, and forgets those past the latest POLLS_KEPT_PER_FEED that are
 * older than POLLS_KEPT_HOURS, and any past the latest MAX_POLLS_PER_FEED.
 */
export async function recordPoll(db: RadarDb, feedId: string, poll: NewFeedPoll): Promise<void> {
  // every poll ends here: one statement, built once. The delete sees the polls stored before
  // this one (a statement's parts share one snapshot), so it keeps one fewer of them
  const record = prepared(db, 'record_poll', (d) => {
    const added = d.$with('added').as(
      d
        .insert(feedPolls)
        .values({
          feedId: sql.placeholder('feedId'),
          at: sql.placeholder('at'),
          outcome: sql.placeholder('outcome'),
          pushed: sql.placeholder('pushed'),
          status: sql.placeholder('status'),
          latencyMs: sql.placeholder('latencyMs'),
          bytes: sql.placeholder('bytes'),
          items: sql.placeholder('items'),
          newStories: sql.placeholder('newStories'),
          updatedStories: sql.placeholder('updatedStories'),
          error: sql.placeholder('error'),
        })
        .returning({ id: feedPolls.id }),
    );
    return d
      .with(added)
      .delete(feedPolls)
      .where(
        and(
          eq(feedPolls.feedId, sql.placeholder('feedId')),
          // past the latest kept in any case (none while fewer are stored)...
          lte(feedPolls.id, pollPast(POLLS_KEPT_PER_FEED - 1)),
          // ...and older than a day, or past the most kept at all
          or(lt(feedPolls.at, sql.placeholder('keptSince')), lte(feedPolls.id, pollPast(MAX_POLLS_PER_FEED - 1))),
        ),
      );
  });
  await record.execute({
    ...poll,
    feedId,
    error: storedErrorText(poll.error),
    keptSince: new Date(poll.at.getTime() - POLLS_KEPT_HOURS * 3_600_000),
  });
}

/** The id of a feed's stored poll that has `newer` stored polls after it (null when it has fewer). */
const pollPast = (newer: number) =>
  sql`(select ${feedPolls.id} from ${feedPolls} where ${feedPolls.feedId} = ${sql.placeholder('feedId')} order by ${feedPolls.id} desc offset ${newer} limit 1)`;

const toFeedPoll = (row: FeedPollRow): FeedPoll => ({
  at: row.at.toISOString(),
  outcome: row.outcome as FeedPoll['outcome'],
  pushed: row.pushed,
  status: row.status,
  latencyMs: row.latencyMs,
  bytes: row.bytes,
  items: row.items,
  newStories: row.newStories,
  updatedStories: row.updatedStories,
  error: row.error,
});

/** A feed's latest polls, newest first. */
export async function listFeedPolls(db: RadarDb, feedId: string, limit = POLLS_KEPT_PER_FEED): Promise<FeedPoll[]> {
  const rows = await db.select().from(feedPolls).where(eq(feedPolls.feedId, feedId)).orderBy(desc(feedPolls.id)).limit(limit);
  return rows.map(toFeedPoll);
}
