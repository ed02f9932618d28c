import { StoryFilterSchema, type Story } from '@radar/core';
import { expect, test } from 'vitest';
import { StoryStream } from './story-stream.svelte.ts';

let sequence = 0;
/** A story whose id orders like the server's UUIDv7 ids: later stories get greater ids. */
function story(overrides: Partial<Story> = {}): Story {
  sequence += 1;
  return {
    id: `0193a0c4-${String(sequence).padStart(4, '0')}-7000-8000-000000000000`,
    url: 'https://example.org/story',
    title: 'Regulator opens inquiry',
    summary: '',
    source: { feedId: 'f1', title: 'Example Times' },
    publishedAt: '2026-11-30T10:00:00Z',
    ingestedAt: '2026-11-30T10:00:01Z',
    lang: 'en',
    countries: ['FR'],
    companies: ['meta'],
    topics: [],
    relevant: true,
    score: 0.9,
    clusterId: null,
    ...overrides,
  };
}

const ids = (stories: readonly Story[]) => stories.map((s) => s.id);

test('pages and live stories end up newest first, each once', () => {
  const stream = new StoryStream();
  const [a, b, c, d, e] = [story(), story(), story(), story(), story()];
  stream.addPage([d!, c!], 'cursor-1');
  stream.addPage([c!, b!, a!], null);
  expect(ids(stream.stories)).toEqual(ids([d!, c!, b!, a!]));
  expect(stream.nextCursor).toBeNull();
  expect(stream.loading).toBe(false);

  expect(stream.receive(e!)).toBe('shown');
  expect(stream.receive(e!)).toBe('duplicate');
  expect(stream.receive(d!)).toBe('duplicate');
  expect(ids(stream.stories)).toEqual(ids([e!, d!, c!, b!, a!]));
});

test('a missed story replayed after a reconnect takes its place by id, not at the top', () => {
  const stream = new StoryStream();
  const [older, missed, newer] = [story(), story(), story()];
  stream.addPage([newer!, older!], null);
  stream.receive(missed!);
  expect(ids(stream.stories)).toEqual(ids([newer!, missed!, older!]));
  expect(stream.newestId).toBe(newer!.id);
});

test('live stories that do not match the filter are turned away', () => {
  const stream = new StoryStream();
  stream.reset(StoryFilterSchema.parse({ countries: ['DE'], companies: ['meta'] }));
  expect(stream.receive(story({ countries: ['FR'] }))).toBe('unmatched');
  expect(stream.receive(story({ countries: ['DE'], companies: ['google'] }))).toBe('unmatched');
  expect(stream.receive(story({ countries: ['DE', 'FR'] }))).toBe('shown');
  stream.addPage([story({ countries: ['US'] })], null);
  expect(stream.stories).toHaveLength(1);
});

test('while the reader is scrolled down, new stories wait in the "N new" bar', () => {
  const stream = new StoryStream();
  const first = story();
  stream.addPage([first], null);
  stream.setReading(true);
  const [x, y] = [story(), story()];
  expect(stream.receive(x!)).toBe('held');
  expect(stream.receive(y!)).toBe('held');
  expect(stream.receive(y!)).toBe('duplicate');
  expect(ids(stream.stories)).toEqual([first.id]);
  expect(ids(stream.held)).toEqual(ids([y!, x!]));
  expect(stream.newestId).toBe(y!.id);

  stream.setReading(false);
  expect(stream.held).toHaveLength(0);
  expect(ids(stream.stories)).toEqual(ids([y!, x!, first]));
});

test('pausing holds new stories until resumed, even at the top of the list', () => {
  const stream = new StoryStream();
  stream.setPaused(true);
  const live = story();
  expect(stream.receive(live)).toBe('held');
  stream.setReading(false);
  expect(stream.stories).toHaveLength(0);
  stream.showHeld();
  expect(ids(stream.stories)).toEqual([live.id]);

  const later = story();
  stream.receive(later);
  stream.setPaused(false);
  expect(ids(stream.stories)).toEqual(ids([later, live]));
});

test('a new filter starts an empty stream that accepts stories it has seen before', () => {
  const stream = new StoryStream();
  const seen = story({ countries: ['DE'] });
  stream.addPage([seen], 'next');
  stream.reset(StoryFilterSchema.parse({ countries: ['DE'] }));
  expect(stream.stories).toHaveLength(0);
  expect(stream.loading).toBe(true);
  expect(stream.nextCursor).toBeNull();
  expect(stream.newestId).toBeUndefined();
  expect(stream.receive(seen)).toBe('shown');
});

test('a burst of live stories is merged in one update, deduped and in order', () => {
  const stream = new StoryStream();
  const [a, b, c, d] = [story(), story(), story(), story()];
  stream.addPage([b!], null);
  const before = stream.stories;
  expect(stream.receiveMany([d!, a!, d!, c!, b!, story({ countries: [] })])).toEqual([
    'shown',
    'shown',
    'duplicate',
    'shown',
    'duplicate',
    'shown',
  ]);
  expect(stream.stories).not.toBe(before);
  expect(stream.stories.map((s) => s.id)).toEqual([...stream.stories.map((s) => s.id)].sort().reverse());
  expect(stream.stories).toHaveLength(5);
});

test('stories stand in publication order, as the API pages them; a reconnect resumes from the last one stored', () => {
  const stream = new StoryStream();
  // stored in this order (ids grow) but published in another: a feed added later brings older news
  const morning = story({ publishedAt: '2026-11-30T08:00:00.000Z' });
  const noon = story({ publishedAt: '2026-11-30T12:00:00.000Z' });
  const backfilled = story({ publishedAt: '2026-11-29T09:00:00.000Z' });
  stream.addPage([noon, morning], 'cursor-1');
  const shown = stream.stories;
  stream.addPage([backfilled], null);
  // an older page goes below, without moving what the reader sees
  expect(ids(stream.stories)).toEqual(ids([noon, morning, backfilled]));
  expect(stream.stories.slice(0, 2)).toEqual(shown);
  expect(stream.newestId).toBe(backfilled.id);

  const lateReport = story({ publishedAt: '2026-11-30T10:00:00Z' });
  const breaking = story({ publishedAt: '2026-11-30T12:30:00Z' });
  expect(stream.receiveMany([lateReport, breaking])).toEqual(['shown', 'shown']);
  expect(ids(stream.stories)).toEqual(ids([breaking, noon, lateReport, morning, backfilled]));
  expect(stream.newestId).toBe(breaking.id);
});

/** A report of an event by an outlet (feed id and name), published minutes after 10:00. */
function report(event: string, outlet: string, minute: number, overrides: Partial<Story> = {}): Story {
  return story({
    clusterId: event,
    source: { feedId: `feed-${outlet}`, title: outlet },
    publishedAt: new Date(Date.parse('2026-11-30T10:00:00Z') + minute * 60_000).toISOString(),
    ...overrides,
  });
}

const rowsOf = (stream: StoryStream) => stream.stories.map((row) => ({ id: row.id, outlets: stream.outletsOf(row).count }));

test('one row per event: the newest report, with how many outlets reported it', () => {
  const stream = new StoryStream();
  const wire = report('fine', 'Local Wire', 1);
  const gazette = report('fine', 'Evening Gazette', 5);
  const sports = report('cup', 'Sports Daily', 3);
  const unclustered = story({ clusterId: null, publishedAt: '2026-11-30T09:00:00Z' });
  stream.addPage([gazette, sports, wire, unclustered], null, { fine: 2, cup: 1 });
  expect(rowsOf(stream)).toEqual([
    { id: gazette.id, outlets: 2 },
    { id: sports.id, outlets: 1 },
    { id: unclustered.id, outlets: 1 },
  ]);
  expect(stream.outletsOf(gazette)).toEqual({ count: 2, others: ['Local Wire'], unnamed: 0 });
  // the older report is still known, and belongs to the row of its event
  expect(stream.report(wire.id)).toBe(wire);
  expect(stream.sameEvent(gazette, wire.id)).toBe(true);
  expect(stream.sameEvent(sports, wire.id)).toBe(false);
  expect(stream.sameEvent(sports, null)).toBe(false);
});

test('a newer report of an event arriving live moves its row to the top with the count bumped, never a second row', () => {
  const stream = new StoryStream();
  const first = report('fine', 'Local Wire', 1);
  const second = report('fine', 'Evening Gazette', 2);
  const other = report('cup', 'Sports Daily', 3);
  stream.addPage([other, second, first], null, { fine: 2, cup: 1 });
  expect(ids(stream.stories)).toEqual([other.id, second.id]);

  const third = report('fine', 'Daily Courier', 4);
  expect(stream.receive(third)).toBe('shown');
  expect(rowsOf(stream)).toEqual([
    { id: third.id, outlets: 3 },
    { id: other.id, outlets: 1 },
  ]);
  expect(stream.outletsOf(third).others).toEqual(['Evening Gazette', 'Local Wire']);

  // a late report published before the row only counts; the same outlet filing again is no new outlet
  expect(stream.receive(report('fine', 'Metro', 0))).toBe('counted');
  expect(stream.receive(report('fine', 'Local Wire', 0))).toBe('counted');
  expect(stream.receive(third)).toBe('duplicate');
  expect(rowsOf(stream)).toEqual([
    { id: third.id, outlets: 4 },
    { id: other.id, outlets: 1 },
  ]);
});

test('a burst holding several reports of one event makes one row, the newest', () => {
  const stream = new StoryStream();
  const old = report('fine', 'Local Wire', 1);
  stream.addPage([old], null, { fine: 1 });
  const [a, b, c] = [report('fine', 'Evening Gazette', 3), report('fine', 'Daily Courier', 5), report('fine', 'Metro', 2)];
  expect(stream.receiveMany([a, b, c])).toEqual(['shown', 'shown', 'counted']);
  expect(rowsOf(stream)).toEqual([{ id: b.id, outlets: 4 }]);
});

test('while the reader is scrolled down, the "N new" bar counts events, and showing them moves each row up', () => {
  const stream = new StoryStream();
  const fine = report('fine', 'Local Wire', 1);
  const cup = report('cup', 'Sports Daily', 2);
  stream.addPage([cup, fine], null, { fine: 1, cup: 1 });
  stream.setReading(true);

  const fine2 = report('fine', 'Evening Gazette', 3);
  const fine3 = report('fine', 'Daily Courier', 4);
  const vote = report('vote', 'Local Wire', 5);
  expect(stream.receiveMany([fine2, vote])).toEqual(['held', 'held']);
  expect(stream.receive(fine3)).toBe('held');
  // a late report of a held event published before its held row only counts
  expect(stream.receive(report('fine', 'Metro', 2))).toBe('counted');
  expect(ids(stream.held)).toEqual([vote.id, fine3.id]);
  // nothing moved under the reader's eyes, but the count is already right
  expect(ids(stream.stories)).toEqual([cup.id, fine.id]);
  expect(stream.outletsOf(fine).count).toBe(4);

  stream.setReading(false);
  expect(stream.held).toHaveLength(0);
  expect(rowsOf(stream)).toEqual([
    { id: vote.id, outlets: 1 },
    { id: fine3.id, outlets: 4 },
    { id: cup.id, outlets: 1 },
  ]);
});

test('an older page holding reports of events already shown adds no row for them, only their outlets', () => {
  const stream = new StoryStream();
  const fine = report('fine', 'Evening Gazette', 50);
  const cup = report('cup', 'Sports Daily', 40);
  stream.addPage([fine, cup], 'cursor-1', { fine: 3, cup: 1 });
  const firstRows = stream.stories;

  const fineEarlier = report('fine', 'Local Wire', 20);
  const vote = report('vote', 'Daily Courier', 10);
  const cupEarlier = report('cup', 'Metro', 5);
  stream.addPage([fineEarlier, vote, cupEarlier], null, { fine: 3, cup: 2, vote: 1 });
  expect(rowsOf(stream)).toEqual([
    { id: fine.id, outlets: 3 },
    { id: cup.id, outlets: 2 },
    { id: vote.id, outlets: 1 },
  ]);
  // the rows the reader sees stay where they were
  expect(stream.stories.slice(0, 2)).toEqual(firstRows);
  // three outlets counted by the API, two seen: the third is named in the story view
  expect(stream.outletsOf(fine)).toEqual({ count: 3, others: ['Local Wire'], unnamed: 1 });
  expect(stream.nextCursor).toBeNull();
});

test("the API's outlet counts cover reports not loaded; a new outlet live adds one, a late smaller answer never lowers it", () => {
  const stream = new StoryStream();
  const fine = report('fine', 'Evening Gazette', 5);
  stream.addPage([fine], 'cursor-1', { fine: 5 });
  expect(stream.outletsOf(fine).count).toBe(5);
  const live = report('fine', 'Daily Courier', 6);
  stream.receive(live);
  expect(stream.outletsOf(live)).toEqual({ count: 6, others: ['Evening Gazette'], unnamed: 4 });
  stream.addPage([], null, { fine: 5 });
  expect(stream.outletsOf(live).count).toBe(6);
});

test('an event shows when any of its reports matches the filter: its newest matching report is the row', () => {
  const stream = new StoryStream();
  stream.reset(StoryFilterSchema.parse({ countries: ['DE'] }));
  const berlin = report('fine', 'Local Wire', 1, { countries: ['DE'] });
  const paris = report('fine', 'Evening Gazette', 5, { countries: ['FR'] });
  // the API sends only matching reports, but counts every outlet of the event
  stream.addPage([berlin], null, { fine: 2 });
  expect(rowsOf(stream)).toEqual([{ id: berlin.id, outlets: 2 }]);
  expect(stream.receive(paris)).toBe('unmatched');
  const bonn = report('fine', 'Daily Courier', 6, { countries: ['DE'] });
  expect(stream.receive(bonn)).toBe('shown');
  expect(rowsOf(stream)).toEqual([{ id: bonn.id, outlets: 3 }]);
});

test('a new filter forgets the events and their counts', () => {
  const stream = new StoryStream();
  const fine = report('fine', 'Evening Gazette', 5);
  stream.addPage([fine, report('fine', 'Local Wire', 1)], null, { fine: 2 });
  stream.reset(StoryFilterSchema.parse({ companies: ['meta'] }));
  expect(stream.outletsOf(fine).count).toBe(1);
  expect(stream.report(fine.id)).toBeUndefined();
  expect(stream.receive(fine)).toBe('shown');
  expect(rowsOf(stream)).toEqual([{ id: fine.id, outlets: 1 }]);
});

test("an editor's correction replaces the stream's copy in place, and takes away a row the filter no longer matches", () => {
  const stream = new StoryStream();
  stream.reset(StoryFilterSchema.parse({ countries: ['FR'] }));
  const older = story({ publishedAt: '2026-11-30T09:00:00Z' });
  const newer = story({ publishedAt: '2026-11-30T10:00:00Z' });
  stream.addPage([newer, older], null);

  const tagged = { ...older, topics: ['privacy-data-protection'], tagsEditedAt: '2026-12-01T08:00:00Z' };
  expect(stream.edit(tagged)).toBe(true);
  expect(stream.stories).toEqual([newer, tagged]);
  expect(stream.report(older.id)).toBe(tagged);

  // no longer about France: gone from a France view
  expect(stream.edit({ ...newer, countries: ['DE'] })).toBe(true);
  expect(ids(stream.stories)).toEqual([older.id]);
  // a story the stream never had, still not about France, stays out
  expect(stream.edit(story({ countries: ['DE'] }))).toBe(false);
  expect(ids(stream.stories)).toEqual([older.id]);

  // a row waiting behind the "N new" bar is corrected there
  stream.setReading(true);
  const live = story({ publishedAt: '2026-11-30T11:00:00Z' });
  expect(stream.receive(live)).toBe('held');
  stream.edit({ ...live, companies: [] });
  expect(stream.held).toEqual([{ ...live, companies: [] }]);
  stream.edit({ ...live, countries: [] });
  expect(stream.held).toEqual([]);
});

test('a report leaving a view after a correction gives its row to another report of the event that still matches', () => {
  const stream = new StoryStream();
  stream.reset(StoryFilterSchema.parse({ countries: ['FR'] }));
  const first = report('cnil', 'Local Wire', 1);
  const second = report('cnil', 'Evening Gazette', 2);
  const other = report('dsa', 'Local Wire', 3);
  stream.addPage([other, second, first], null, { cnil: 2 });
  expect(rowsOf(stream)).toEqual([
    { id: other.id, outlets: 1 },
    { id: second.id, outlets: 2 },
  ]);

  // the Gazette's report was not about France after all: the Wire's report is the event's row now
  expect(stream.edit({ ...second, countries: ['BE'] })).toBe(true);
  expect(ids(stream.stories)).toEqual([other.id, first.id]);
  // and when the last report of the event leaves, so does the event
  stream.edit({ ...first, countries: ['BE'] });
  expect(ids(stream.stories)).toEqual([other.id]);
  // a correction back brings it back, in its place
  expect(stream.edit(second)).toBe(true);
  expect(ids(stream.stories)).toEqual([other.id, second.id]);
});

test('a story matching a view only after a correction joins it where it falls among the stories loaded', () => {
  const stream = new StoryStream();
  stream.reset(StoryFilterSchema.parse({ countries: ['FR'] }));
  const at = (hour: number, overrides: Partial<Story> = {}) => story({ publishedAt: `2026-11-30T${String(hour).padStart(2, '0')}:00:00Z`, ...overrides });
  const [newest, oldestLoaded] = [at(12), at(8)];
  stream.addPage([newest, oldestLoaded], 'cursor-1');

  const between = at(10, { countries: ['FR', 'DE'] });
  expect(stream.edit(between)).toBe(true);
  expect(ids(stream.stories)).toEqual(ids([newest, between, oldestLoaded]));
  // one the dashboard's time range leaves out stays out
  expect(stream.edit(at(11), () => false)).toBe(false);
  // one older than every story loaded comes with the page that reaches it, not before
  const older = at(6);
  expect(stream.edit(older)).toBe(false);
  expect(stream.stories).toHaveLength(3);
  // once every page is loaded, it goes at the end
  stream.addPage([], null);
  expect(stream.edit(older)).toBe(true);
  expect(ids(stream.stories)).toEqual(ids([newest, between, oldestLoaded, older]));
  // a live copy of it arriving afterwards is not a second row
  expect(stream.receive(older)).toBe('duplicate');
});
