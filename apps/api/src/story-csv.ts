import { stringify } from 'csv-stringify/sync';
import { companyName, countryName, topicName, type Story } from '@radar/core';

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
] as const;

const names = (ids: readonly string[], name: (id: string) => string) => ids.map(name).join('; ');

function storyRecord(story: Story): string[] {
  return [
    story.publishedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''),
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
