import { companyName, countryName, topicName, type RisingSignal, type Story } from '@radar/core';

/** What an alert message is about: the alert's id and name, and what rose for a rising alert's. */
export interface AlertRef {
  id: string;
  name: string;
  /** For a rising alert's firing: the values its story made rise, the most unusual first. */
  rising?: RisingSignal[] | null;
}

/** "France, EU · Meta · Content moderation": the tags of a story in words. */
export function storyTagLine(story: Pick<Story, 'countries' | 'companies' | 'topics'>): string {
  return [story.countries.map(countryName), story.companies.map(companyName), story.topics.map(topicName)]
    .filter((names) => names.length > 0)
    .map((names) => names.join(', '))
    .join(' · ');
}
