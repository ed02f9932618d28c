import { createHash } from 'node:crypto';
import { and, count, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { foldText, type Mention, type Story, type StoryFilter } from '@radar/core';
import { executeRows, type RadarDb } from './database.ts';
import { prepared } from './prepared.ts';
import { feeds, stories, storyOutbox, type NewStoryRow, type StoryRow } from './schema/index.ts';
import { countInsertedStories } from './story-statistics.ts';
import { publishedWithin, storyFilterCondition, type PublishedRange } from './story-filter-sql.ts';

/** The public shape of a stored story. */
export function toStory(row: StoryRow): Story {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    summary: row.summary,
    source: { feedId: row.feedId ?? '', title: row.sourceTitle, ...(row.sourceFolder ? { folder: row.sourceFolder } : {}) },
    publishedAt: row.publishedAt.toISOString(),
    ingestedAt: row.ingestedAt.toISOString(),
    lang: row.lang,
    countries: row.countries,
    companies: row.companies,
    topics: row.topics,
    relevant: row.relevant,
    score: row.score,
    clusterId: row.clusterId,
    ...(row.tagsEditedAt ? { tagsEditedAt: row.tagsEditedAt.toISOString() } : {}),
    ...(row.pinnedAt ? { pinnedAt: row.pinnedAt.toISOString() } : {}),
  };
}

export type NewStory = Omit<NewStoryRow, 'searchText'> & {
  /**
   * Undated, and already in its feed when the feed was first read: published at some unknown
   * time before it was found. Stored and listed; its stream entry says so, and it fires no alert.
   */
  backCatalogue?: boolean;
};

/** A story stored and not yet on the live stream, with what its stream entry must say. */
export type UnstreamedStory = StoryRow & { backCatalogue: boolean };

export interface SaveStoriesResult {
  inserted: UnstreamedStory[];
  updated: number;
}

const STORY_COLUMN_LIST =
  'id, feed_id, dedupe_key, url, canonical_url, title, summary, source_title, source_folder, author, published_at, ingested_at, lang, countries, companies, topics, relevant, score, cluster_id, mentions, search_text, read_at';
const STORY_COLUMNS = sql.raw(STORY_COLUMN_LIST);
const STORY_RECORD = sql.raw(
  'id text, feed_id text, dedupe_key text, url text, canonical_url text, title text, summary text, source_title text, source_folder text, author text, published_at timestamptz, ingested_at timestamptz, lang text, countries text[], companies text[], topics text[], relevant boolean, score real, cluster_id text, mentions jsonb, search_text text, read_at timestamptz',
);

// an item whose guid changed but whose article URL is already stored in the feed updates that row
const STORY_INSERT_VALUES = sql.raw(
  STORY_COLUMN_LIST.replace(
    'dedupe_key',
    'coalesce((select s.dedupe_key from stories s where s.feed_id = x.feed_id and s.canonical_url = x.canonical_url limit 1), x.dedupe_key) as dedupe_key',
  ),
);

/** A story as it will be stored, every column filled, so the caller gets back what the row holds. */
function completeRow(story: NewStory, now: Date): StoryRow {
  return {
    id: story.id,
    feedId: story.feedId ?? null,
    dedupeKey: story.dedupeKey,
    url: story.url,
    canonicalUrl: story.canonicalUrl ?? null,
    title: story.title,
    summary: story.summary ?? '',
    sourceTitle: story.sourceTitle ?? '',
    sourceFolder: story.sourceFolder || null,
    author: story.author ?? null,
    publishedAt: story.publishedAt,
    ingestedAt: story.ingestedAt ?? now,
    lang: story.lang ?? null,
    countries: story.countries ?? [],
    companies: story.companies ?? [],
    topics: story.topics ?? [],
    relevant: story.relevant ?? false,
    score: story.score ?? 0,
    clusterId: story.clusterId ?? null,
    mentions: story.mentions ?? [],
    tagsEditedAt: null,
    pinnedAt: null,
    searchText: foldText(`${story.title}\n${story.summary ?? ''}`),
    readAt: story.readAt ?? null,
  };
}

/**
 * An item listed twice in one feed (same guid, or same article URL) is one story: the first
 * listing counts (and a statement may touch a row only once).
 */
function firstOfEachStory<T extends StoryVersion>(batch: T[]): T[] {
  const seen = new Set<string>();
  return batch.filter((story) => {
    const keys = [`key\u0000${story.feedId}\u0000${story.dedupeKey}`];
    if (story.canonicalUrl) keys.push(`url\u0000${story.feedId}\u0000${story.canonicalUrl}`);
    if (keys.some((key) => seen.has(key))) return false;
    for (const key of keys) seen.add(key);
    return true;
  });
}

/** The advisory lock class of the article locks (a number no other lock of the product uses). */
const ARTICLE_LOCK_CLASS = 4_207;
/**
 * Stories stored per statement: a statement locks each of its articles, and PostgreSQL's
 * lock table holds about 64 locks per connection.
 */
const SAVE_CHUNK = 64;

/**
 * The locks a batch takes before it is stored, one per article (its canonical address), so
 * two feeds listing one article store it one after the other; ascending, so two batches never
 * wait on each other in a cycle.
 */
function articleLockKeys(rows: StoryRow[]): number[] {
  const keys = new Set<number>();
  for (const row of rows) {
    if (row.canonicalUrl) keys.add(createHash('sha256').update(row.canonicalUrl).digest().readInt32BE(0));
  }
  return [...keys].sort((a, b) => a - b);
}

/**
 * Inserts new stories; an item seen before (same feed and dedupe key) updates its row only
 * when its title, summary, link or date changed, so polling the same feed twice stores nothing
 * twice. An article another feed has stored (its poll ran at the same time, so the poll's
 * lookup missed it) is not stored again: each statement locks its articles first. Up to
 * SAVE_CHUNK stories travel as one JSON parameter (jsonb_to_recordset): one statement with
 * one parameter, which keeps ingest cheap.
 */
export async function saveStories(db: RadarDb, batch: NewStory[]): Promise<SaveStoriesResult> {
  const now = new Date();
  const kept = firstOfEachStory(batch);
  const saved: SaveStoriesResult = { inserted: [], updated: 0 };
  for (let start = 0; start < kept.length; start += SAVE_CHUNK) {
    const part = await saveChunk(db, kept.slice(start, start + SAVE_CHUNK), now);
    saved.inserted.push(...part.inserted);
    saved.updated += part.updated;
  }
  await countInsertedStories(db, saved.inserted.length);
  return saved;
}

async function saveChunk(db: RadarDb, kept: NewStory[], now: Date): Promise<SaveStoriesResult> {
  const rows = kept.map((story) => completeRow(story, now));
  const backCatalogue = kept.flatMap((story) => (story.backCatalogue ? [story.id] : []));
  const records = JSON.stringify(
    rows.map((row, position) => ({
      position,
      id: row.id,
      feed_id: row.feedId,
      dedupe_key: row.dedupeKey,
      url: row.url,
      canonical_url: row.canonicalUrl,
      title: row.title,
      summary: row.summary,
      source_title: row.sourceTitle,
      source_folder: row.sourceFolder,
      author: row.author,
      published_at: row.publishedAt.toISOString(),
      ingested_at: row.ingestedAt.toISOString(),
      lang: row.lang,
      countries: row.countries,
      companies: row.companies,
      topics: row.topics,
      relevant: row.relevant,
      score: row.score,
      cluster_id: row.clusterId,
      mentions: row.mentions,
      search_text: row.searchText,
      read_at: row.readAt?.toISOString() ?? null,
    })),
  );
  // a new story enters the outbox, and its feed's count moves, in the same statement: it is
  // streamed and counted once, even after a crash; an article another feed stored meanwhile
  // (its poll ran beside this one) is not stored again
  const statement = sql`
    with saved as (
      insert into ${stories} (${STORY_COLUMNS})
      -- two items that are one stored story, one by its key and one by its article URL, are
      -- one row here too: the first listed (a statement may touch a row only once)
      select distinct on (y.feed_id, y.dedupe_key) ${STORY_COLUMNS} from (
        select ${STORY_INSERT_VALUES}, x.position from jsonb_to_recordset(${records}::jsonb) as x(${STORY_RECORD}, position int)
        where x.canonical_url is null
          or not exists (select 1 from stories s where s.canonical_url = x.canonical_url and s.feed_id is distinct from x.feed_id)
          or exists (select 1 from stories s where s.feed_id = x.feed_id and (s.canonical_url = x.canonical_url or s.dedupe_key = x.dedupe_key))
      ) as y
      order by y.feed_id, y.dedupe_key, y.position
      on conflict (feed_id, dedupe_key) do update set
        title = excluded.title, summary = excluded.summary, url = excluded.url, canonical_url = excluded.canonical_url,
        published_at = excluded.published_at, search_text = excluded.search_text, score = excluded.score,
        read_at = coalesce(excluded.read_at, ${stories.readAt}),
        -- tags an editor corrected stay the editor's: of the detector's new reasons, those for them
        countries = case when ${stories.tagsEditedAt} is null then excluded.countries else ${stories.countries} end,
        companies = case when ${stories.tagsEditedAt} is null then excluded.companies else ${stories.companies} end,
        topics = case when ${stories.tagsEditedAt} is null then excluded.topics else ${stories.topics} end,
        relevant = case when ${stories.tagsEditedAt} is null then excluded.relevant else ${stories.relevant} end,
        mentions = case when ${stories.tagsEditedAt} is null then excluded.mentions else (
          select coalesce(jsonb_agg(m), '[]'::jsonb) from jsonb_array_elements(excluded.mentions) as m
          where (m->>'kind' = 'country' and m->>'id' = any(${stories.countries}))
            or (m->>'kind' = 'company' and m->>'id' = any(${stories.companies}))
            or (m->>'kind' = 'topic' and m->>'id' = any(${stories.topics}))
        ) end
      where (${stories.title}, ${stories.summary}, ${stories.url}, ${stories.canonicalUrl}, ${stories.publishedAt})
        is distinct from (excluded.title, excluded.summary, excluded.url, excluded.canonical_url, excluded.published_at)
        -- a document read before the one the row was last written from changes nothing
        and (excluded.read_at is null or ${stories.readAt} is null or excluded.read_at >= ${stories.readAt})
      returning id, feed_id, published_at, (xmax = 0) as inserted
    ), queued as (
      insert into ${storyOutbox} (story_id, feed_id, back_catalogue)
      select id, feed_id, id in (select jsonb_array_elements_text(${JSON.stringify(backCatalogue)}::jsonb)) from saved where inserted
    ), counted as (
      update ${feeds} set story_count = ${feeds}.story_count + c.n,
        newest_story_at = greatest(${feeds}.newest_story_at, c.newest), oldest_story_at = least(${feeds}.oldest_story_at, c.oldest)
      from (select feed_id, count(*)::int as n, max(published_at) as newest, min(published_at) as oldest from saved where inserted group by feed_id) as c
      where ${feeds}.id = c.feed_id
    )
    select id, inserted from saved`;
  const articles = articleLockKeys(rows);
  const result =
    articles.length === 0
      ? await executeRows<{ id: string; inserted: boolean }>(db, statement)
      : // two polls listing one article store it one after the other, the second seeing the first's
        await db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${ARTICLE_LOCK_CLASS}, key) from unnest(${`{${articles.join(',')}}`}::int[]) as key`);
          return executeRows<{ id: string; inserted: boolean }>(tx as unknown as RadarDb, statement);
        });
  const insertedIds = new Set(result.filter((r) => r.inserted).map((r) => r.id));
  const inBackCatalogue = new Set(backCatalogue);
  return {
    inserted: rows.filter((row) => insertedIds.has(row.id)).map((row) => ({ ...row, backCatalogue: inBackCatalogue.has(row.id) })),
    updated: result.length - insertedIds.size,
  };
}

/** What saveStories needs of a story to find its stored copy and tell whether it changed. */
export type StoryVersion = Pick<NewStory, 'feedId' | 'dedupeKey' | 'canonicalUrl' | 'title' | 'summary' | 'url' | 'publishedAt' | 'readAt'> & {
  /**
   * False when the feed gave the item no usable date and publishedAt is only when it was
   * seen: its date then changes nothing, and a changed copy keeps the date stored.
   */
  datedByFeed?: boolean;
};

/**
 * The stories of one feed's document that saveStories would insert (no stored copy) or update
 * (title, summary, link or date changed: the rule saveStories applies), each listed once;
 * new ones whose article another feed already stored are set apart (`elsewhere`: a
 * publisher's section feeds list the same article, and a feed deleted and added again finds
 * its old stories, kept without a feed; each article is one story, kept by the feed that
 * found it first). One indexed lookup answers all of it, and a feed polled again without
 * changes needs nothing detected or stored again. Given the time of the feed's last read,
 * the stories the feed stored after it are named too (`storedSince`): stored by a poll that
 * did not get as far as recording its read (a crash, retried).
 */
export async function newOrChangedStories<T extends StoryVersion>(
  db: RadarDb,
  feedId: string,
  listed: T[],
  lastRead: Date | null = null,
): Promise<{ added: T[]; changed: T[]; elsewhere: T[]; storedSince: T[] }> {
  const batch = firstOfEachStory(listed);
  const added: T[] = [];
  const changed: T[] = [];
  const elsewhere: T[] = [];
  const storedSince: T[] = [];
  if (batch.length === 0) return { added, changed, elsewhere, storedSince };
  // this feed's copies by key, and any feed's (or a deleted feed's) by article address
  const storedCopies = prepared(
    db,
    'stored_story_versions',
    (d) =>
      d
        .select({
          feedId: stories.feedId,
          dedupeKey: stories.dedupeKey,
          canonicalUrl: stories.canonicalUrl,
          title: stories.title,
          summary: stories.summary,
          url: stories.url,
          publishedAt: stories.publishedAt,
          ingestedAt: stories.ingestedAt,
          readAt: stories.readAt,
        })
        .from(stories)
        .where(
          sql`(${stories.feedId} = ${sql.placeholder('feedId')} and ${stories.dedupeKey} = any(${sql.placeholder('keys')}::text[]))
          or ${stories.canonicalUrl} = any(${sql.placeholder('urls')}::text[])`,
        ),
    // a plan made while the table was small (a new installation's first polls) reads it whole
    { planEachTime: true },
  );
  const stored = await storedCopies.execute({
    feedId,
    keys: batch.map((story) => story.dedupeKey),
    urls: batch.flatMap((story) => (story.canonicalUrl ? [story.canonicalUrl] : [])),
  });
  const own = stored.filter((row) => row.feedId === feedId);
  const storedElsewhere = new Set(stored.flatMap((row) => (row.feedId !== feedId && row.canonicalUrl ? [row.canonicalUrl] : [])));
  const byKey = new Map(own.map((row) => [row.dedupeKey, row]));
  const byUrl = new Map(own.flatMap((row) => (row.canonicalUrl ? [[row.canonicalUrl, row] as const] : [])));
  for (const story of batch) {
    // as saveStories does: the row with the same article URL first, else the same key
    const copy = (story.canonicalUrl ? byUrl.get(story.canonicalUrl) : undefined) ?? byKey.get(story.dedupeKey);
    if (!copy) {
      (story.canonicalUrl && storedElsewhere.has(story.canonicalUrl) ? elsewhere : added).push(story);
      continue;
    }
    if (lastRead && copy.ingestedAt > lastRead) storedSince.push(story);
    const undated = story.datedByFeed === false;
    // a document read before the one the stored copy came from (stored late) corrects nothing
    const older = story.readAt && copy.readAt && story.readAt < copy.readAt;
    if (
      !older &&
      (copy.title !== story.title ||
        copy.summary !== (story.summary ?? '') ||
        copy.url !== story.url ||
        copy.canonicalUrl !== (story.canonicalUrl ?? null) ||
        (!undated && copy.publishedAt.getTime() !== story.publishedAt.getTime()))
    ) {
      changed.push(undated ? { ...story, publishedAt: copy.publishedAt } : story);
    }
  }
  return { added, changed, elsewhere, storedSince };
}

/** Stories not yet appended to the live stream (new ones, or ones a crash left behind), oldest first. */
export async function listUnstreamedStories(db: RadarDb, feedId: string): Promise<UnstreamedStory[]> {
  const rows = await db
    .select({ story: stories, backCatalogue: storyOutbox.backCatalogue })
    .from(storyOutbox)
    .innerJoin(stories, eq(stories.id, storyOutbox.storyId))
    .where(eq(storyOutbox.feedId, feedId))
    .orderBy(stories.id);
  return rows.map((row) => ({ ...row.story, backCatalogue: row.backCatalogue }));
}

/**
 * Takes stories out of the outbox once they are on the live stream. A story left behind
 * without a cluster (stored by a poller without a clustering window) has the cluster it was
 * streamed with stored too.
 */
export async function markStoriesStreamed(db: RadarDb, streamed: { id: string; newClusterId?: string }[]): Promise<void> {
  if (streamed.length === 0) return;
  const clustered = streamed.filter((s) => s.newClusterId);
  if (clustered.length > 0) {
    await db.execute(sql`
      update ${stories} set cluster_id = x.cluster_id
      from jsonb_to_recordset(${JSON.stringify(clustered.map((s) => ({ id: s.id, cluster_id: s.newClusterId })))}::jsonb)
        as x(id text, cluster_id text)
      where ${stories.id} = x.id and ${stories.clusterId} is null`);
  }
  const taken = prepared(db, 'take_from_outbox', (d) => d.delete(storyOutbox).where(sql`${storyOutbox.storyId} = any(${sql.placeholder('ids')}::text[])`));
  await taken.execute({ ids: streamed.map((s) => s.id) });
}

export interface StoryCursor {
  publishedAt: string;
  id: string;
}

export const encodeCursor = (story: { publishedAt: string; id: string }): string => Buffer.from(`${story.publishedAt}|${story.id}`).toString('base64url');

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

export function decodeCursor(cursor: string): StoryCursor {
  const [publishedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!publishedAt || !id || Number.isNaN(Date.parse(publishedAt))) throw new InvalidCursorError('invalid cursor');
  return { publishedAt, id };
}

/** `after` and `until` bound the publication times listed (the dashboard's time range). */
export interface ListStoriesOptions extends PublishedRange {
  before?: string;
  limit?: number;
}

/** A page of stories matching the filter, newest first, with the cursor of the next page. */
export async function listStories(
  db: RadarDb,
  filter: StoryFilter,
  options: ListStoriesOptions = {},
): Promise<{ stories: Story[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const cursor = options.before ? decodeCursor(options.before) : undefined;
  const cursorCondition = cursor
    ? or(lt(stories.publishedAt, new Date(cursor.publishedAt)), and(eq(stories.publishedAt, new Date(cursor.publishedAt)), lt(stories.id, cursor.id)))
    : undefined;
  const rows = await db
    .select()
    .from(stories)
    .where(and(storyFilterCondition(filter), cursorCondition, publishedWithin(options)))
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(toStory);
  const last = page.at(-1);
  return { stories: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/**
 * How many stories a filter matches that were stored after the given one (ids are
 * time-ordered): what a saved view gained since the reader's last visit.
 */
export async function countStoriesStoredAfter(db: RadarDb, sinceId: string, filter: StoryFilter, range: PublishedRange = {}): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(stories)
    .where(and(gt(stories.id, sinceId), storyFilterCondition(filter), publishedWithin(range)));
  return Number(row?.n ?? 0);
}

/** Stories stored after the given one (ids are time-ordered), oldest first: what a reconnecting client missed. */
export async function listStoriesAfter(db: RadarDb, sinceId: string, filter: StoryFilter, limit = 500): Promise<Story[]> {
  const rows = await db
    .select()
    .from(stories)
    .where(and(gt(stories.id, sinceId), storyFilterCondition(filter)))
    .orderBy(stories.id)
    .limit(limit);
  return rows.map(toStory);
}

export interface StoryDetail {
  story: Story;
  mentions: Mention[];
  cluster: Story[];
}

/** One story with its mentions and the other outlets' reports of the same event, newest first. */
export async function getStoryDetail(db: RadarDb, id: string): Promise<StoryDetail | null> {
  const [row] = await db.select().from(stories).where(eq(stories.id, id)).limit(1);
  if (!row) return null;
  const cluster = row.clusterId
    ? await db.select().from(stories).where(eq(stories.clusterId, row.clusterId)).orderBy(desc(stories.publishedAt)).limit(100)
    : [row];
  return { story: toStory(row), mentions: row.mentions, cluster: cluster.map(toStory) };
}

/**
 * How many outlets reported each of these events: distinct feeds among all the stored reports
 * of the cluster, whatever filter or time range listed it (the same reports the story view
 * lists), in one grouped query. A report whose feed was deleted counts by its source's title.
 * Clusters with no stored report are left out.
 */
export async function countClusterOutlets(db: RadarDb, clusterIds: readonly string[]): Promise<Record<string, number>> {
  const wanted = [...new Set(clusterIds)];
  if (wanted.length === 0) return {};
  const rows = await db
    .select({
      clusterId: stories.clusterId,
      outlets: sql<number>`count(distinct coalesce(${stories.feedId}, 'source:' || ${stories.sourceTitle}))::int`,
    })
    .from(stories)
    .where(inArray(stories.clusterId, wanted))
    .groupBy(stories.clusterId);
  return Object.fromEntries(rows.flatMap((row) => (row.clusterId === null ? [] : [[row.clusterId, Number(row.outlets)]])));
}

/** How many stories are stored (only those already on the live stream, when asked). */
export async function countStories(db: RadarDb, options: { streamedOnly?: boolean } = {}): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(stories)
    .where(options.streamedOnly ? sql`not exists (select 1 from ${storyOutbox} where ${storyOutbox.storyId} = ${stories.id})` : undefined);
  return Number(row?.n ?? 0);
}

export interface ClusterSeed {
  id: string;
  title: string;
  summary: string;
  countries: string[];
  companies: string[];
  publishedAt: Date;
  clusterId: string | null;
}

/** Stories published since a time, oldest first: what a poller learns its event window from. */
export async function listStoriesForClustering(db: RadarDb, since: Date, limit = 200_000): Promise<ClusterSeed[]> {
  return db
    .select({
      id: stories.id,
      title: stories.title,
      summary: stories.summary,
      countries: stories.countries,
      companies: stories.companies,
      publishedAt: stories.publishedAt,
      clusterId: stories.clusterId,
    })
    .from(stories)
    .where(gt(stories.publishedAt, since))
    .orderBy(stories.publishedAt, stories.id)
    .limit(limit);
}

/** True when the feed has more unstreamed stories than the ones just stored (a crash left some). */
export async function hasUnstreamedStories(db: RadarDb, feedId: string, justStored: number): Promise<boolean> {
  // the ones just stored are in the outbox too: is there one more?
  const beyond = prepared(db, 'unstreamed_beyond', (d) =>
    d
      .select({ id: storyOutbox.storyId })
      .from(storyOutbox)
      .where(eq(storyOutbox.feedId, sql.placeholder('feedId')))
      .offset(sql.placeholder('justStored'))
      .limit(1),
  );
  return (await beyond.execute({ feedId, justStored })).length > 0;
}

/**
 * Stories stored without a language after the story `afterId` (ids are time-ordered; '' for
 * the first), oldest first: what is read to give stories of feeds that declare none theirs.
 */
export async function storiesWithoutLanguage(db: RadarDb, afterId: string, limit: number): Promise<{ id: string; title: string; summary: string | null }[]> {
  return db
    .select({ id: stories.id, title: stories.title, summary: stories.summary })
    .from(stories)
    .where(and(sql`${stories.lang} is null`, gt(stories.id, afterId)))
    .orderBy(stories.id)
    .limit(limit);
}

/** Gives stories the languages read from their words (a story that has one keeps it). */
export async function setStoryLanguages(db: RadarDb, languages: { id: string; lang: string }[]): Promise<number> {
  if (languages.length === 0) return 0;
  const rows = await executeRows<{ id: string }>(
    db,
    sql`update stories set lang = x.lang
      from jsonb_to_recordset(${JSON.stringify(languages)}::jsonb) as x(id text, lang text)
      where stories.id = x.id and stories.lang is null
      returning stories.id`,
  );
  return rows.length;
}
