import { z } from 'zod';
import { TAG_KINDS, tagName } from './taxonomy.ts';

/**
 * A country, company or topic with far more stories in the last 24 hours than usual: what a
 * rising alert fires on, and what the overview's "Rising" card lists.
 */
export const RisingSignalSchema = z.object({
  kind: z.enum(TAG_KINDS),
  id: z.string(),
  /** Stories in the last 24 hours. */
  recent: z.number().int(),
  /** Stories a day, on average, over the baseline days before. */
  usual: z.number(),
  /** How many days before set what is usual. */
  baselineDays: z.number().int(),
});
export type RisingSignal = z.infer<typeof RisingSignalSchema>;

/** How far above usual a value is: "×12", "×2.5", or "New" when it had no stories before. */
export function risingFactor(value: Pick<RisingSignal, 'recent' | 'usual'>): string {
  if (value.usual === 0) return 'New';
  const factor = value.recent / value.usual;
  return `×${factor >= 10 ? Math.round(factor) : Number(factor.toFixed(1))}`;
}

/** What is usual for a value: "usually 2 a day", "usually 0.4 a day", "none in the 14 days before". */
export function usualPhrase(value: Pick<RisingSignal, 'usual'>, baselineDays: number): string {
  if (value.usual !== 0) return `usually ${value.usual.toLocaleString('en')} a day`;
  return baselineDays === 1 ? 'none the day before' : `none in the ${baselineDays} days before`;
}

/** "Ghana", "Brazil and X", "Brazil, X and Censorship & shutdowns": words as a list in prose. */
export const andList = (words: readonly string[]): string =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

const namesOf = (signals: readonly Pick<RisingSignal, 'kind' | 'id'>[]): string => andList(signals.map((signal) => tagName(signal.kind, signal.id)));

/** "Ghana is rising", "Brazil and X are rising": what a rising alert's firing is about. */
export const risingHeadline = (signals: readonly Pick<RisingSignal, 'kind' | 'id'>[]): string =>
  `${namesOf(signals)} ${signals.length === 1 ? 'is' : 'are'} rising`;

/** "5 stories in the last 24 hours, usually 0.3 a day" */
export const risingDetail = (signal: RisingSignal): string =>
  `${signal.recent} ${signal.recent === 1 ? 'story' : 'stories'} in the last 24 hours, ${usualPhrase(signal, signal.baselineDays)}`;

/**
 * The figures of each value that rose, a line each: the detail alone for one value, named for
 * several ("Brazil: 3 stories in the last 24 hours, none in the 14 days before").
 */
export const risingLines = (signals: readonly RisingSignal[]): string[] =>
  signals.length === 1 ? [risingDetail(signals[0]!)] : signals.map((signal) => `${tagName(signal.kind, signal.id)}: ${risingDetail(signal)}`);

/** "Ghana is rising: 5 stories in the last 24 hours, usually 0.3 a day", the values' lines after one another. */
export const risingSentence = (signals: readonly RisingSignal[]): string => `${risingHeadline(signals)}: ${risingLines(signals).join('; ')}`;
