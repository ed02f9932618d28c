import { stringify } from 'csv-stringify/sync';
import { companyName, countryName, topicName, type Story } from '@radar/core';
import type { TimeCounts } from '@radar/db';

/** The columns of a stories export, in order: what an analyst sorts, filters and cites in a spreadsheet. */
export const STORY_CSV_COLUMNS = [
  'Published (UTC)',
  'Title',
  'Source',
  'Folder',
  'URL',
  'Countries',
  'Companies',
  'Topics',
  'Policy',
  'Score',
  'Language',
  'Summary',
  'Event',
  'Story id',
  'Pinned (UTC)',
] as const;

/** A stored time as a spreadsheet reads it: "2026-11-29 08:30:00". */
const csvTime = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');

const names = (ids: readonly string[], name: (id: string) => string) => ids.map(name).join('; ');

function storyRecord(story: Story): string[] {
  return [
    csvTime(story.publishedAt),
    story.title,
    story.source.title,
    story.source.folder ?? '',
    story.url,
    names(story.countries, countryName),
    names(story.companies, companyName),
    names(story.topics, topicName),
    story.relevant ? 'yes' : 'no',
    story.score.toFixed(2),
    story.lang ?? '',
    story.summary,
    story.clusterId ?? '',
    story.id,
    story.pinnedAt ? csvTime(story.pinnedAt) : '',
  ];
}

/**
 * Stories as CSV rows (RFC 4180, CRLF), with the header first when `header` is set. A feed's
 * text is untrusted: a cell starting like a formula (=, +, -, @) is written with a leading
 * apostrophe, so a spreadsheet shows it instead of running it.
 */
export function storiesCsv(stories: Story[], header: boolean): string {
  const records = stories.map(storyRecord);
  return stringify(header ? [[...STORY_CSV_COLUMNS], ...records] : records, { escape_formulas: true, record_delimiter: 'windows' });
}

/**
 * Stories over time as CSV: one row per hour or day, the stories of all values and those of
 * each value with a series (by name), for a chart in a spreadsheet. Hours are written in UTC;
 * days as the dates of `timeZone`, where they begin.
 */
export function timelineCsv(counts: TimeCounts, timeZone: string): string {
  const name = counts.by === 'country' ? countryName : companyName;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const when = (start: string) => (counts.bucket === 'day' ? day.format(Date.parse(start)) : `${start.slice(0, 10)} ${start.slice(11, 16)}`);
  const header = [counts.bucket === 'day' ? `Day (${timeZone})` : 'Hour starting (UTC)', 'All stories', ...counts.series.map((series) => name(series.id))];
  const rows = counts.buckets.map((start, i) => [when(start), String(counts.total[i] ?? 0), ...counts.series.map((series) => String(series.counts[i] ?? 0))]);
  return stringify([header, ...rows], { escape_formulas: true, record_delimiter: 'windows' });
}

/** A CSV file to download, named `policy-radar-<name>-<today>.csv`, never cached. */
export function csvDownload(body: BodyInit, name: string): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="policy-radar-${name}-${day}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
